using System.Runtime.CompilerServices;
using HftScalper.Core.Events;
using HftScalper.Native;

namespace HftScalper.Binance.Sync;

/// <summary>
/// The sync state machine of one symbol: its native book, its pre-allocated buffer of depth events received
/// while no snapshot is applied, and the update id the book is at. Driven event by event, in order.
/// </summary>
internal sealed class SymbolBookSync : IDisposable
{
    private enum MessageMode : byte { None, Apply, Drop, Buffer, Discard }

    private readonly BookSyncCounters _counters;
    private readonly DepthSyncRule _rule;
    private readonly MarketEvent[] _buffer;
    private int _buffered;
    private MessageMode _mode;          // decision for the depth message in flight
    private bool _inMessage;
    private bool _snapshotApplying;    // inside a snapshot being applied
    private bool _snapshotIgnoring;    // inside a snapshot being ignored
    private long _snapshotId;
    private bool _awaitingFirst;       // futures: the first message after the snapshot has its own rule
    private bool _everSynced;
    private int _state;                // BookSyncState, read by other threads

    public SymbolBookSync(int symbolId, BookSyncOptions options, BookSyncCounters counters)
    {
        SymbolId = symbolId;
        _counters = counters;
        _rule = options.Rule;
        _buffer = new MarketEvent[options.MaxBufferedEvents];
        Book = new NativeOrderBook(Math.Min(8192, options.MaxLevelsPerSide), options.MaxLevelsPerSide);
        SnapshotRequested = true;
    }

    public int SymbolId { get; }

    public NativeOrderBook Book { get; }

    public BookSyncState State
    {
        get => (BookSyncState)Volatile.Read(ref _state);
        private set => Volatile.Write(ref _state, (int)value);
    }

    /// <summary>Final update id the book is consistent at (valid when synced or stale).</summary>
    public long BookId { get; private set; }

    public volatile bool SnapshotRequested;

    public long LastDepthTimeNs { get; private set; }

    public int BufferedEvents => _buffered;

    private bool HasBook => State is BookSyncState.Synced or BookSyncState.Stale;

    public SyncOutcome OnDepth(in MarketEvent e, long timeNs)
    {
        if (!_inMessage)
        {
            _counters.Diffs++;
            LastDepthTimeNs = timeNs;
        }
        return OnDepthCore(in e, replaying: false);
    }

    /// <summary>
    /// Depth events of this symbol, normally one whole message (only its last event flagged last-in-message). One that chains
    /// onto a synced book and has only valid levels is applied in one native call; any other goes event by event.
    /// Returns the first gap, crossed, restart or overflow outcome of the message, else its last event's outcome.
    /// </summary>
    public SyncOutcome OnDepthMessage(ReadOnlySpan<MarketEvent> message, long timeNs)
    {
        if (CanApplyWhole(message)) return ApplyWhole(message, timeNs);
        var outcome = SyncOutcome.None;
        for (int i = 0; i < message.Length; i++)
        {
            var o = OnDepth(in message[i], timeNs);
            if (outcome is not (SyncOutcome.Gap or SyncOutcome.Crossed or SyncOutcome.Restarted or SyncOutcome.Overflow)) outcome = o;
        }
        return outcome;
    }

    /// <summary>Applies a message <see cref="CanApplyWhole"/> accepted (the caller checked it, and nothing that can
    /// change its answer happened since: a stale check only turns synced into stale) in one native call.</summary>
    public SyncOutcome ApplyWhole(ReadOnlySpan<MarketEvent> message, long timeNs)
    {
        _counters.Diffs++;
        LastDepthTimeNs = timeNs;
        _mode = MessageMode.Apply;
        bool empty = (message[0].Flags & MarketEventFlags.EmptyMessage) != 0;
        if (!empty && Book.ApplyEvents(message, out _, SymbolId) != NativeStatus.Ok)
        {
            _counters.BookErrors++; // out of memory on the native side
            Restart(clearBuffer: true);
            return SyncOutcome.Restarted;
        }
        return CompleteApplied(in message[^1]);
    }

    /// <summary>True when <see cref="OnDepthMessage"/> applies <paramref name="message"/> in one native call: it chains
    /// onto a synced (or stale) book and is one plain message (see <see cref="IsPlainMessage"/>). Changes nothing.</summary>
    public bool CanApplyWhole(ReadOnlySpan<MarketEvent> message) =>
        !message.IsEmpty && !_inMessage && HasBook && Decide(in message[0]) == MessageMode.Apply && IsPlainMessage(message);

