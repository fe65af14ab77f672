using System.Globalization;
using HftScalper.Binance.Orders;
using HftScalper.Binance.Rules;
using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;

namespace HftScalper.Live;

/// <summary>
/// The Binance USD-M futures venue behind the engine's gateway seam: order entry over the WebSocket API
/// (<see cref="UsdmTradingApi"/>: <c>order.place</c>, <c>order.cancel</c>, <c>order.modify</c>, <c>order.status</c>),
/// fills from the listenKey user data stream (<see cref="FuturesUserDataStream"/>: <c>ORDER_TRADE_UPDATE</c>,
/// <c>ACCOUNT_UPDATE</c>), and REST (<see cref="FuturesOrderClient"/>) for what the WebSocket API lacks: open orders,
/// <c>positionRisk</c>, the account, <c>allOpenOrders</c> cancel. One-way position mode (<c>positionSide</c> BOTH).
/// <para>The same order path as <see cref="BinanceSpotGateway"/> (<see cref="VenueGatewayCore"/>): the strategy thread
/// checks the order against exchangeInfo (<see cref="OrderValidator"/>) and queues a value for one sender task; every
/// report source adds only what the order's record does not hold yet, through <see cref="OrderUpdateSequencer"/>, so a
/// fill is reported once; an Unknown outcome is resolved by <c>order.status</c> by client order id, never by
/// resending.</para>
/// <para>Order mapping: post-only = LIMIT GTX, IOC = LIMIT IOC, <see cref="OrderRequest.ReduceOnly"/> = <c>reduceOnly</c>,
/// self-trade prevention from <see cref="BinanceUsdmGatewayOptions.SelfTradePrevention"/>. A Replace of a resting
/// LIMIT/GTX order with the same side, type and reduce-only flag is an <c>order.modify</c> (the venue order keeps its
/// id; the original is reported Cancelled/Replaced and the replacement takes the venue order over, counting its fills
/// above what was executed before); any other Replace is <c>order.cancel</c> then, once the cancel is confirmed,
/// <c>order.place</c>.</para>
/// <para>Risk figures: <see cref="TryGetRiskFigures"/> gives the exchange's mark and liquidation prices per symbol
/// (<c>positionRisk</c>), marked unknown while a position change is not yet re-queried.</para>
/// </summary>
public sealed partial class BinanceUsdmGateway : ILiveVenue, IDisposable
{
    private const string LogName = "binance usdm gateway";
    private static readonly string[] StpModes = ["NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"];
    private readonly UsdmTradingApi _api;
    private readonly FuturesUserDataStream _userData;
    private readonly FuturesOrderClient _rest;
    private readonly IExecutionReportSink _sink;
    private readonly BinanceUsdmGatewayOptions _options;
    private readonly VenueSymbols _symbols;
    private readonly UsdmOrderApi _orderApi;
    private readonly VenueGatewayCore _core;
    private long _modifies, _cancelThenPlace;

