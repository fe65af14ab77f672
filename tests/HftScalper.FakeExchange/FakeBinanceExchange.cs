using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HftScalper.FakeExchange;

/// <summary>
/// A local Binance look-alike on 127.0.0.1 (Kestrel, port 0): <c>/api/v3/depth</c>, <c>/fapi/v1/depth</c>, <c>/dapi/v1/depth</c>,
/// <c>/ws/&lt;stream&gt;</c> and <c>/stream?streams=a/b</c> (SUBSCRIBE/UNSUBSCRIBE/LIST_SUBSCRIPTIONS, the 5
/// messages/s limit), real WebSocket ping frames with a pong timeout, serving deterministic consistent depth
/// (<see cref="DepthBookGenerator"/>) — and faults on command: drop, duplicate or reorder depth messages,
/// disconnect, <c>serverShutdown</c>, go silent, malformed and oversized frames, 429/418 on snapshots. In futures mode
/// (<see cref="FakeExchangeOptions.Futures"/>: USD-M, or COIN-M with <see cref="FakeExchangeOptions.CoinM"/>) it also
/// serves <c>&lt;symbol&gt;@markPrice@1s</c>.
/// </summary>
public sealed partial class FakeBinanceExchange : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, DepthBookGenerator> _books = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<DepthFault>> _faults = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, byte[]> _heldForReorder = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<FakeConnection> _connections = [];
    private readonly RecordedDepthFeed? _recorded;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _ticker = Task.CompletedTask;
    private bool _paused;
    private int _connectionIds;
    private long _controlMessages;
    private long _rateViolations;
    private long _snapshotRequests;
    private string? _lastSnapshotPath;
    private long _depthMessagesSent;
    private long _markPricesSent;
    private long _pongsReceived;
    private readonly Queue<(int Status, TimeSpan RetryAfter)> _restFaults = new();
    private long _weightMinute;
    private long _nextMarkPriceMs;
    private int _weightUsed;

    private FakeBinanceExchange(FakeExchangeOptions options, WebApplication app)
    {
        Options = options;
        _app = app;
        if (options.Recording is { } recording)
        {
            _recorded = new RecordedDepthFeed(recording, options.Symbols[0]);
            _faults[_recorded.Symbol] = new Queue<DepthFault>();
            InitOrders();
            return;
        }
        int i = 0;
        foreach (var s in options.Symbols)
        {
            _books[s] = new DepthBookGenerator(s, options.Seed + i++, options.Futures, options.Futures && options.CoinM, FakeSymbolSpec.Of(options, s));
            _faults[s] = new Queue<DepthFault>();
        }
        InitOrders();
    }

    /// <summary>The configuration.</summary>
    public FakeExchangeOptions Options { get; }

    /// <summary>Base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Starts the server and the generator on 127.0.0.1 (<paramref name="port"/> 0: a free port).</summary>
    public static async Task<FakeBinanceExchange> StartAsync(FakeExchangeOptions? options = null, int port = 0)
    {
        options ??= new FakeExchangeOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var fake = new FakeBinanceExchange(options, app);
        // Before UseWebSockets, which takes the upgrade feature when the request arrives.
        app.Use((ctx, next) =>
        {
            if (ctx.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } upgrade)
                ctx.Features.Set<IHttpUpgradeFeature>(new PongCountingUpgrade(upgrade, () => Interlocked.Increment(ref fake._pongsReceived)));
            return next(ctx);
        });
        app.UseWebSockets();
        app.MapGet("/api/v3/depth", ctx => fake.DepthAsync(ctx));
        app.MapGet("/fapi/v1/depth", ctx => fake.DepthAsync(ctx));
        app.MapGet("/dapi/v1/depth", ctx => fake.DepthAsync(ctx));
        app.Map("/stream", ctx => fake.AcceptAsync(ctx, combined: true,
            (ctx.Request.Query["streams"].ToString() ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries)));
        app.Map("/ws/{stream}", ctx => fake.AcceptAsync(ctx, combined: false, [(string)ctx.Request.RouteValues["stream"]!]));
        MapOrderRoutes(app, fake);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        fake._ticker = fake.TickLoopAsync(fake._stop.Token);
        return fake;
    }

    /// <summary>WebSocket pong frames received from clients (answers to the pings every <see cref="FakeExchangeOptions.PingInterval"/>).</summary>
    public long PongsReceived => Interlocked.Read(ref _pongsReceived);

    /// <summary>Connections currently open.</summary>
    public IReadOnlyList<FakeConnection> OpenConnections { get { lock (_gate) return _connections.Where(c => c.IsOpen).ToList(); } }

    /// <summary>Connections accepted since start.</summary>
    public int TotalConnections => Volatile.Read(ref _connectionIds);

    /// <summary>Control messages received (all connections).</summary>
    public long ControlMessages => Interlocked.Read(ref _controlMessages);

    /// <summary>Connections dropped for exceeding the incoming message rate.</summary>
    public long RateViolations => Interlocked.Read(ref _rateViolations);

    /// <summary>Depth snapshot requests received.</summary>
    public long SnapshotRequests => Interlocked.Read(ref _snapshotRequests);

    /// <summary>The <c>X-MBX-USED-WEIGHT-1M</c> value of the last depth answer (0 before any).</summary>
    public int LastReportedWeight { get { lock (_gate) return _weightUsed; } }

    /// <summary>Depth messages sent (counting each copy once per message, not per connection).</summary>
    public long DepthMessagesSent => Interlocked.Read(ref _depthMessagesSent);

    /// <summary>USD-M <c>markPrice</c> messages broadcast (once per message, not per connection).</summary>
    public long MarkPricesSent => Interlocked.Read(ref _markPricesSent);

    internal void CountControl() => Interlocked.Increment(ref _controlMessages);

    internal void CountRateViolation() => Interlocked.Increment(ref _rateViolations);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await _ticker.ConfigureAwait(false); } catch (OperationCanceledException) { }
        foreach (var c in OpenConnections) c.Abort();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        _recorded?.Dispose();
    }

    private async Task TickLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Options.TickInterval);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false)) Tick();
    }

    private void Tick()
    {
        lock (_gate)
        {
            long nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            CheckTimers(nowMs);
            if (_paused) return;
            if (_recorded is not null)
            {
                TickRecording(_recorded);
                return;
            }
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var (symbol, book) in _books)
            {
                string data = book.Step(now);
                _engine.OnBookChanged(symbol, now);
                Interlocked.Increment(ref _depthMessagesSent);
                var fault = _faults[symbol].TryDequeue(out var f) ? f : DepthFault.None;
                if (fault == DepthFault.Drop) continue;
                var combined = Wrap(symbol, data);
                if (fault == DepthFault.Reorder && !_heldForReorder.ContainsKey(symbol))
                {
                    _heldForReorder[symbol] = combined;
                    continue;
                }
                Broadcast(symbol, combined, data);
                if (fault == DepthFault.Duplicate) Broadcast(symbol, combined, data);
                if (_heldForReorder.Remove(symbol, out var held)) Broadcast(symbol, held, null);
                string ticker = book.BookTickerJson();
                BroadcastStream($"{symbol.ToLowerInvariant()}@bookTicker", ticker);
                if (Options.Futures && now >= _nextMarkPriceMs)
                {
                    BroadcastStream($"{symbol.ToLowerInvariant()}@markPrice@1s", book.MarkPriceJson(now, Options.MarkPriceOffset, Options.FundingRate));
                    Interlocked.Increment(ref _markPricesSent);
                }
            }
            if (Options.Futures && now >= _nextMarkPriceMs) _nextMarkPriceMs = now + (long)Options.MarkPriceInterval.TotalMilliseconds;
        }
    }

    private void TickRecording(RecordedDepthFeed feed)
    {
        for (int i = 0; i < Options.RecordedMessagesPerTick && feed.TryNext(out var stream, out var json, out bool isDepth); i++)
        {
            if (isDepth)
            {
                Interlocked.Increment(ref _depthMessagesSent);
                if (_faults[feed.Symbol].TryDequeue(out var f) && f == DepthFault.Drop) continue;
            }
            int dataAt = json.IndexOf("\"data\":", StringComparison.Ordinal) + 7;
            BroadcastStream(stream, json[dataAt..^1]);
        }
    }

    // Sends a depth message to every subscriber of the symbol's depth streams.
    private void Broadcast(string symbol, byte[] combined, string? raw)
    {
        string lower = symbol.ToLowerInvariant();
        foreach (var c in _connections)
        {
            string? stream = c.Subscribes(lower + "@depth@100ms") ? lower + "@depth@100ms" : c.Subscribes(lower + "@depth") ? lower + "@depth" : null;
            if (stream is null) continue;
            if (c.Combined) c.Send(stream.EndsWith("100ms", StringComparison.Ordinal) ? combined : Wrap(stream, ExtractData(combined)));
            else c.Send(Encoding.UTF8.GetBytes(raw ?? ExtractData(combined)));
        }
    }

    private void BroadcastStream(string stream, string data)
    {
        byte[]? combined = null;
        foreach (var c in _connections)
        {
            if (!c.Subscribes(stream)) continue;
            c.Send(c.Combined ? combined ??= Encoding.UTF8.GetBytes($"{{\"stream\":\"{stream}\",\"data\":{data}}}") : Encoding.UTF8.GetBytes(data));
        }
    }

    private static byte[] Wrap(string symbol, string data) =>
        Encoding.UTF8.GetBytes($"{{\"stream\":\"{(symbol.Contains('@') ? symbol : symbol.ToLowerInvariant() + "@depth@100ms")}\",\"data\":{data}}}");

    private static string ExtractData(byte[] combined)
    {
        var s = Encoding.UTF8.GetString(combined);
        int at = s.IndexOf("\"data\":", StringComparison.Ordinal) + 7;
        return s[at..^1];
    }
}
