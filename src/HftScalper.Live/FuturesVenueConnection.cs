using HftScalper.Binance.Auth;
using HftScalper.Binance.Limits;
using HftScalper.Binance.Live;
using HftScalper.Binance.Orders;
using HftScalper.Binance.Rest;
using HftScalper.Binance.Rules;
using HftScalper.Binance.Time;
using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;

namespace HftScalper.Live;

/// <summary>
/// Everything a live USD-M (or COIN-M: <see cref="FuturesVenueEndpoints.Market"/>) run needs, connected: exchangeInfo (filters, rate limits), signed REST with the server
/// clock synced (and kept synced), the WebSocket API session, the listenKey user data stream, the gateway factory for
/// the <see cref="TradingDesk"/> and the dead-man switch. For <c>hft run --market usdm --mode testnet|live</c>:
/// <code>
///   var signer = RequestSignerLoader.FromEnvironment();
///   await using var venue = await FuturesVenueConnection.ConnectAsync(FuturesVenueEndpoints.Testnet, signer, symbols, session, null, ct);
///   var desk = new TradingDesk(symbols, new TradingDeskOptions { OrderIds = session, ... }, venue.Factory, sink);
///   await venue.StartHeartbeatAsync(ct);      // after the desk made the gateway
///   ... trade; on exit: await venue.ShutdownAsync(ct);   // cancel all, then disarm the switch
/// </code>
/// </summary>
public sealed class FuturesVenueConnection : IAsyncDisposable
{
    private readonly BinanceRestClient _restClient;
    private readonly WsApiClient _wsApi;
    private readonly FuturesUserDataStream _userData;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _clockLoop;

    private FuturesVenueConnection(BinanceRestClient rest, WsApiClient wsApi, FuturesUserDataStream userData, ExchangeInfo info,
        BinanceFuturesGatewayFactory factory, CountdownHeartbeat heartbeat, ServerTimeSync time)
    {
        _restClient = rest;
        _wsApi = wsApi;
        _userData = userData;
        Rest = new FuturesOrderClient(rest);
        Filters = info.Symbols;
        Factory = factory;
        Heartbeat = heartbeat;
        Time = time;
        _clockLoop = time.RunRefreshLoopAsync(rest.GetServerTimeMsAsync, _stop.Token);
    }

    /// <summary>The gateway factory to give the desk (its <see cref="BinanceFuturesGatewayFactory.Gateway"/> is the venue).</summary>
    public BinanceFuturesGatewayFactory Factory { get; }

    /// <summary>The gateway, once the desk made it (else null).</summary>
    public BinanceFuturesGateway? Gateway => Factory.Gateway;

    /// <summary>The dead-man switch of the traded symbols (started by <see cref="StartHeartbeatAsync"/>).</summary>
    public CountdownHeartbeat Heartbeat { get; }

    /// <summary>Signed futures REST (<c>/fapi</c> or <c>/dapi</c>) (open orders, position risk, account, countdown).</summary>
    public FuturesOrderClient Rest { get; }

    /// <summary>exchangeInfo's symbols and filters.</summary>
    public IReadOnlyDictionary<string, SymbolFilters> Filters { get; }

    /// <summary>The server clock offset (fail closed when it is not <see cref="ServerTimeSync.IsSynced"/>).</summary>
    public ServerTimeSync Time { get; }

    /// <summary>Reconnects of the WebSocket API order session.</summary>
    public long OrderSessionReconnects => _wsApi.Reconnects;

    /// <summary>Reconnects of the listenKey user data stream.</summary>
    public long UserStreamReconnects => _userData.Reconnects;

    /// <summary>Frame received -> order bytes written to the order session's socket.</summary>
    public Core.Time.LatencyHistogram TickToOrder => _wsApi.TickToOrder;

