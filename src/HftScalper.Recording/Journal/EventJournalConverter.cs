using HftScalper.Core.Events;
using HftScalper.Core.Feeds;
using HftScalper.Recording.Replay;

namespace HftScalper.Recording.Journal;

/// <summary>
/// Writes a recording as an event journal (<c>hft convert --to events</c>): it reads the same feed every replay
/// reads (<see cref="Binance.Feeds.BinanceEventFeed"/>: raw frames parsed with the replay parser,
/// <see cref="MarketEventFlags.Replayed"/> set; event formats copied), so replaying the journal gives the identical
/// event sequence and digest.
/// </summary>
/// <remarks>The journal bakes in the parse decisions of this version (scales, flags); the book sync still runs
/// on replay, since it consumes events.</remarks>
public static class EventJournalConverter
{
    /// <summary>Converts <paramref name="source"/> with a writer made from <paramref name="options"/>, whose
    /// <see cref="JournalWriterOptions.Symbols"/> must be the registry the source registers its symbols in.</summary>
    /// <param name="source">An opened recording (<see cref="ReplaySourceFactory"/>), read through its feed.</param>
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
        return Convert(source.Feed(registry, autoRegisterVenue), options, blockEvents);
    }

    /// <summary>Writes every event of <paramref name="feed"/>, whose symbols live in
    /// <see cref="JournalWriterOptions.Symbols"/> (required), as an event journal.</summary>
    public static (long Events, long Frames, JournalStats Stats) Convert(IMarketEventFeed feed, JournalWriterOptions options,
        int blockEvents = EventJournalFormat.DefaultBlockEvents)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Symbols is null) throw new ArgumentException("the registry of the source's symbols is required", nameof(options));
        using var writer = new EventJournalWriter(options with
        {
            FlushMode = JournalFlushMode.WhenFull,
            Source = options.Source.Length > 0 ? options.Source : feed.Description,
            QuoteIsMarketState = feed.QuoteIsMarketState,
        }, blockEvents);
        while (feed.TryReadMessages(out var events)) writer.Append(events);
        writer.Flush();
        return (writer.Events, feed.Frames, writer.Stats);
    }
}
