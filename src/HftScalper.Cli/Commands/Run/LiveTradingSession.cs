using System.Text.Json;
using HftScalper.Binance.Auth;
using HftScalper.Binance.Rules;
using HftScalper.Binance.Time;
using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;
using HftScalper.Core.Security;
using HftScalper.Core.Symbols;
using HftScalper.Live;
using HftScalper.Trading.Execution;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands.Run;

/// <summary>
/// The venue side of <c>hft run --mode testnet|live</c> (spot): keys, exchangeInfo filters, server time, the WebSocket
/// API session with the user data stream, the gateway factory the pipeline trades through (the fail-closed
/// <see cref="LiveDeskFactory"/> over <see cref="BinanceSpotGatewayFactory"/>), the control tasks (reconciliation,
/// clock, kill-switch watch), and the exit: cancel all, optionally flatten, count what is still open at the venue.
/// </summary>
internal sealed class LiveTradingSession : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(20);
    private readonly ILogger _log;
    private readonly HttpClient _http;
    private readonly ServerTimeSync _time;
    private readonly WsApiClient _client;
    private readonly LiveDeskFactory _desk;
    private readonly LiveReconciler _reconciler;
    private readonly VenueGate _gate;
    private readonly CancellationTokenSource _control = new();
    private readonly List<Task> _tasks = [];
    private readonly string[] _symbolNames;
    private volatile string? _stoppedBy;
    private bool _subscribed;

    private LiveTradingSession(ILogger log, LiveEndpoints endpoints, HttpClient http, ServerTimeSync time, WsApiClient client,
        LiveDeskFactory desk, LiveReconciler reconciler, VenueGate gate, ClientOrderIdSession session, string[] symbolNames)
    {
        _symbolNames = symbolNames;
        _log = log;
        Endpoints = endpoints;
        _http = http;
        _time = time;
        _client = client;
        _desk = desk;
        _reconciler = reconciler;
        _gate = gate;
        Session = session;
    }

    /// <summary>The bases in use.</summary>
    public LiveEndpoints Endpoints { get; }

    /// <summary>This run's client order id session (unique across restarts).</summary>
    public ClientOrderIdSession Session { get; }

    /// <summary>The pipeline's gateway factory.</summary>
    public IExecutionGatewayFactory Factory => _desk;

    /// <summary>Reconciliation mismatches so far (the dashboard's <c>/metrics</c>).</summary>
    public long ReconcileMismatches => _reconciler.Mismatches;

    /// <summary>Connects (keys, exchangeInfo, server time, WebSocket API session and user data subscription).
    /// Refusals (keys, unknown symbol, unreachable venue) are <see cref="ArgumentException"/>s/<see cref="IOException"/>s
    /// with one clear line (exit 2).</summary>
    public static async Task<LiveTradingSession> ConnectAsync(RunCommandArgs args, SymbolRegistry registry, ILogger log, CancellationToken ct)
    {
        IRequestSigner signer;
        try
        {
            signer = RequestSignerLoader.FromEnvironment();
        }
        catch (BinanceKeyException e)
        {
            throw new ArgumentException(e.Message); // names the variable or file, never key material
        }
        var endpoints = LiveEndpoints.Resolve(args.Mode, args.StreamBase, args.WsApiBase, args.RestBase);
        var http = new HttpClient { BaseAddress = endpoints.Rest, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var info = await ExchangeInfoAsync(http, endpoints, ct).ConfigureAwait(false);
            foreach (var name in args.Symbols)
            {
                if (!info.Symbols.TryGetValue(name.ToUpperInvariant(), out var f))
                    throw new ArgumentException($"{name.ToUpperInvariant()} is not listed in {SecretRedactor.Redact(endpoints.Rest)}api/v3/exchangeInfo");
                RegisterFromFilters(registry, f);
            }
            var time = new ServerTimeSync();
            if (!await time.SyncAsync(c => ServerTimeAsync(http, c), ct).ConfigureAwait(false))
                throw new IOException($"server time: {SecretRedactor.Redact(endpoints.Rest)}api/v3/time did not answer");
            Action<string> venueLog = m => log.LogInformation("{Message}", SecretRedactor.Redact(m));
            var client = new WsApiClient(new WsApiClientOptions
            {
                Endpoint = endpoints.WsApi,
                TimestampMs = time.TimestampMs,
                RecvWindowMs = time.Options.RecvWindowMs,
                Log = venueLog,
            }, signer, new UserDataParser(registry, venueLog));
            using (var connect = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                connect.CancelAfter(ConnectTimeout);
                try
                {
                    await client.StartAsync(connect.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await client.DisposeAsync().ConfigureAwait(false);
                    throw new IOException($"no WebSocket API session at {SecretRedactor.Redact(endpoints.WsApi)} within {ConnectTimeout.TotalSeconds:F0} s (keys accepted? see the log)");
                }
            }
            var session = ClientOrderIdSession.NewLive(DateTimeOffset.UtcNow);
            var gate = new VenueGate();
            var reconcile = new LiveReconcilerOptions
            {
                Interval = args.ReconcileInterval ?? TimeSpan.FromSeconds(30),
                UnknownOrders = args.UnknownOrders,
                Log = m => log.LogWarning("{Message}", m),
            };
            var spot = new BinanceSpotGatewayFactory(new SpotTradingApi(client), info.Symbols, session, new BinanceSpotGatewayOptions { Log = venueLog });
            var desk = new LiveDeskFactory(spot, gate, reconcile);
            log.LogInformation("Venue {Venue}: {Key} key, clock offset {Offset} ms, order ids {Prefix}-*", SecretRedactor.Redact(endpoints.WsApi),
                signer.KeyType, time.OffsetMs, session.Prefix);
            return new LiveTradingSession(log, endpoints, http, time, client, desk, new LiveReconciler(desk, gate, reconcile), gate, session,
                [.. registry.All.Select(s => s.Name)]);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    // Price decimals from the tick size; quantities keep Binance's 8 string decimals (as KnownSymbols does, so the
    // feed parses the same way); risk sizes in the venue's lot step and respects its minimum quantity and notional.
    private static void RegisterFromFilters(SymbolRegistry registry, SymbolFilters f)
    {
        const int quantityDecimals = 8;
        int priceDecimals = Math.Max(0, (int)Math.Ceiling(-Math.Log10((double)(f.TickSize > 0 ? f.TickSize : 0.01m)) - 1e-9));
        long Units(decimal v, int decimals) => (long)decimal.Round(v * Core.Numerics.FixedPoint.PowerOfTen(decimals));
        registry.Register(f.Symbol, "binance-spot", priceDecimals, quantityDecimals, tickSize: 1,
            lotSize: Math.Max(1, Units(f.StepSize, quantityDecimals)), minNotional: Units(f.MinNotional, priceDecimals + quantityDecimals),
            minQuantity: Units(f.MinQty, quantityDecimals));
    }

    /// <summary>Starts the control tasks: reconciliation (at start, on reconnects, periodically), the clock check and
    /// refresh, and the kill-switch watch (<paramref name="halted"/> true: stop the run through <paramref name="stop"/>).</summary>
    public void Start(CancellationTokenSource stop, Func<bool> halted)
    {
        var ct = _control.Token;
        _tasks.Add(_reconciler.RunAsync(ct));
        _tasks.Add(_time.RunRefreshLoopAsync(c => ServerTimeAsync(_http, c), ct));
        _tasks.Add(WatchAsync(stop, halted, ct));
    }

    // Every 200 ms: the clock gate, the venue's reconcile requests once the desk built it, the kill switch.
    private async Task WatchAsync(CancellationTokenSource stop, Func<bool> halted, CancellationToken ct)
    {
        bool clockWasOk = true;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                bool clockOk = _time.IsSynced;
                _gate.Set(VenueBlock.Clock, !clockOk);
                if (clockOk != clockWasOk)
                    _log.LogWarning("Server clock {State} (offset {Offset} ms): new orders {What}", _time.State, _time.OffsetMs, clockOk ? "allowed again" : "blocked");
                clockWasOk = clockOk;
                if (!_subscribed && _desk.Gateway is { } g)
                {
                    g.Venue.ReconcileNeeded += (_, why) => _reconciler.Request(why);
                    _subscribed = true;
                }
                if (_stoppedBy is null && halted())
                {
                    _stoppedBy = "kill switch";
                    _log.LogError("Kill switch tripped: stopping the run (cancel all open orders, then the summary)");
                    await stop.CancelAsync().ConfigureAwait(false);
                }
                await Task.Delay(200, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>
    /// After the pipeline returned (any reason: duration, signal, kill switch, fault): blocks new orders, cancels every
    /// open order of the traded symbols, optionally flattens, and asks the venue what is still open.
    /// </summary>
    public async Task<LiveOutcome> ShutdownAsync(bool flatten)
    {
        _gate.Block(VenueBlock.ShuttingDown);
        await _control.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var desk = _desk.Gateway;
        desk?.TradingStopped();
        long cancelled = 0, flattened = 0;
        if (desk is not null)
        {
            cancelled = await CancelAllAsync(desk.Venue, exit.Token).ConfigureAwait(false);
            await PumpUntilClosedAsync(desk, TimeSpan.FromSeconds(3)).ConfigureAwait(false);
            if (flatten)
            {
                flattened = desk.SubmitFlatten(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000);
                _log.LogWarning("Flatten on exit: {Orders} closing orders sent", flattened);
                await PumpUntilClosedAsync(desk, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                cancelled += await CancelAllAsync(desk.Venue, exit.Token).ConfigureAwait(false); // any unfilled remainder
                await PumpUntilClosedAsync(desk, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            }
        }
        long open = await OpenOrdersAsync(exit.Token).ConfigureAwait(false);
        var spot = desk?.Venue as BinanceSpotGateway;
        return new LiveOutcome
        {
            OpenOrdersAtExit = open,
            CancelledAtExit = cancelled,
            FlattenOrders = flattened,
            Reconciliations = _reconciler.Reconciliations,
            ReconcileMismatches = _reconciler.Mismatches,
            UnknownOrdersCancelled = _reconciler.UnknownOrdersCancelled,
            OrderSessionReconnects = _client.Reconnects,
            UnknownOutcomes = spot?.UnknownOutcomes ?? 0,
            VenueRejects = spot?.VenueRejects ?? 0,
            SessionPrefix = Session.Prefix,
            ClockOffsetMs = _time.OffsetMs,
            StoppedBy = _stoppedBy,
            TickToOrder = _client.TickToOrder,
        };
    }

    private async Task<long> CancelAllAsync(ILiveVenue venue, CancellationToken ct)
    {
        try
        {
            int n = await venue.CancelAllAsync(ct).ConfigureAwait(false);
            _log.LogWarning("Exit: cancel-all cancelled {Orders} open orders", n);
            return n;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            _log.LogError("Exit: cancel-all failed: {Error}", SecretRedactor.Redact(e.Message));
            return 0;
        }
    }

    // The trading thread is gone: deliver the venue's reports here until the tracker holds no open order (or the time is up).
    private static async Task PumpUntilClosedAsync(LiveDeskGateway desk, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        do
        {
            desk.DeliverReportsAfterStop();
            if (desk.Orders is not { OpenCount: > 0 }) return;
            await Task.Delay(50).ConfigureAwait(false);
        }
        while (DateTime.UtcNow < deadline);
    }

    // Open orders at the venue now, by a direct query (works even when the desk never existed); -1 when it failed.
    private async Task<long> OpenOrdersAsync(CancellationToken ct)
    {
        var api = new SpotTradingApi(_client);
        long total = 0;
        foreach (var symbol in _symbolNames)
        {
            var r = await api.OpenOrdersAsync(symbol, ct).ConfigureAwait(false);
            if (!r.IsOk || r.ResultJson is null)
            {
                _log.LogError("Exit: openOrders.status {Symbol} failed: {Response}", symbol, r.ToString());
                return -1;
            }
            using var doc = JsonDocument.Parse(r.ResultJson);
            total += doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement.GetArrayLength() : 0;
        }
        return total;
    }

    private static async Task<ExchangeInfo> ExchangeInfoAsync(HttpClient http, LiveEndpoints endpoints, CancellationToken ct)
    {
        try
        {
            var body = await http.GetByteArrayAsync(new Uri("api/v3/exchangeInfo", UriKind.Relative), ct).ConfigureAwait(false);
            return ExchangeInfoParser.Parse(body);
        }
        catch (HttpRequestException e)
        {
            throw new IOException($"exchangeInfo from {SecretRedactor.Redact(endpoints.Rest)}: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new IOException($"exchangeInfo from {SecretRedactor.Redact(endpoints.Rest)}: timed out");
        }
    }

    private static async Task<long> ServerTimeAsync(HttpClient http, CancellationToken ct)
    {
        var body = await http.GetByteArrayAsync(new Uri("api/v3/time", UriKind.Relative), ct).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("serverTime").GetInt64();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_control.IsCancellationRequested) await _control.CancelAsync().ConfigureAwait(false);
        if (_desk.Gateway?.Venue is { } venue) await venue.DisposeAsync().ConfigureAwait(false);
        await _client.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
        _control.Dispose();
    }
}