    /// <summary>
    /// Connects: reads exchangeInfo (unless <see cref="FuturesVenueSettings.ExchangeInfo"/> holds it), syncs the clock, starts the WebSocket API session and the user data stream.
    /// <paramref name="symbols"/> are the traded symbols (their scales parse the user data); <paramref name="session"/>
    /// is the desk's order id session. Throws when a step fails (nothing is left running then).
    /// </summary>
    public static async Task<FuturesVenueConnection> ConnectAsync(FuturesVenueEndpoints endpoints, IRequestSigner signer, SymbolRegistry symbols,
        ClientOrderIdSession session, FuturesVenueSettings? settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(session);
        settings ??= new FuturesVenueSettings();
        var log = settings.Log;
        var restOptions = new BinanceRestOptions(endpoints.Rest, endpoints.Market);
        string market = endpoints.Market.CliName();
        var time = new ServerTimeSync(new ServerTimeSyncOptions { Samples = 3 });
        var info = settings.ExchangeInfo;
        if (info is null)
        {
            using var bootstrap = new BinanceRestClient(restOptions, null, time, new RateLimitTracker([]), null, log);
            var r = await bootstrap.GetExchangeInfoAsync(ct).ConfigureAwait(false);
            info = r.IsOk && r.Value is not null ? r.Value : throw new InvalidOperationException($"{market}: exchangeInfo failed ({r})");
        }
        var rest = new BinanceRestClient(restOptions, signer, time, new RateLimitTracker(info.RateLimits), null, log);
        WsApiClient? wsApi = null;
        FuturesUserDataStream? userData = null;
        try
        {
            if (!await time.SyncAsync(rest.GetServerTimeMsAsync, ct).ConfigureAwait(false))
                throw new InvalidOperationException($"{market}: the server clock could not be synced ({time})");
            var parser = new UserDataParser(symbols, log);
            wsApi = new WsApiClient(new WsApiClientOptions
            {
                Endpoint = endpoints.WsApi,
                SubscribeUserData = false,
                TimestampMs = time.TimestampMs,
                RecvWindowMs = time.Options.RecvWindowMs,
                Log = log,
            }, signer, parser);
            await wsApi.StartAsync(ct).ConfigureAwait(false);
            userData = new FuturesUserDataStream(new FuturesUserDataOptions
            {
                RestBase = endpoints.Rest, StreamBase = endpoints.UserStream, ListenKeyPath = endpoints.Market.RestPrefix() + "/listenKey", Log = log,
            },
                signer.ApiKey, parser);
            await userData.StartAsync(ct).ConfigureAwait(false);
            var orders = new FuturesOrderClient(rest);
            var factory = new BinanceFuturesGatewayFactory(new FuturesTradingApi(wsApi), userData, orders, info.Symbols, session,
                settings.Gateway with { Log = settings.Gateway.Log ?? log });
            var traded = Enumerable.Range(0, symbols.Count).Select(i => symbols[i].Name).Where(info.Symbols.ContainsKey);
            var heartbeat = new CountdownHeartbeat(orders, traded, settings.Heartbeat with { Log = settings.Heartbeat.Log ?? log });
            return new FuturesVenueConnection(rest, wsApi, userData, info, factory, heartbeat, time);
        }
        catch
        {
            if (userData is not null) await userData.DisposeAsync().ConfigureAwait(false);
            if (wsApi is not null) await wsApi.DisposeAsync().ConfigureAwait(false);
            rest.Dispose();
            throw;
        }
    }

    /// <summary>Arms the dead-man switch and attaches it to the gateway (its health gates <c>StreamsUp</c>).</summary>
    public Task<bool> StartHeartbeatAsync(CancellationToken ct)
    {
        if (Gateway is { } g) g.Heartbeat = Heartbeat;
        return Heartbeat.StartAsync(ct);
    }

    /// <summary>Clean exit: cancels every open order of the traded symbols, then disarms the switch. Returns how many
    /// orders were cancelled.</summary>
    public async Task<int> ShutdownAsync(CancellationToken ct)
    {
        int cancelled = Gateway is { } g ? await g.CancelAllAsync(ct).ConfigureAwait(false) : 0;
        await Heartbeat.StopAsync(disarm: true, ct).ConfigureAwait(false);
        return cancelled;
    }

    /// <summary>Closes everything (the switch stays armed unless <see cref="ShutdownAsync"/> ran: a crash keeps the protection).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _clockLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
        await Heartbeat.DisposeAsync().ConfigureAwait(false);
        if (Gateway is { } g) await g.DisposeAsync().ConfigureAwait(false);
        await _userData.DisposeAsync().ConfigureAwait(false);
        await _wsApi.DisposeAsync().ConfigureAwait(false);
        _restClient.Dispose();
        _stop.Dispose();
    }
}
