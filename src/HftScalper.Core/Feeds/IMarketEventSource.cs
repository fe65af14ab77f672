using HftScalper.Core.Events;

namespace HftScalper.Core.Feeds;

/// <summary>
/// A stream of ready-made <see cref="MarketEvent"/>s in time order, for formats that are not exchange JSON frames
/// (event journals, Binance public-data CSVs, Lean ticks, LOBSTER). Frame formats use
/// <see cref="Frames.IRawFrameSource"/> and go through a parser instead. Reading allocates nothing per event in
/// steady state. Consumers read it through an <see cref="IMarketEventFeed"/> (the Binance adapter), which cuts it
/// into exchange messages.
/// </summary>
/// <remarks>
/// Message boundaries: the last event of a multi-event message (a depth update, a snapshot) carries
/// <see cref="MarketEventFlags.LastInMessage"/>; any other event (top of book, trade, status, clock) is a message
/// of its own whether flagged or not.
/// </remarks>
public interface IMarketEventSource : IDisposable
{
    /// <summary>Human-readable description for logs (file names).</summary>
    string Description { get; }

    /// <summary>Reads the next event; false at the end. Bad rows are counted by the source and skipped, never thrown.</summary>
    bool TryRead(out MarketEvent ev);

    /// <summary>True for a format whose quote is the market state: L1 quotes and trades with no depth stream to sync a
    /// book from (Lean tick zips, Binance public-data CSVs). False (the default) for formats carrying depth (the event
    /// journal, LOBSTER). What <see cref="IMarketEventFeed.QuoteIsMarketState"/> reports for a feed of these events.</summary>
    bool QuoteIsMarketState => false;
}