    // Depth levels of this symbol, one message with one receive and one exchange time (so applying it at once is the
    // same as event by event: the staleness clock and the feature clock see one time), every level one the native
    // book accepts (so the batch cannot half-apply).
    private bool IsPlainMessage(ReadOnlySpan<MarketEvent> message)
    {
        int last = message.Length - 1;
        ref readonly var first = ref message[0];
        if ((first.Flags & MarketEventFlags.EmptyMessage) != 0) return last == 0 && first.IsLastInMessage && first.SymbolId == SymbolId;
        for (int i = 0; i <= last; i++)
        {
            ref readonly var e = ref message[i];
            if (e.IsLastInMessage != (i == last) || e.Kind != MarketEventKind.BookDelta || e.SymbolId != SymbolId
                || e.LocalTimeNs != first.LocalTimeNs || e.ExchangeTimeNs != first.ExchangeTimeNs
                || (e.Side != Side.Bid && e.Side != Side.Ask) || e.Price <= 0 || e.Quantity < 0)
                return false;
        }
        return true;
    }

    private SyncOutcome OnDepthCore(in MarketEvent e, bool replaying)
    {
        if (!_inMessage)
        {
            _mode = HasBook ? Decide(in e) : MessageMode.Buffer;
            if (_mode == MessageMode.None)
            {
                _counters.Gaps++;
                // While replaying, the caller keeps this message and the ones after it buffered.
                Restart(clearBuffer: !replaying);
                if (replaying) return SyncOutcome.Gap;
                _mode = MessageMode.Buffer; // the message that revealed the gap starts the new buffer
                _inMessage = !e.IsLastInMessage;
                return BufferOrOverflow(in e) == SyncOutcome.Overflow ? SyncOutcome.Overflow : SyncOutcome.Gap;
            }
        }
        _inMessage = !e.IsLastInMessage;
        switch (_mode)
        {
            case MessageMode.Apply:
                if ((e.Flags & MarketEventFlags.EmptyMessage) == 0 && !Book.TrySet(e.Side, e.Price, e.Quantity))
                {
                    _counters.BookErrors++;
                    Restart(clearBuffer: true);
                    _mode = MessageMode.Discard;
                    return SyncOutcome.Restarted;
                }
                return e.IsLastInMessage ? CompleteApplied(in e) : SyncOutcome.None;
            case MessageMode.Drop:
                if (e.IsLastInMessage) _counters.Dropped++;
                return e.IsLastInMessage ? SyncOutcome.Dropped : SyncOutcome.None;
            case MessageMode.Buffer:
                return BufferOrOverflow(in e);
            default:
                if (e.IsLastInMessage) _counters.Discarded++;
                return SyncOutcome.None;
        }
    }

    public SyncOutcome OnSnapshot(in MarketEvent e, long timeNs)
    {
        if ((e.Flags & MarketEventFlags.SnapshotStart) != 0)
        {
            _snapshotId = e.UpdateId;
            _snapshotApplying = _snapshotIgnoring = false;
            // The documented rule: a snapshot older than the first buffered message cannot be bridged; fetch again.
            if (_buffered > 0 && _snapshotId < _buffer[0].FirstUpdateId && !ChainsOnto(in _buffer[0], _snapshotId))
            {
                _counters.SnapshotsRejected++;
                SnapshotRequested = true;
                _snapshotIgnoring = true;
            }
            else
            {
                Book.Clear();
                _snapshotApplying = true;
            }
        }
        if (_snapshotIgnoring)
        {
            if (e.IsLastInMessage) _snapshotIgnoring = false;
            return e.IsLastInMessage ? SyncOutcome.SnapshotRejected : SyncOutcome.None;
        }
        if (!_snapshotApplying) return SyncOutcome.None; // levels of a snapshot whose start we never saw
        if ((e.Flags & MarketEventFlags.EmptyMessage) == 0 && !Book.TrySet(e.Side, e.Price, e.Quantity))
        {
            _counters.BookErrors++;
            _snapshotApplying = false;
            Restart(clearBuffer: false);
            return SyncOutcome.Restarted;
        }
        if (!e.IsLastInMessage) return SyncOutcome.None;
        LastDepthTimeNs = timeNs; // staleness counts from the snapshot, not from before it
        return CompleteSnapshot();
    }

    /// <summary>Discards the book and waits for a new snapshot (gap, crossed, reconnect, overflow, book error).</summary>
    public void Restart(bool clearBuffer)
    {
        // A resync is losing a book; restarting a sync that never got one again is counted by its own cause.
        if (HasBook) _counters.Resyncs++;
        Book.Clear();
        BookId = 0;
        _awaitingFirst = false;
        if (clearBuffer) _buffered = 0;
        State = _everSynced ? BookSyncState.Resyncing : BookSyncState.Syncing;
        SnapshotRequested = true;
    }

