using HftScalper.Binance.Parsing;
using HftScalper.Core.Events;
using HftScalper.Recording.Replay;

namespace HftScalper.Recording.Journal;

/// <summary>
/// Writes a recording as an event journal (<c>hft convert --to events</c>): raw frames are parsed exactly as
/// <see cref="ReplayDriver"/> parses them on replay (same parser options, <see cref="MarketEventFlags.Replayed"/>
/// set), event formats are copied, so replaying the journal gives the identical event sequence and digest.
/// </summary>
/// <remarks>The journal bakes in the parse decisions of this version (scales, flags); the book sync still runs
/// on replay, since it consumes events.</remarks>
public static class EventJournalConverter
{
    /// <summary>Converts <paramref name="source"/> with a writer made from <paramref name="options"/>, whose
    /// <see cref="JournalWriterOptions.Symbols"/> must be the registry the source registers its symbols in.</summary>
    /// <param name="source">An opened recording (<see cref="ReplaySourceFactory"/>).</param>
    /// <param name="options">Where and how to write; <see cref="JournalWriterOptions.Symbols"/> required.</param>
    /// <param name="autoRegisterVenue">Venue the parser registers unknown symbols under (as <see cref="ReplayDriverOptions.AutoRegisterVenue"/>).</param>
    /// <param name="blockEvents">Events per block.</param>
    /// <returns>Events written, frames parsed (0 for event formats), and the writer's counters.</returns>
    public static (long Events, long Frames, JournalStats Stats) Convert(ReplaySource source, JournalWriterOptions options,
        string? autoRegisterVenue = "binance-spot", int blockEvents = EventJournalFormat.DefaultBlockEvents)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var registry = options.Symbols ?? throw new ArgumentException("the registry of the source's symbols is required", nameof(options));
        using var writer = new EventJournalWriter(options with
        {
            FlushMode = JournalFlushMode.WhenFull,
            Source = options.Source.Length > 0 ? options.Source : source.Description,
        }, blockEvents);
        long frames = 0;
        if (source.Frames is { } frameSource)
        {
            var parser = new BinanceParser(registry, new BinanceParserOptions { AutoRegisterVenue = autoRegisterVenue, MarkReplayed = true });
            var buffer = new MarketEventBuffer(16_384);
            while (frameSource.TryRead(out var frame))
            {
                frames++;
                buffer.Clear();
                parser.Parse(in frame, buffer);
                writer.Append(buffer.Events);
            }
        }
        else
        {
            var events = source.Events!;
            while (events.TryRead(out var ev)) writer.Append(in ev);
        }
        writer.Flush();
        return (writer.Events, frames, writer.Stats);
    }
}
