using HftScalper.Binance.Parsing;
using HftScalper.Core.Feeds;

namespace HftScalper.Binance.Feeds;

/// <summary>
/// The optional side of an <see cref="IMarketEventFeed"/> that parses Binance frames: its parser's counters
/// (rejects by reason, duplicates, slow-path frames), which the venue-neutral contract does not carry. Replay,
/// summary and book-check code asks for it with <c>feed as IFrameParsingFeed</c>; the replay adapter
/// (<see cref="BinanceEventFeed"/>) implements it, and so will the live WebSocket feed.
/// </summary>
public interface IFrameParsingFeed
{
    /// <summary>The parser's counters; null when the feed forwards ready-made events and parses nothing.</summary>
    ParseCounters? ParseCounters { get; }
}
