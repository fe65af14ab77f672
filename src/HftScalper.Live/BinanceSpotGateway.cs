using HftScalper.Binance.Rules;
using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;

namespace HftScalper.Live;

/// <summary>
/// The Binance spot venue behind the engine's gateway seam, over the WebSocket API (<see cref="SpotTradingApi"/>).
/// <para>Strategy thread (<see cref="BinanceGateway.Submit"/>, <see cref="BinanceGateway.Cancel"/>, <see cref="BinanceGateway.Replace"/>): checks the order against
/// the symbol's exchangeInfo filters (<see cref="OrderValidator"/>; a refusal is a Rejected report, no request), then
/// hands a value to a bounded queue read by one sender task. Never waits on the network.</para>
/// <para>Sender task and network callbacks: send the requests, read the outcomes and the user data
/// <c>executionReport</c>s (through <see cref="OrderUpdateSequencer"/>: duplicates and stale ones dropped and
/// counted), and queue <see cref="ExecutionReport"/>s; the strategy thread delivers them with
/// <see cref="BinanceGateway.DeliverReports"/> (the desk does on every market event). Every source reports only what the order's
/// record does not hold yet (cumulative filled quantity, ack, terminal state), so a fill is reported once whichever
/// source brings it first.</para>
/// <para>An Unknown outcome (timeout, disconnect, 5XX) leaves the order <see cref="VenueOrderState.Unknown"/> and is
/// resolved by <c>order.status</c> by client order id, never by sending the request again.</para>
/// <para>The order path is the one <see cref="BinanceFuturesGateway"/> has too (<see cref="VenueGatewayCore"/>); this
/// type adds spot's requests (<see cref="SpotOrderApi"/>), <c>order.cancelReplace</c> and the account view.</para>
/// </summary>
public sealed partial class BinanceSpotGateway : BinanceGateway
{
    private const string LogName = "binance gateway";
    private readonly SpotTradingApi _api;
    private readonly BinanceSpotGatewayOptions _options;
    private readonly VenueSymbols _symbols;
    private readonly SpotOrderApi _orderApi;

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
        _options = options ?? new BinanceSpotGatewayOptions();
        _symbols = new VenueSymbols(symbols, filters);
        _orderApi = new SpotOrderApi(api, _symbols);
        Start(new VenueGatewayCore(_orderApi, _symbols, session, _options, LogName, logLocalRejects: true), sink, ReplaceOrder);
        _api.Client.UserData += OnUserData;
        _api.Client.ReconcileRequested += OnReconcileRequested;
    }

    private protected override void Detach()
    {
        _api.Client.UserData -= OnUserData;
        _api.Client.ReconcileRequested -= OnReconcileRequested;
    }
}
