using System.Globalization;
using HftScalper.Binance.Rules;
using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;

namespace HftScalper.Live;

/// <summary>
/// The Binance spot venue behind the engine's gateway seam, over the WebSocket API (<see cref="SpotTradingApi"/>).
/// <para>Strategy thread (<see cref="Submit"/>, <see cref="Cancel"/>, <see cref="Replace"/>): checks the order against
/// the symbol's exchangeInfo filters (<see cref="OrderValidator"/>; a refusal is a Rejected report, no request), then
/// hands a value to a bounded queue read by one sender task. Never waits on the network.</para>
/// <para>Sender task and network callbacks: send the requests, read the outcomes and the user data
/// <c>executionReport</c>s (through <see cref="OrderUpdateSequencer"/>: duplicates and stale ones dropped and
/// counted), and queue <see cref="ExecutionReport"/>s; the strategy thread delivers them with
/// <see cref="DeliverReports"/> (the desk does on every market event). Every source reports only what the order's
/// record does not hold yet (cumulative filled quantity, ack, terminal state), so a fill is reported once whichever
/// source brings it first.</para>
/// <para>An Unknown outcome (timeout, disconnect, 5XX) leaves the order <see cref="VenueOrderState.Unknown"/> and is
/// resolved by <c>order.status</c> by client order id, never by sending the request again.</para>
/// <para>The order path is the one <see cref="BinanceUsdmGateway"/> has too (<see cref="VenueGatewayCore"/>); this
/// type adds spot's requests (<see cref="SpotOrderApi"/>), <c>order.cancelReplace</c> and the account view.</para>
/// </summary>
public sealed partial class BinanceSpotGateway : IQueuedReportGateway, IAsyncDisposable, IDisposable
{
    private const string LogName = "binance gateway";
    private readonly SpotTradingApi _api;
    private readonly IExecutionReportSink _sink;
    private readonly BinanceSpotGatewayOptions _options;
    private readonly VenueSymbols _symbols;
    private readonly SpotOrderApi _orderApi;
    private readonly VenueGatewayCore _core;

    /// <summary>
    /// A gateway for the symbols of <paramref name="symbols"/> (ids below its count now) trading through
    /// <paramref name="api"/>; <paramref name="filters"/> are exchangeInfo's symbols (a symbol without filters refuses
    /// every order), <paramref name="session"/> the order tracker's id session (the venue's ids are its text).
    /// The client must parse user data with the same registry (<see cref="UserDataParser"/>).
    /// </summary>
    public BinanceSpotGateway(SpotTradingApi api, SymbolRegistry symbols, IReadOnlyDictionary<string, SymbolFilters> filters,
        ClientOrderIdSession session, IExecutionReportSink sink, BinanceSpotGatewayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(sink);
        _api = api;
        _sink = sink;
        _options = options ?? new BinanceSpotGatewayOptions();
        _symbols = new VenueSymbols(symbols, filters);
        _orderApi = new SpotOrderApi(api, _symbols);
        _core = new VenueGatewayCore(_orderApi, _symbols, session, _options, LogName, logLocalRejects: true);
        _api.Client.UserData += OnUserData;
        _api.Client.ReconcileRequested += OnReconcileRequested;
        _core.Start(ReplaceOrder);
    }

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

    /// <summary>The last venue refusal's Binance code (e.g. -2010) and message.</summary>
    public (int Code, string? Message) LastReject => _core.Outcomes.LastReject;

    /// <summary>User data reports dropped as duplicates (same trade, or same state) by the sequencer.</summary>
    public long DuplicateReports => _core.Book.DuplicateReports;

    /// <summary>User data reports dropped as stale (behind what the order already showed).</summary>
    public long StaleReports => _core.Book.StaleReports;

    /// <summary>Fills dropped because a query had already reported their quantity.</summary>
    public long CoveredFills => _core.Book.CoveredFills;

    /// <summary>User data reports for orders already done (e.g. a duplicate after the sequencer forgot the order): dropped.</summary>
    public long LateReports => _core.Book.LateReports;

    /// <summary>Order reports of ids that are not this session's (another process, a previous run).</summary>
    public long ForeignReports => _core.Book.ForeignReports;

    /// <summary>Reports waiting for <see cref="DeliverReports"/>.</summary>
    public int PendingReports => _core.Reports.Pending;

    /// <summary>The gateway's view of an order (false when it never reached the sender).</summary>
    public bool TryGetState(ClientOrderId id, out VenueOrderState state) => _core.Book.TryGetState(id, out state);

    /// <summary>The venue's reference price of a symbol in ticks (spot avgPrice; e.g. the mid), used for market
    /// orders' notional and the percent-price band; 0 = unknown (band not checked).</summary>
    public void SetReferencePrice(int symbolId, long priceTicks) => _symbols.SetReferencePrice(symbolId, priceTicks);

    /// <inheritdoc />
    public bool Submit(in OrderRequest request) => _core.Submit(in request);

    /// <inheritdoc />
    public bool Cancel(ClientOrderId clientOrderId, int symbolId, long nowNs) => _core.Cancel(clientOrderId, symbolId, nowNs);

    /// <inheritdoc />
    public bool Replace(ClientOrderId original, in OrderRequest replacement) => _core.Replace(original, in replacement);

    /// <inheritdoc />
    public int DeliverReports() => _core.Reports.Deliver(_sink);

    /// <summary>Stops the sender (queued requests not yet sent are dropped) and detaches from the client (not disposed).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_core.Stopped) return;
        _api.Client.UserData -= OnUserData;
        _api.Client.ReconcileRequested -= OnReconcileRequested;
        await _core.StopAsync().ConfigureAwait(false);
    }

    /// <summary>Synchronous <see cref="DisposeAsync"/> (the desk disposes its gateway this way at shutdown).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"BinanceSpotGateway({_core.Book.Count} orders)");
}
