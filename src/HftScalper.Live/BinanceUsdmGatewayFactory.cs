using HftScalper.Binance.Orders;
using HftScalper.Binance.Rules;
using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;

namespace HftScalper.Live;

/// <summary>
/// Makes the <see cref="TradingDesk"/>'s gateway a <see cref="BinanceUsdmGateway"/> on started connections.
/// <paramref name="session"/> must be the desk's <see cref="TradingDeskOptions.OrderIds"/>.
/// </summary>
public sealed class BinanceUsdmGatewayFactory(UsdmTradingApi api, FuturesUserDataStream userData, FuturesOrderClient rest,
    IReadOnlyDictionary<string, SymbolFilters> filters, ClientOrderIdSession session, BinanceUsdmGatewayOptions? options = null)
    : IExecutionGatewayFactory
{
    /// <summary>The last gateway made (the desk's), or null.</summary>
    public BinanceUsdmGateway? Gateway { get; private set; }

    /// <inheritdoc />
    public IExecutionGateway Create(SymbolRegistry symbols, IExecutionReportSink reports) =>
        Gateway = new BinanceUsdmGateway(api, userData, rest, symbols, filters, session, reports, options);
}
