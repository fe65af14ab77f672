using HftScalper.Core.Events;

namespace HftScalper.Recording.Journal;

/// <summary>
/// Where damage cut an event journal: blocks hold a fixed number of events, so a block boundary falls anywhere,
/// also inside one exchange message (a depth update or snapshot written as several events, only the last flagged
/// <see cref="MarketEventFlags.LastInMessage"/>). When damage (a corrupt block, a torn tail, a skipped segment) lies
/// between two good blocks, the stream on either side of it is cut mid-message:
/// <list type="bullet">
/// <item>before it, the book sync is left inside a message whose rest is lost: its book has half a message applied,
/// and it would take the next good events as that message's rest, applied without an update-id check (a book silently
/// wrong: one damaged block of a BTCUSDT journal lost 157 depth messages with no gap counted, and crossed the book).
/// The seam then emits a <see cref="FeedStatus.Gap"/> status event for that symbol: its book is discarded and resynced;</item>
/// <item>after it, the first good events may be the rest of a message whose start is lost: they are dropped up to the
/// end of that message (counted as skipped bytes), so the next whole message's update ids reveal any gap.</item>
/// </list>
/// Called once per block (off the per-event path). Blocks read without damage between them are untouched.
/// </summary>
internal sealed class EventJournalSeam
{
    private readonly JournalStats _stats;
    private long _damageSeen;     // damage counters when the previous good block was handed out
    private bool _dropMessageRest; // dropping the rest of a message whose start was lost (may span blocks)
    private MarketEvent _last;     // last event of the previous good block (remapped)
    private bool _haveLast;

    public EventJournalSeam(JournalStats stats) => _stats = stats;

    /// <summary>Status events emitted for a message cut by damage.</summary>
    public long CutMessages { get; private set; }

    /// <summary>Events dropped as the rest of a message whose start was lost.</summary>
    public long DroppedEvents { get; private set; }

    private long Damage => _stats.DiscardedBytes + _stats.CorruptRecords + _stats.TornTails;

    /// <summary>Takes the damage counted so far as no loss of events (a damaged segment header read under a sibling's).</summary>
    public void Absorb() => _damageSeen = Damage;

    /// <summary>Remembers the last event of the block about to be left (called before the next block is read).</summary>
    public void Leaving(in MarketEvent last)
    {
        _last = last;
        _haveLast = true;
    }

    /// <summary>
    /// A new good block of <paramref name="events"/> is about to be handed out. Returns how many of its leading events
    /// to drop, and sets <paramref name="status"/> (a <see cref="FeedStatus.Gap"/> status event to hand out first) when
    /// damage cut the previous block's last message.
    /// </summary>
    public int Entering(ReadOnlySpan<MarketEvent> events, Action<string> log, string path, out MarketEvent? status)
    {
        status = null;
        long damage = Damage;
        if (damage != _damageSeen)
        {
            _damageSeen = damage;
            if (_haveLast && InsideMessage(in _last))
            {
                status = Cut(in _last);
                CutMessages++;
                log($"event journal: {path}: damage cut a depth message of symbol id {_last.SymbolId}; its half-applied book is discarded and resynced");
            }
            _dropMessageRest = events.Length > 0 && ContinuesMessage(in events[0]);
        }
        if (!_dropMessageRest) return 0;
        int drop = 0;
        while (drop < events.Length)
        {
            if (events[drop++].IsLastInMessage)
            {
                _dropMessageRest = false;
                break;
            }
        }
        DroppedEvents += drop;
        _stats.PayloadBytes -= (long)drop * MarketEvent.Size; // read, but not handed out: every byte returned or counted
        _stats.DiscardedBytes += (long)drop * MarketEvent.Size;
        _damageSeen = Damage; // our own count is not new damage
        log($"event journal: {path}: dropped {drop} events of a message whose start was lost to damage");
        return drop;
    }

    // A depth or snapshot event that is not its message's last: the message goes on in the next event.
    private static bool InsideMessage(in MarketEvent e) =>
        e.Kind is MarketEventKind.BookDelta or MarketEventKind.SnapshotLevel && !e.IsLastInMessage;

    // The first event after damage cannot start a message unless it is a snapshot's first level or a one-event message:
    // a depth event may be the rest of a message whose start was lost (events carry no first-in-message flag), so its
    // message is dropped whole; that is never wrong (the update-id chain then decides whether the book stays synced).
    private static bool ContinuesMessage(in MarketEvent e) =>
        e.Kind is MarketEventKind.BookDelta || (e.Kind is MarketEventKind.SnapshotLevel && (e.Flags & MarketEventFlags.SnapshotStart) == 0);

    private static MarketEvent Cut(in MarketEvent last)
    {
        var e = default(MarketEvent);
        e.Kind = MarketEventKind.Status;
        e.UpdateId = (long)FeedStatus.Gap;
        e.SymbolId = last.SymbolId;
        e.LocalTimeNs = last.LocalTimeNs;
        e.ExchangeTimeNs = last.ExchangeTimeNs;
        e.Flags = MarketEventFlags.LastInMessage | MarketEventFlags.Replayed;
        return e;
    }
}
