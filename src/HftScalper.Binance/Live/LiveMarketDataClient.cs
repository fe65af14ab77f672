using HftScalper.Binance.Transport;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.Live;

/// <summary>
/// Binance market-data client: combined streams for many symbols over as few connections as the 1024-stream
/// limit allows, each supervised by a <see cref="StreamGroup"/> (reconnect with backoff and jitter, dead-connection
/// detection, make-before-break rotation before the 24 h limit and on <c>serverShutdown</c>), REST snapshots under
/// the weight budget whenever the sync asks, and a metrics snapshot for the host.
/// <code>
///  WebSocket --receive loop--> sniff (symbol, ids) --dedupe--> ILiveBookSync.OnMessage --> parser/sync/book
///                                                     NeedsSnapshot? --> REST (off loop) --> OnSnapshot (on loop)
/// </code>
/// </summary>
/// <remarks>Frames reach <see cref="ILiveBookSync"/> from one thread at a time per group; symbols never span groups.</remarks>
public sealed class LiveMarketDataClient : IAsyncDisposable
{
    private readonly LiveClientOptions _options;
    private readonly SymbolRegistry _registry;
    private readonly ILiveBookSync _sync;
    private readonly bool _ownsRest;
    private readonly SymbolFeedCounters[] _symbols;
    private readonly List<StreamGroup> _groups = [];
    private readonly List<Task> _running = [];
    private readonly Lock _groupsLock = new();
    private readonly CancellationTokenSource _stop = new();
    private Timer? _watchdog;
    private int _connectionIds;
    private bool _started;

    /// <summary>Creates a client for <see cref="LiveClientOptions.Symbols"/>, which must be registered in
    /// <paramref name="registry"/>. <paramref name="rest"/> is owned only when not supplied.</summary>
    public LiveMarketDataClient(LiveClientOptions options, SymbolRegistry registry, ILiveBookSync sync, DepthSnapshotClient? rest = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _sync = sync ?? throw new ArgumentNullException(nameof(sync));
        _ownsRest = rest is null;
        Rest = rest ?? new DepthSnapshotClient(new RequestWeightLimiter(options.RequestWeightPerMinute), log: options.Log)
        {
            MaxBodyBytes = options.MaxSnapshotBytes, MaxRetryAfter = options.MaxRetryAfter,
        };
        _symbols = new SymbolFeedCounters[options.MaxSymbolId + 1];
        for (int i = 0; i < _symbols.Length; i++) _symbols[i] = new SymbolFeedCounters();
        foreach (var s in options.Symbols) Place(s);
    }

    /// <summary>The REST snapshot client (its limiter and counters).</summary>
    public DepthSnapshotClient Rest { get; }

    /// <summary>Number of connections (stream groups).</summary>
    public int GroupCount { get { lock (_groupsLock) return _groups.Count; } }

    /// <summary>Opens every connection (returns at once; connecting and syncing continue in the background).</summary>
    public Task StartAsync()
    {
        lock (_groupsLock)
        {
            if (_started) throw new InvalidOperationException("already started");
            _started = true;
            foreach (var g in _groups) Run(g);
        }
        var period = TimeSpan.FromTicks(Math.Max(_options.StaleAfter.Ticks / 4, TimeSpan.TicksPerMillisecond * 20));
        _watchdog = new Timer(_ => CheckStale(), null, period, period);
        return Task.CompletedTask;
    }

    /// <summary>Adds a registered symbol's streams while running: SUBSCRIBE on a connection with room (throttled),
    /// or a new connection when all are full.</summary>
    public async Task AddSymbolAsync(string symbol, CancellationToken ct = default)
    {
        var (group, streams, isNew) = Place(symbol);
        if (isNew)
        {
            lock (_groupsLock) if (_started) Run(group);
            return;
        }
        if (group.Current is { } c) await group.SendControlAsync(c, "SUBSCRIBE", streams, ct).ConfigureAwait(false);
    }

    /// <summary>Asks every connection to rotate now (make-before-break), as on <c>serverShutdown</c>.</summary>
    public void RequestRotation()
    {
        lock (_groupsLock) foreach (var g in _groups) g.RequestRotation();
    }

