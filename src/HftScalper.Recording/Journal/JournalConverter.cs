using HftScalper.Binance.Parsing;
using HftScalper.Core.Events;
using HftScalper.Core.Frames;

namespace HftScalper.Recording.Journal;

/// <summary>Copies every frame of a source into a journal (<c>hft convert --to journal</c>).</summary>
public static class JournalConverter
{
    /// <summary>Writes all frames of <paramref name="source"/> with a writer made from <paramref name="options"/>;
    /// returns the writer's counters. Frames are copied unchanged (time, origin, symbol, stream, payload bytes).</summary>
    /// <param name="source">The frames to copy.</param>
    /// <param name="options">Where and how to write. When <see cref="JournalWriterOptions.Symbols"/> is given (the
    /// registry the source registers its symbols in), each frame is parsed into it before it is written, exactly as a
    /// replay parses it, so every segment header lists each symbol met so far with the specification a replay registers
    /// (a raw frame names its symbol only inside its JSON: without the parse, the registry would hold only what the
    /// source itself registers, e.g. a REST snapshot's symbol at generic scales).</param>
    /// <param name="autoRegisterVenue">Venue the parse registers unknown symbols under (as replay's).</param>
    public static JournalStats Convert(IRawFrameSource source, JournalWriterOptions options, string? autoRegisterVenue = "binance-spot")
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        using var writer = new JournalWriter(options with { FlushMode = JournalFlushMode.WhenFull });
        var parser = options.Symbols is { } registry
            ? new BinanceParser(registry, new BinanceParserOptions { AutoRegisterVenue = autoRegisterVenue, MarkReplayed = true })
            : null;
        var events = new MarketEventBuffer(16_384);
        while (source.TryRead(out var frame))
        {
            if (parser is not null)
            {
                events.Clear();
                parser.Parse(in frame, events);
                // A symbol met after the segment opened gets a segment whose header lists it: a REST snapshot frame
                // carries its symbol's id, which the reader maps through the header (unlisted, the id passed on as
                // recorded and named another symbol in the replay's registry: crossed books, lost syncs).
                writer.EnsureHeaderSymbols(frame.LocalTimeNs, options.Symbols!.Count);
            }
            writer.Append(in frame);
        }
        writer.Flush();
        return writer.Stats;
    }
}
