using HftScalper.Binance.Orders;
using HftScalper.Binance.Rules;
using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;

namespace HftScalper.Live;

/// <summary>
/// Makes the <see cref="TradingDesk"/>'s gateway a <see cref="BinanceFuturesGateway"/> on started connections.
/// <paramref name="session"/> must be the desk's <see cref="TradingDeskOptions.OrderIds"/>.
/// </summary>
public sealed class BinanceFuturesGatewayFactory(FuturesTradingApi api, FuturesUserDataStream userData, FuturesOrderClient rest,
    IReadOnlyDictionary<string, SymbolFilters> filters, ClientOrderIdSession session, BinanceFuturesGatewayOptions? options = null)
    : IExecutionGatewayFactory
{
    /// <summary>The last gateway made (the desk's), or null.</summary>
    public BinanceFuturesGateway? Gateway { get; private set; }

    /// <inheritdoc />
    public IExecutionGateway Create(SymbolRegistry symbols, IExecutionReportSink reports) =>
        Gateway = new BinanceFuturesGateway(api, userData, rest, symbols, filters, session, reports, options);
}