    /// <summary>
    /// A gateway for the symbols of <paramref name="symbols"/> (ids below its count now) trading through
    /// <paramref name="api"/> (a started <c>/ws-fapi/v1</c> client, <see cref="WsApiClientOptions.SubscribeUserData"/>
    /// false), <paramref name="userData"/> (the listenKey stream; started by the caller, parsing with the same registry)
    /// and <paramref name="rest"/> (USD-M REST, clock synced); <paramref name="filters"/> are exchangeInfo's symbols (a
    /// symbol without filters refuses every order), <paramref name="session"/> the order tracker's id session.
    /// </summary>
    public BinanceUsdmGateway(UsdmTradingApi api, FuturesUserDataStream userData, FuturesOrderClient rest, SymbolRegistry symbols,
        IReadOnlyDictionary<string, SymbolFilters> filters, ClientOrderIdSession session, IExecutionReportSink sink,
        BinanceUsdmGatewayOptions? options = null)
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
        _sink = sink;
        _options = options ?? new BinanceUsdmGatewayOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.QueueCapacity, 1);
        if (_options.SelfTradePrevention is { } stp && Array.IndexOf(StpModes, stp) < 0)
            throw new ArgumentException($"selfTradePreventionMode '{stp}' is not one of {string.Join(", ", StpModes)}", nameof(options));
        _symbols = new VenueSymbols(symbols, filters);
        _orderApi = new UsdmOrderApi(api, _symbols, _options.SelfTradePrevention);
        _core = new VenueGatewayCore(_orderApi, _symbols, session, _options, LogName, logLocalRejects: false);
        int n = _symbols.Count;
        _risk = new UsdmRiskFigures[n];
        _positionLots = new long[n];
        _positionVersion = new long[n];
        _marginAsset = _symbols.MarginAsset;
        _userData.UserData += OnUserData;
        _userData.ReconcileRequested += OnReconcileRequested;
        _api.Client.ReconcileRequested += OnReconcileRequested;
        _core.Start(ReplaceOrder);
    }

    /// <inheritdoc />
    public string Market => "usdm";

    /// <inheritdoc />
    public event EventHandler<string>? ReconcileNeeded;

    /// <summary>The dead-man switch whose health gates <see cref="StreamsUp"/> (null: none).</summary>
    public CountdownHeartbeat? Heartbeat { get; set; }

    /// <summary>True while the order session and the listenKey stream are up and the heartbeat (if any) is armed.</summary>
    public bool StreamsUp => _api.Client.IsReady && _userData.IsReady && (Heartbeat?.Healthy ?? true);

    /// <summary>The traded symbols' venue names (those with exchangeInfo filters).</summary>
    public IReadOnlyCollection<string> TradedSymbols => _symbols.Ids.Keys;

    /// <summary>Orders refused before sending (filters, unknown symbol, bad side/type).</summary>
    public long LocalRejects => _core.LocalRejects;

    /// <summary>Requests refused because the sender queue was full.</summary>
    public long QueueFull => _core.QueueFull;

    /// <summary>Requests whose outcome was Unknown (each resolved by query).</summary>
    public long UnknownOutcomes => _core.Outcomes.UnknownOutcomes;

    /// <summary>Unknown orders resolved by a query.</summary>
    public long Resolved => _core.Outcomes.Resolved;

    /// <summary>Requests the venue refused (4XX).</summary>
    public long VenueRejects => _core.Outcomes.VenueRejects;

    /// <summary>Replaces sent as <c>order.modify</c>.</summary>
    public long Modifies => Interlocked.Read(ref _modifies);

    /// <summary>Replaces sent as cancel then place.</summary>
    public long CancelThenPlace => Interlocked.Read(ref _cancelThenPlace);

    /// <summary>The last venue refusal's Binance code (e.g. -5022) and message.</summary>
    public (int Code, string? Message) LastReject => _core.Outcomes.LastReject;

    /// <summary>User data reports dropped as duplicates (same trade, or same state) by the sequencer.</summary>
    public long DuplicateReports => _core.Book.DuplicateReports;

    /// <summary>User data reports dropped as stale (behind what the order already showed).</summary>
    public long StaleReports => _core.Book.StaleReports;

    /// <summary>Fills dropped because another source (response, query) had already reported their quantity.</summary>
    public long CoveredFills => _core.Book.CoveredFills;

    /// <summary>User data reports for orders already done: dropped.</summary>
    public long LateReports => _core.Book.LateReports;

    /// <summary>Order reports of ids that are not this session's (another process, a previous run).</summary>
    public long ForeignReports => _core.Book.ForeignReports;

    /// <summary>Reports waiting for <see cref="DeliverReports"/>.</summary>
    public int PendingReports => _core.Reports.Pending;

    /// <summary>The gateway's view of an order (false when it never reached the sender).</summary>
    public bool TryGetState(ClientOrderId id, out VenueOrderState state) => _core.Book.TryGetState(id, out state);

    /// <summary>A symbol's reference price in ticks (e.g. the mark price or the mid), for market orders' notional and
    /// the percent-price band; 0 = unknown (band not checked).</summary>
    public void SetReferencePrice(int symbolId, long priceTicks) => _symbols.SetReferencePrice(symbolId, priceTicks);

    /// <inheritdoc />
    public bool Submit(in OrderRequest request) => _core.Submit(in request);

    /// <inheritdoc />
    public bool Cancel(ClientOrderId clientOrderId, int symbolId, long nowNs) => _core.Cancel(clientOrderId, symbolId, nowNs);

    /// <inheritdoc />
    public bool Replace(ClientOrderId original, in OrderRequest replacement) => _core.Replace(original, in replacement);

    /// <inheritdoc />
    public int DeliverReports() => _core.Reports.Deliver(_sink);

    /// <summary>Stops the sender (queued requests not yet sent are dropped) and detaches from the clients (not disposed).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_core.Stopped) return;
        _userData.UserData -= OnUserData;
        _userData.ReconcileRequested -= OnReconcileRequested;
        _api.Client.ReconcileRequested -= OnReconcileRequested;
        await _core.StopAsync().ConfigureAwait(false);
    }

    /// <summary>Synchronous <see cref="DisposeAsync"/> (the desk disposes its gateway this way at shutdown).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"BinanceUsdmGateway({_core.Book.Count} orders)");
}
