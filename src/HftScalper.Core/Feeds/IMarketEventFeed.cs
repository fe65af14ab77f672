using HftScalper.Core.Events;

namespace HftScalper.Core.Feeds;

/// <summary>
/// The one event source of every consumer (the trading pipeline, the replay driver, book-check, feature and
/// dataset replay, event-journal conversion): a pull stream of whole exchange messages, each handed out as the
/// <see cref="MarketEvent"/>s it produced.
/// <code>
///  recording / simulator / (live socket) --frames--> parser --+
///                                                             +--> IMarketEventFeed --> one message's events (borrowed span)
///  event journal / CSV / Lean / LOBSTER  --events-------------+
/// </code>
/// </summary>
/// <remarks>
/// <para>Borrowed spans: a span returned by <see cref="TryReadMessage"/> or <see cref="TryReadMessages"/> points into
/// the feed's own buffer and is valid only until the next read; copy what must outlive it (a ring slot copy is
/// such a copy). Reading allocates nothing per call in steady state (a message larger than any seen before may
/// grow the buffer once).</para>
/// <para>Message boundaries are kept: a span never ends inside a message, so a consumer may act on a consistent
/// book after each span. A message can yield no event at all (a rejected or unknown frame): the read returns
/// true with an empty span, so counters and progress still move.</para>
/// <para>Replay and live are the same contract. A replay feed returns false at the end of its source. A live feed
/// (a WebSocket client) blocks in the read until the next message arrives and returns false once it is stopped or
/// its cancellation token fires; reconnects and resyncs appear as <see cref="MarketEventKind.Status"/> events in
/// the stream, never as a false return. Counters are read by the consuming thread (or, for progress, racily from
/// another one).</para>
/// <para>Venue-specific counters (the Binance parser's rejects and duplicates) are not part of this contract; the
/// venue's adapter exposes them through its own optional interface.</para>
/// <para>Not thread-safe: one consumer thread reads a feed.</para>
/// </remarks>
public interface IMarketEventFeed
{
    /// <summary>Human-readable description of what is read (file names, simulator seed, endpoint).</summary>
    string Description { get; }

    /// <summary>Raw exchange frames read so far (0 for a feed of ready-made events, which has no frames).</summary>
    long Frames { get; }

    /// <summary>Events handed out so far.</summary>
    long Events { get; }

    /// <summary>
    /// <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> at which the message last read entered the process:
    /// when its bytes were received (live) or taken from the source, before parsing (replay). Where tick-to-decision
    /// latency starts; never a wall-clock time.
    /// </summary>
    long ReceivedTimestamp { get; }

    /// <summary>
    /// Reads the next exchange message. False at the end (replay) or once stopped (live); true with the message's
    /// events otherwise (possibly none). <paramref name="message"/> is valid until the next read.
    /// </summary>
    bool TryReadMessage(out ReadOnlySpan<MarketEvent> message);

    /// <summary>
    /// Reads one or more whole messages at once, for consumers that need no per-message step (a replay ring, a
    /// journal writer): a feed of ready-made events returns what it has buffered (whole journal blocks, cut at the
    /// last message boundary), a frame feed returns one frame's message. Same end, validity and boundary rules as
    /// <see cref="TryReadMessage"/>, and the two interleave freely.
    /// </summary>
    bool TryReadMessages(out ReadOnlySpan<MarketEvent> messages);

    /// <summary>
    /// True when the feed's quote is the market state: its events come from an L1 format with no depth stream to sync a
    /// book from (Lean tick zips, Binance public-data CSVs: <see cref="IMarketEventSource.QuoteIsMarketState"/>), so a
    /// decision counts while its quote is two-sided and uncrossed (<c>DecisionInfo.Tradable</c>). False (the default)
    /// for exchange frames — recordings, the simulator, live sockets — and event formats carrying depth (the event
    /// journal, LOBSTER), where only a synced depth book is the market state.
    /// </summary>
    bool QuoteIsMarketState => false;
}
