using System.Collections.Concurrent;
using System.Net.WebSockets;
using HftScalper.Binance.Transport;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.Live;

/// <summary>
/// The streams of one logical connection (up to 1024) and its supervisor: connect, subscribe, watch, replace
/// after a break (capped exponential backoff with jitter, then resync every symbol) and rotate before the age
/// limit or on <c>serverShutdown</c> make-before-break:
/// <code>
///  old:  forwarding ------------------------------- handover ack -> retired -> closed
///  new:       connect -> shadow (copy aside) -> overlap? -> promote: replay copies (dedupe by id) -> forwarding
/// </code>
/// </summary>
internal sealed partial class StreamGroup
{
    private const int KindCount = 5;
    private const int MaxShadowMessages = 100_000;

    private readonly LiveClientOptions _options;
    private readonly SymbolRegistry _registry;
    private readonly ILiveBookSync _sync;
    private readonly DepthSnapshotClient _rest;
    private readonly SymbolFeedCounters[] _symbols;
    private readonly ConnectionCounters _counters = new();
    private readonly long[] _lastIds;
    private readonly int[] _fetchInFlight;
    private readonly long _eventTimeToNs = 1_000_000;
    private readonly ConcurrentQueue<PendingSnapshot> _pendingSnapshots = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _pendingControl = new();
    private readonly ControlMessageThrottle _throttle;
    private readonly Func<int> _nextConnectionId;
    private readonly Lock _streamsLock = new();
    private List<string> _streams = [];
    private int[] _symbolIds = [];
    private int _epoch;
    private long _controlId;
    private TaskCompletionSource _rotate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile LiveConnection? _current;
    private DispatchGate _gate;

    public StreamGroup(int index, LiveClientOptions options, SymbolRegistry registry, ILiveBookSync sync,
        DepthSnapshotClient rest, SymbolFeedCounters[] symbols, Func<int> nextConnectionId)
    {
        Index = index;
        _options = options;
        _registry = registry;
        _sync = sync;
        _rest = rest;
        _symbols = symbols;
        _nextConnectionId = nextConnectionId;
        _lastIds = new long[(options.MaxSymbolId + 1) * KindCount];
        _fetchInFlight = new int[options.MaxSymbolId + 1];
        _throttle = new ControlMessageThrottle(options.ControlMessagesPerSecond);
    }

    public int Index { get; }
    public ConnectionCounters Counters => _counters;
    public LiveConnection? Current => _current;
    public IReadOnlyList<int> SymbolIds => Volatile.Read(ref _symbolIds);

    public int StreamCount { get { lock (_streamsLock) return _streams.Count; } }

    /// <summary>Adds a symbol's streams (before start, or live with SUBSCRIBE). Returns false when full.</summary>
    public bool TryAdd(int symbolId, IReadOnlyList<string> streams)
    {
        lock (_streamsLock)
        {
            if (_streams.Count + streams.Count > _options.MaxStreamsPerConnection) return false;
            _streams = [.. _streams, .. streams];
            Volatile.Write(ref _symbolIds, [.. _symbolIds, symbolId]);
            return true;
        }
    }

    public void RequestRotation() => Volatile.Read(ref _rotate).TrySetResult();

    private void Log(string message) => _options.Log?.Invoke($"binance live[{Index}]: {message}");

