using System.Diagnostics;
using HftScalper.Binance.Feeds;
using HftScalper.Binance.Parsing;
using HftScalper.Core.Events;
using HftScalper.Core.Feeds;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.Live;

/// <summary>
/// The live <see cref="IMarketEventFeed"/>: the <see cref="LiveMarketDataClient"/>'s receive loops hand it frames,
/// REST snapshots and reconnect notices (<see cref="ILiveBookSync"/>); it parses them with the live
/// <see cref="BinanceParser"/> (not marked replayed) and queues whole messages into a bounded buffer that one consumer
/// (the trading pipeline's producer) drains through <see cref="TryReadMessage"/>.
/// <code>
///  WebSocket --receive loop--> OnMessage/OnSnapshot/OnReconnect --> SyncedBookFeed (parse, sync state) --copy--> slot ring
///                                                                                    pipeline producer (TryReadMessage) --'
/// </code>
/// </summary>
/// <remarks>
/// <para>Where the sync state lives: the pipeline's stage A owns the book the strategy trades on, but it runs on the
/// consumer side of the queue, behind it in time, and the client must get its NeedsSnapshot answer on the receive
/// loop right after each depth message. So the feed runs its own <see cref="SyncedBookFeed"/> (the same
/// <see cref="Sync.BookSynchronizer"/> and depth sync rule as stage A) only to answer <see cref="GetState"/>: one code
/// path decides gaps and resyncs, so the feed never asks for a snapshot stage A would not need (a second light
/// tracker would be a second copy of the U/u/pu rules to keep in step). The cost is a second native book per
/// symbol, off the decision path.</para>
/// <para>Back-pressure: when the consumer falls behind and the <see cref="Capacity"/> slots are full, the receive
/// loop blocks until a slot frees (counted in <see cref="ProducerWaits"/>). Nothing is dropped, so the book never
/// silently diverges; TCP pushes the delay back to the exchange, and a consumer stuck long enough makes the
/// connection go stale, which the client turns into a reconnect and a resync (a Status event in the stream).</para>
/// <para>Steady state allocates nothing: slots keep their event arrays (a message larger than a slot's array grows
/// it once, e.g. the first snapshot). The producer side takes one uncontended lock per frame because several
/// stream groups (more than 1024 streams) may call from different threads; the consumer side is lock-free.</para>
/// </remarks>
public sealed class LiveEventFeed : ILiveBookSync, IMarketEventFeed, IFrameParsingFeed, IDisposable
{
    /// <summary>Default number of queued messages.</summary>
    public const int DefaultCapacity = 8192;

    private readonly SyncedBookFeed _sync;
    private readonly Lock _producer = new();
    private readonly Slot[] _slots;
    private readonly int _mask;
    private readonly ManualResetEventSlim _dataReady = new(false);
    private readonly ManualResetEventSlim _spaceFree = new(false);
    private readonly CancellationTokenRegistration _cancelRegistration;
    private long _head;     // next slot to write (producer)
    private long _tail;     // next slot to read (consumer)
    private bool _pendingRelease;
    private volatile bool _stopped;
    private long _receivedTimestamp;
    private long _producerWaits;
    private long _reconnects;
    private long _frames;