    /// <summary>Builds a metrics snapshot (allocates; call from the sampler, not per message).</summary>
    public LiveMetricsSnapshot GetMetrics()
    {
        long now = LocalClock.NowNs();
        var connections = new List<ConnectionMetrics>();
        var symbols = new List<SymbolMetrics>();
        StreamGroup[] groups;
        lock (_groupsLock) groups = [.. _groups];
        foreach (var g in groups)
        {
            var k = g.Counters;
            long msgs = Volatile.Read(ref k.Messages);
            var cur = g.Current;
            connections.Add(new ConnectionMetrics(g.Index, Volatile.Read(ref k.ConnectionId), Volatile.Read(ref k.Connected) == 1,
                g.StreamCount, msgs, Rate(msgs, ref k.SampledMessages, ref k.SampledAtNs, now), Volatile.Read(ref k.Malformed),
                cur?.Receiver.Oversized ?? 0, Volatile.Read(ref k.UnknownSymbol), Volatile.Read(ref k.Reconnects),
                Volatile.Read(ref k.Rotations), Volatile.Read(ref k.ServerShutdowns), Volatile.Read(ref k.StaleDisconnects),
                Since(Volatile.Read(ref k.ConnectedAtNs), now) ?? TimeSpan.Zero, Since(Volatile.Read(ref k.LastMessageNs), now)));
            foreach (int sym in g.SymbolIds)
            {
                var s = _symbols[sym];
                long m = Volatile.Read(ref s.Messages);
                long n = Volatile.Read(ref s.LatencyCount);
                symbols.Add(new SymbolMetrics(sym, _registry[sym].Name, (LiveSyncState)Volatile.Read(ref s.State), m,
                    Rate(m, ref s.SampledMessages, ref s.SampledAtNs, now), Volatile.Read(ref s.Duplicates), Volatile.Read(ref s.Gaps),
                    Volatile.Read(ref s.Resyncs), Volatile.Read(ref s.Snapshots), Volatile.Read(ref s.LastLatencyNs),
                    n == 0 ? 0 : Volatile.Read(ref s.LatencySumNs) / n, Volatile.Read(ref s.MaxLatencyNs),
                    Since(Volatile.Read(ref s.LastMessageNs), now)));
            }
        }
        var r = Rest.Counters;
        return new LiveMetricsSnapshot(now, connections, symbols, r.Requests, r.RateLimited, r.Banned, r.Failed, Rest.Limiter.UsedWeight);
    }

    /// <summary>The metrics of one symbol (null when not followed).</summary>
    public SymbolMetrics? GetSymbolMetrics(int symbolId) => GetMetrics().Symbols.FirstOrDefault(s => s.SymbolId == symbolId);

    /// <summary>Closes every connection and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_watchdog is not null) await _watchdog.DisposeAsync().ConfigureAwait(false);
        Task[] running;
        lock (_groupsLock) running = [.. _running];
        await Task.WhenAll(running).ConfigureAwait(false);
        if (_ownsRest) Rest.Dispose();
        _stop.Dispose();
    }

    private (StreamGroup Group, IReadOnlyList<string> Streams, bool IsNew) Place(string symbol)
    {
        if (!_registry.TryGet(symbol, out var info) || info is null)
            throw new ArgumentException($"symbol '{symbol}' is not registered", nameof(symbol));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(info.Id, _options.MaxSymbolId, nameof(symbol));
        var streams = new List<string> { StreamNames.Depth(info.Name, _options.FastDepth) };
        if (_options.BookTicker) streams.Add(StreamNames.BookTicker(info.Name));
        if (_options.Trades) streams.Add(StreamNames.Trade(info.Name));
        if (_options.MarkPrice && _options.Market != BinanceMarket.Spot) streams.Add(StreamNames.MarkPrice(info.Name));
        lock (_groupsLock)
        {
            if (_groups.Any(g => g.SymbolIds.Contains(info.Id))) throw new ArgumentException($"symbol '{symbol}' already followed");
            foreach (var g in _groups)
                if (g.TryAdd(info.Id, streams)) return (g, streams, false);
            var fresh = new StreamGroup(_groups.Count, _options, _registry, _sync, Rest, _symbols, () => Interlocked.Increment(ref _connectionIds));
            fresh.SetStopping(_stop.Token);
            if (!fresh.TryAdd(info.Id, streams)) throw new ArgumentException("a symbol's streams exceed MaxStreamsPerConnection");
            _groups.Add(fresh);
            return (fresh, streams, true);
        }
    }

    private void Run(StreamGroup g) => _running.Add(Task.Run(() => g.RunAsync(_stop.Token)));

    // Dead-connection detection: silence longer than StaleAfter aborts the socket; the supervisor reconnects.
    private void CheckStale()
    {
        long now = LocalClock.NowNs();
        long limit = _options.StaleAfter.Ticks * 100;
        StreamGroup[] groups;
        lock (_groupsLock) groups = [.. _groups];
        foreach (var g in groups)
        {
            var c = g.Current;
            if (c is null || c.Retired) continue;
            long last = Math.Max(Volatile.Read(ref c.LastMessageNs), c.ConnectedAtNs);
            if (now - last <= limit) continue;
            Interlocked.Increment(ref g.Counters.StaleDisconnects);
            _options.Log?.Invoke($"binance live[{g.Index}]: connection {c.Id} silent for {(now - last) / 1_000_000} ms: dropping it");
            c.Retired = true;
            c.Socket.Abort();
        }
    }

    private static double Rate(long count, ref long sampled, ref long sampledAt, long now)
    {
        long prev = Interlocked.Exchange(ref sampled, count);
        long at = Interlocked.Exchange(ref sampledAt, now);
        return at == 0 || now <= at ? 0 : (count - prev) * 1e9 / (now - at);
    }

    private static TimeSpan? Since(long ns, long now) => ns == 0 ? null : TimeSpan.FromTicks((now - ns) / 100);
}