    public async Task RunAsync(CancellationToken ct)
    {
        bool first = true;
        int attempt = 0;
        while (!ct.IsCancellationRequested)
        {
            LiveConnection c;
            try
            {
                c = await ConnectAsync(forwarding: true, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is WebSocketException or OperationCanceledException or HttpRequestException)
            {
                var delay = Backoff(attempt++);
                Log($"connect failed ({e.Message}); retrying in {delay.TotalMilliseconds:0} ms");
                await Delay(delay, ct).ConfigureAwait(false);
                continue;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (!first) ResetAfterBreak();
            first = false;
            attempt = 0;
            StartReceiving(c);
            string reason = await ServeAsync(c, ct).ConfigureAwait(false);
            Volatile.Write(ref _counters.Connected, 0);
            if (ct.IsCancellationRequested) return;
            var wait = Backoff(attempt++);
            Log($"connection lost ({reason}); reconnecting in {wait.TotalMilliseconds:0} ms, then resyncing");
            await Delay(wait, ct).ConfigureAwait(false);
        }
    }

    // Serves the current connection, rotating it when asked; returns why the last one broke.
    private async Task<string> ServeAsync(LiveConnection c, CancellationToken ct)
    {
        try
        {
            await SubscribeRemainingAsync(c, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            await c.CloseQuietlyAsync().ConfigureAwait(false);
            return $"subscribe failed: {e.Message}";
        }
        while (true)
        {
            var rotate = Volatile.Read(ref _rotate);
            var age = TimeSpan.FromTicks((LocalClock.NowNs() - c.ConnectedAtNs) / 100);
            var untilRotation = _options.MaxConnectionAge - age;
            using var ageTimer = new CancellationTokenSource();
            var ageDelay = Task.Delay(untilRotation > TimeSpan.Zero ? untilRotation : TimeSpan.Zero, ageTimer.Token);
            var cancelled = Task.Delay(Timeout.Infinite, ct);
            var done = await Task.WhenAny(c.ReceiveTask, rotate.Task, ageDelay, cancelled).ConfigureAwait(false);
            ageTimer.Cancel();
            if (ct.IsCancellationRequested)
            {
                await c.CloseQuietlyAsync().ConfigureAwait(false);
                return "stopped";
            }
            if (done == c.ReceiveTask)
            {
                string reason = await c.ReceiveTask.ConfigureAwait(false);
                await c.CloseQuietlyAsync().ConfigureAwait(false);
                return reason;
            }
            Interlocked.CompareExchange(ref _rotate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), rotate);
            Log(done == rotate.Task ? "rotation requested" : $"connection {c.Id} reached its age limit: rotating");
            var next = await RotateAsync(c, ct).ConfigureAwait(false);
            if (next is not null) c = next;
            else await Delay(Backoff(1), ct).ConfigureAwait(false);
        }
    }

    private async Task<LiveConnection> ConnectAsync(bool forwarding, CancellationToken ct)
    {
        List<string> streams;
        lock (_streamsLock) streams = _streams;
        var ws = new ClientWebSocket();
        ws.Options.KeepAliveInterval = _options.KeepAliveInterval;
        if (_options.KeepAliveInterval > TimeSpan.Zero && _options.KeepAliveTimeout != Timeout.InfiniteTimeSpan)
            ws.Options.KeepAliveTimeout = _options.KeepAliveTimeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.ConnectTimeout);
        try
        {
            await ws.ConnectAsync(StreamNames.CombinedUrl(_options.StreamBaseUri, streams.Take(_options.UrlStreamLimit).ToList()), timeout.Token).ConfigureAwait(false);
        }
        catch
        {
            ws.Dispose();
            throw;
        }
        var receiver = new WebSocketReceiver(_options.InitialReceiveBufferBytes, _options.MaxFrameBytes);
        var c = new LiveConnection(_nextConnectionId(), ws, receiver, forwarding, _options.MaxSymbolId);
        Log($"connection {c.Id} open ({streams.Count} streams){(forwarding ? "" : " as successor")}");
        return c;
    }

    private void StartReceiving(LiveConnection c, bool makeCurrent = true)
    {
        c.ReceiveTask = ReceiveLoopAsync(c);
        if (makeCurrent) MakeCurrent(c);
    }

    private void MakeCurrent(LiveConnection c)
    {
        _current = c;
        Volatile.Write(ref _counters.ConnectionId, c.Id);
        Volatile.Write(ref _counters.ConnectedAtNs, c.ConnectedAtNs);
        Volatile.Write(ref _counters.Connected, 1);
    }

    private async Task<string> ReceiveLoopAsync(LiveConnection c)
    {
        await Task.Yield();
        try
        {
            var status = await c.Receiver.RunAsync(c.Socket, (p, ts) => OnMessage(c, p, ts), c.Cts.Token).ConfigureAwait(false);
            return $"closed by the server ({status})";
        }
        catch (OperationCanceledException)
        {
            return "cancelled";
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
        catch (Exception e)
        {
            Log($"receive loop of connection {c.Id} failed: {e}");
            return $"receive loop failed: {e.Message}";
        }
        finally
        {
            c.Forwarding = false;
            c.Retired = true;
            c.HandoverAck.TrySetResult();
        }
    }

    private async Task SubscribeRemainingAsync(LiveConnection c, CancellationToken ct)
    {
        List<string> streams;
        lock (_streamsLock) streams = _streams;
        for (int i = _options.UrlStreamLimit; i < streams.Count; i += _options.StreamsPerControlMessage)
        {
            var chunk = streams.GetRange(i, Math.Min(_options.StreamsPerControlMessage, streams.Count - i));
            await SendControlAsync(c, "SUBSCRIBE", chunk, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Sends a control message on <paramref name="c"/>, throttled; returns when it is answered (or 5 s).</summary>
    public async Task SendControlAsync(LiveConnection c, string method, IReadOnlyList<string> streams, CancellationToken ct)
    {
        await _throttle.WaitTurnAsync(ct).ConfigureAwait(false);
        long id = Interlocked.Increment(ref _controlId);
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingControl[id] = answered;
        await c.Socket.SendAsync(StreamNames.ControlMessage(method, streams, id), WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
        if (await Task.WhenAny(answered.Task, Task.Delay(TimeSpan.FromSeconds(5), ct)).ConfigureAwait(false) != answered.Task)
        {
            _pendingControl.TryRemove(id, out _);
            Log($"{method} #{id} got no answer within 5 s");
        }
    }

    // After a break the stream restarts: every book is discarded and rebuilt from a fresh snapshot.
    private void ResetAfterBreak()
    {
        Interlocked.Increment(ref _counters.Reconnects);
        _gate.Enter();
        try
        {
            Interlocked.Increment(ref _epoch);
            while (_pendingSnapshots.TryDequeue(out _)) { }
            foreach (int sym in Volatile.Read(ref _symbolIds))
            {
                _lastIds.AsSpan(sym * KindCount, KindCount).Clear();
                Volatile.Write(ref _fetchInFlight[sym], 0);
                _sync.OnReconnect(sym);
                Volatile.Write(ref _symbols[sym].State, (int)_sync.GetState(sym));
            }
        }
        finally
        {
            _gate.Exit();
        }
    }

    private void StartSnapshot(int sym, SymbolFeedCounters sc)
    {
        Volatile.Write(ref _fetchInFlight[sym], 1);
        if (Interlocked.Increment(ref sc.Snapshots) > 1) Interlocked.Increment(ref sc.Resyncs);
        _ = FetchSnapshotAsync(sym, Volatile.Read(ref _epoch));
    }

    private async Task FetchSnapshotAsync(int sym, int epoch)
    {
        await Task.Yield(); // off the receive loop
        try
        {
            var r = await _rest.GetDepthAsync(_options.RestBaseUri, _options.DepthSnapshotPath, _registry[sym].Name, _options.SnapshotLimit, _stopping).ConfigureAwait(false);
            _pendingSnapshots.Enqueue(new PendingSnapshot(sym, epoch, r));
            DeliverSnapshotsNow();
        }
        catch (OperationCanceledException)
        {
            Volatile.Write(ref _fetchInFlight[sym], 0);
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            // Shutting down (client disposed mid-fetch), or the sync refused the snapshot: the next depth
            // message asks again.
            Volatile.Write(ref _fetchInFlight[sym], 0);
            Log($"snapshot for {_registry[sym].Name} abandoned: {e.Message}");
        }
    }

    private CancellationToken _stopping;

    public void SetStopping(CancellationToken ct) => _stopping = ct;

    private TimeSpan Backoff(int attempt)
    {
        double cap = _options.ReconnectMaxDelay.TotalMilliseconds;
        double raw = Math.Min(cap, _options.ReconnectBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(raw * (0.5 + Random.Shared.NextDouble() * 0.5)); // jitter: 50-100 %
    }

    private static async Task Delay(TimeSpan delay, CancellationToken ct)
    {
        try { await Task.Delay(delay, ct).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
    }
}