    /// <summary>A new connection's stream is not a continuation of the old one: drop the book and the buffer.</summary>
    public void OnReconnect()
    {
        _inMessage = false;
        _mode = MessageMode.None;
        Restart(clearBuffer: true);
    }

    public bool MarkStaleIfIdle(long nowNs, long staleAfterNs)
    {
        if (State != BookSyncState.Synced || nowNs - LastDepthTimeNs <= staleAfterNs) return false;
        State = BookSyncState.Stale;
        _counters.StaleTransitions++;
        return true;
    }

    public void Dispose() => Book.Dispose();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private MessageMode Decide(in MarketEvent e)
    {
        long id = BookId;
        if (_rule == DepthSyncRule.Futures && (e.Flags & MarketEventFlags.HasPrevUpdateId) != 0)
        {
            if (_awaitingFirst)
            {
                if (e.UpdateId < id) return MessageMode.Drop;
                // The documented rule (U <= id <= u) names the message that contains the snapshot; when that message
                // came before our subscription, the next one chains onto the snapshot exactly by pu == id.
                return e.FirstUpdateId <= id || e.PrevUpdateId == id ? MessageMode.Apply : MessageMode.None;
            }
            if (e.PrevUpdateId == id) return MessageMode.Apply;
            return e.UpdateId <= id ? MessageMode.Drop : MessageMode.None;
        }
        if (e.UpdateId <= id) return MessageMode.Drop;
        return e.FirstUpdateId > id + 1 ? MessageMode.None : MessageMode.Apply;
    }

    // Futures: a message whose pu is the snapshot's id continues the snapshot's book exactly.
    private bool ChainsOnto(in MarketEvent e, long snapshotId) =>
        _rule == DepthSyncRule.Futures && (e.Flags & MarketEventFlags.HasPrevUpdateId) != 0 && e.PrevUpdateId == snapshotId;

    private SyncOutcome CompleteApplied(in MarketEvent e)
    {
        BookId = e.UpdateId;
        _awaitingFirst = false;
        _counters.Applied++;
        if (Book.IsCrossed)
        {
            _counters.Crossed++;
            Restart(clearBuffer: true);
            return SyncOutcome.Crossed;
        }
        if (State == BookSyncState.Stale) State = BookSyncState.Synced;
        return SyncOutcome.MessageApplied;
    }

    private SyncOutcome BufferOrOverflow(in MarketEvent e)
    {
        if (_buffered == _buffer.Length)
        {
            _counters.BufferOverflows++;
            Restart(clearBuffer: true);
            _mode = MessageMode.Discard; // the rest of this message is useless without its start
            if (e.IsLastInMessage) _counters.Discarded++;
            return SyncOutcome.Overflow;
        }
        _buffer[_buffered++] = e;
        return SyncOutcome.Buffered;
    }

    private SyncOutcome CompleteSnapshot()
    {
        _snapshotApplying = false;
        _counters.Snapshots++;
        SnapshotRequested = false;
        BookId = _snapshotId;
        _awaitingFirst = true;
        _everSynced = true;
        State = BookSyncState.Synced;
        if (Book.IsCrossed)
        {
            _counters.Crossed++;
            Restart(clearBuffer: false);
            return SyncOutcome.Crossed;
        }
        return ReplayBuffer();
    }

    // Applies what was buffered while waiting, through the same rules. If the chain breaks midway, the messages
    // from the one that broke it on stay buffered (they are newer than any snapshot we had) for the next snapshot.
    private SyncOutcome ReplayBuffer()
    {
        int count = _buffered;
        _buffered = 0;
        _inMessage = false;
        int messageStart = 0;
        for (int i = 0; i < count; i++)
        {
            if (!_inMessage) messageStart = i;
            var outcome = OnDepthCore(in _buffer[i], replaying: true);
            if (outcome is SyncOutcome.Gap or SyncOutcome.Crossed or SyncOutcome.Overflow or SyncOutcome.Restarted)
            {
                int keep = count - messageStart;
                Array.Copy(_buffer, messageStart, _buffer, 0, keep);
                _buffered = keep;
                _inMessage = false;
                _mode = MessageMode.Buffer;
                return outcome;
            }
        }
        return HasBook ? SyncOutcome.SnapshotApplied : SyncOutcome.Gap;
    }
}
