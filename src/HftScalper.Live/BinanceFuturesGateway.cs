using HftScalper.Binance.Live;
using HftScalper.Binance.Orders;
using HftScalper.Binance.Rules;
using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;

namespace HftScalper.Live;

/// <summary>
/// The Binance USD-M (or COIN-M: the same protocol on <c>/dapi</c>, <c>/ws-dapi/v1</c>, <c>dstream</c>; see
/// <see cref="Market"/>) futures venue behind the engine's gateway seam: order entry over the WebSocket API
/// (<see cref="FuturesTradingApi"/>: <c>order.place</c>, <c>order.cancel</c>, <c>order.modify</c>, <c>order.status</c>),
/// fills from the listenKey user data stream (<see cref="FuturesUserDataStream"/>: <c>ORDER_TRADE_UPDATE</c>,
/// <c>ACCOUNT_UPDATE</c>), and REST (<see cref="FuturesOrderClient"/>) for what the WebSocket API lacks: open orders,
/// <c>positionRisk</c>, the account, <c>allOpenOrders</c> cancel. One-way position mode (<c>positionSide</c> BOTH).
/// <para>The same order path as <see cref="BinanceSpotGateway"/> (<see cref="VenueGatewayCore"/>): the strategy thread
/// checks the order against exchangeInfo (<see cref="OrderValidator"/>) and queues a value for one sender task; every
/// report source adds only what the order's record does not hold yet, through <see cref="OrderUpdateSequencer"/>, so a
/// fill is reported once; an Unknown outcome is resolved by <c>order.status</c> by client order id, never by
/// resending.</para>
/// <para>Order mapping: post-only = LIMIT GTX, IOC = LIMIT IOC, <see cref="OrderRequest.ReduceOnly"/> = <c>reduceOnly</c>,
/// self-trade prevention from <see cref="BinanceFuturesGatewayOptions.SelfTradePrevention"/>. A Replace of a resting
/// LIMIT/GTX order with the same side, type and reduce-only flag is an <c>order.modify</c> (the venue order keeps its
/// id; the original is reported Cancelled/Replaced and the replacement takes the venue order over, counting its fills
/// above what was executed before); any other Replace is <c>order.cancel</c> then, once the cancel is confirmed,
/// <c>order.place</c>.</para>
/// <para>Risk figures: <see cref="TryGetRiskFigures"/> gives the exchange's mark and liquidation prices per symbol
/// (<c>positionRisk</c>), marked unknown while a position change is not yet re-queried.</para>
/// </summary>
public sealed partial class BinanceFuturesGateway : BinanceGateway, ILiveVenue
{
    private readonly string LogName; // "binance usdm gateway" or "binance coinm gateway"
    private static readonly string[] StpModes = ["NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"];
    private readonly FuturesTradingApi _api;
    private readonly FuturesUserDataStream _userData;
    private readonly FuturesOrderClient _rest;
    private readonly BinanceFuturesGatewayOptions _options;
    private readonly VenueSymbols _symbols;
    private readonly FuturesOrderApi _orderApi;
    private long _modifies, _cancelThenPlace;

    /// <summary>
    /// A gateway for the symbols of <paramref name="symbols"/> (ids below its count now) trading through
    /// <paramref name="api"/> (a started <c>/ws-fapi/v1</c> client, <see cref="WsApiClientOptions.SubscribeUserData"/>
    /// false), <paramref name="userData"/> (the listenKey stream; started by the caller, parsing with the same registry)
    /// and <paramref name="rest"/> (USD-M REST, clock synced); <paramref name="filters"/> are exchangeInfo's symbols (a
    /// symbol without filters refuses every order), <paramref name="session"/> the order tracker's id session.
    /// </summary>
    public BinanceFuturesGateway(FuturesTradingApi api, FuturesUserDataStream userData, FuturesOrderClient rest, SymbolRegistry symbols,
        IReadOnlyDictionary<string, SymbolFilters> filters, ClientOrderIdSession session, IExecutionReportSink sink,
        BinanceFuturesGatewayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(userData);
        ArgumentNullException.ThrowIfNull(rest);
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(sink);
        _api = api;
        _userData = userData;
        _rest = rest;
        Market = rest.Rest.Options.Market.CliName();
        LogName = $"binance {Market} gateway";
        _options = options ?? new BinanceFuturesGatewayOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.QueueCapacity, 1);
        if (_options.SelfTradePrevention is { } stp && Array.IndexOf(StpModes, stp) < 0)
            throw new ArgumentException($"selfTradePreventionMode '{stp}' is not one of {string.Join(", ", StpModes)}", nameof(options));
        _symbols = new VenueSymbols(symbols, filters);
        _orderApi = new FuturesOrderApi(api, _symbols, _options.SelfTradePrevention);
        int n = _symbols.Count;
        _risk = new FuturesRiskFigures[n];
        _positionLots = new long[n];
        _positionVersion = new long[n];
        _marginAsset = _symbols.MarginAsset;
        Start(new VenueGatewayCore(_orderApi, _symbols, session, _options, LogName, logLocalRejects: false), sink, ReplaceOrder);
        _userData.UserData += OnUserData;
        _userData.ReconcileRequested += OnReconcileRequested;
        _api.Client.ReconcileRequested += OnReconcileRequested;
    }

    /// <inheritdoc />
    /// <remarks><c>usdm</c> or <c>coinm</c>, from <c>rest</c>'s market: the two futures markets share this gateway (the
    /// same WebSocket API methods on <c>/ws-fapi/v1</c> and <c>/ws-dapi/v1</c>, the same REST on <c>/fapi</c> and
    /// <c>/dapi</c>, the same user data events); COIN-M quantities are whole contracts and its account is the coin.</remarks>
    public string Market { get; }

    /// <inheritdoc />
    public event EventHandler<string>? ReconcileNeeded;

    /// <summary>The dead-man switch whose health gates <see cref="StreamsUp"/> (null: none).</summary>
    public CountdownHeartbeat? Heartbeat { get; set; }

    /// <summary>True while the order session and the listenKey stream are up and the heartbeat (if any) is armed.</summary>
    public bool StreamsUp => _api.Client.IsReady && _userData.IsReady && (Heartbeat?.Healthy ?? true);

    /// <summary>The traded symbols' venue names (those with exchangeInfo filters).</summary>
    public IReadOnlyCollection<string> TradedSymbols => _symbols.Ids.Keys;

    /// <summary>Replaces sent as <c>order.modify</c>.</summary>
    public long Modifies => Interlocked.Read(ref _modifies);

    /// <summary>Replaces sent as cancel then place.</summary>
    public long CancelThenPlace => Interlocked.Read(ref _cancelThenPlace);

    private protected override void Detach()
    {
        _userData.UserData -= OnUserData;
        _userData.ReconcileRequested -= OnReconcileRequested;
        _api.Client.ReconcileRequested -= OnReconcileRequested;
    }
}