    /// <summary>Creates the feed.</summary>
    /// <param name="registry">Symbols and their scales (registered before the client starts).</param>
    /// <param name="market">Decides the depth sync rule.</param>
    /// <param name="description">What is read (the endpoint, redacted).</param>
    /// <param name="cancel">Stops the feed: a blocked read returns false once what is queued is drained.</param>
    /// <param name="capacity">Queued messages (rounded up to a power of two).</param>
    public LiveEventFeed(SymbolRegistry registry, BinanceMarket market, string description, CancellationToken cancel = default, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        Description = description ?? throw new ArgumentNullException(nameof(description));
        _sync = new SyncedBookFeed(registry, market, Enqueue);
        int size = 1 << (32 - int.LeadingZeroCount(capacity - 1));
        _slots = new Slot[size];
        for (int i = 0; i < size; i++) _slots[i] = new Slot();
        _mask = size - 1;
        _cancelRegistration = cancel.Register(Stop);
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Slots in the queue.</summary>
    public int Capacity => _slots.Length;

    /// <inheritdoc />
    /// <remarks>Frames and snapshots received (any thread).</remarks>
    public long Frames => Volatile.Read(ref _frames);

    /// <inheritdoc />
    public long Events { get; private set; }

    /// <inheritdoc />
    public long ReceivedTimestamp { get; private set; }

    /// <inheritdoc />
    public ParseCounters? ParseCounters => _sync.ParseCounters;

    /// <summary>Times a receive loop had to wait for the consumer (the queue was full).</summary>
    public long ProducerWaits => Volatile.Read(ref _producerWaits);

    /// <summary>Reconnect notices received (each one a <see cref="FeedStatus.Reconnected"/> event in the stream).</summary>
    public long Reconnects => Volatile.Read(ref _reconnects);

    /// <summary>Messages waiting for the consumer (racy; for progress and metrics).</summary>
    public long Queued => Volatile.Read(ref _head) - Volatile.Read(ref _tail);

    /// <summary>True once the feed's own book for <paramref name="symbolId"/> is synced (any thread, racy).</summary>
    public bool IsSynced(int symbolId) => GetState(symbolId) == LiveSyncState.Synced;

    /// <inheritdoc />
    public void OnMessage(in RawFrame frame, int symbolId)
    {
        lock (_producer)
        {
            Volatile.Write(ref _receivedTimestamp, Stopwatch.GetTimestamp());
            Interlocked.Increment(ref _frames);
            _sync.OnMessage(in frame, symbolId);
        }
    }

    /// <inheritdoc />
    public void OnSnapshot(in RawFrame frame)
    {
        lock (_producer)
        {
            Volatile.Write(ref _receivedTimestamp, Stopwatch.GetTimestamp());
            Interlocked.Increment(ref _frames);
            _sync.OnSnapshot(in frame);
        }
    }

    /// <inheritdoc />
    public void OnReconnect(int symbolId)
    {
        lock (_producer)
        {
            Volatile.Write(ref _receivedTimestamp, Stopwatch.GetTimestamp());
            Interlocked.Increment(ref _reconnects);
            _sync.OnReconnect(symbolId);
        }
    }

    /// <inheritdoc />
    public LiveSyncState GetState(int symbolId) => _sync.GetState(symbolId);

    /// <summary>Stops the feed: receive loops stop queueing, the consumer drains what is queued and then reads false.</summary>
    public void Stop()
    {
        _stopped = true;
        _dataReady.Set();
        _spaceFree.Set();
    }

    /// <inheritdoc />
    public bool TryReadMessage(out ReadOnlySpan<MarketEvent> message)
    {
        if (_pendingRelease)
        {
            // The span handed out last time is no longer borrowed: give its slot back to the producer.
            _pendingRelease = false;
            Volatile.Write(ref _tail, _tail + 1);
            _spaceFree.Set();
        }
        long tail = _tail;
        while (Volatile.Read(ref _head) == tail)
        {
            if (_stopped && Volatile.Read(ref _head) == tail)
            {
                message = default;
                return false;
            }
            WaitForData(tail);
        }
        var slot = _slots[tail & _mask];
        ReceivedTimestamp = slot.Received;
        message = slot.Events.AsSpan(0, slot.Count);
        Events += slot.Count;
        _pendingRelease = true;
        return true;
    }

    /// <inheritdoc />
    public bool TryReadMessages(out ReadOnlySpan<MarketEvent> messages) => TryReadMessage(out messages);

    /// <inheritdoc />
    public void Dispose()
    {
        Stop();
        _cancelRegistration.Dispose();
        lock (_producer) _sync.Dispose();
        _dataReady.Dispose();
        _spaceFree.Dispose();
    }

    // Slow path: the queue is empty. Spin briefly (a live message is usually close), then sleep on the event.
    private void WaitForData(long tail)
    {
        var spin = new SpinWait();
        for (int i = 0; i < 20 && Volatile.Read(ref _head) == tail && !_stopped; i++) spin.SpinOnce(sleep1Threshold: -1);
        if (Volatile.Read(ref _head) != tail || _stopped) return;
        _dataReady.Reset();
        if (Volatile.Read(ref _head) != tail || _stopped) return;
        _dataReady.Wait(100);
    }

    // Called by SyncedBookFeed on the receive loop, under _producer, with one message's events.
    private void Enqueue(ReadOnlySpan<MarketEvent> events)
    {
        if (_stopped) return;
        long head = _head;
        if (head - Volatile.Read(ref _tail) >= _slots.Length && !WaitForSpace(head)) return;
        var slot = _slots[head & _mask];
        if (slot.Events.Length < events.Length) slot.Events = new MarketEvent[Math.Max(events.Length, slot.Events.Length * 2)];
        events.CopyTo(slot.Events);
        slot.Count = events.Length;
        slot.Received = Volatile.Read(ref _receivedTimestamp);
        Volatile.Write(ref _head, head + 1);
        _dataReady.Set();
    }

    // Blocks the receive loop until the consumer frees a slot; false once stopped.
    private bool WaitForSpace(long head)
    {
        Interlocked.Increment(ref _producerWaits);
        while (head - Volatile.Read(ref _tail) >= _slots.Length)
        {
            if (_stopped) return false;
            _spaceFree.Reset();
            if (head - Volatile.Read(ref _tail) < _slots.Length) break;
            _spaceFree.Wait(100);
        }
        return !_stopped;
    }

    private sealed class Slot
    {
        public MarketEvent[] Events = new MarketEvent[64];
        public int Count;
        public long Received;
    }
}
