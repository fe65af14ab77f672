using HftScalper.Binance.Rules;
using HftScalper.Binance.WsApi;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;

namespace HftScalper.Live;

/// <summary>
/// Makes the <see cref="TradingDesk"/>'s gateway a <see cref="BinanceSpotGateway"/> on a started WebSocket API client.
/// <paramref name="session"/> must be the desk's <see cref="TradingDeskOptions.OrderIds"/>.
/// </summary>
public sealed class BinanceSpotGatewayFactory(SpotTradingApi api, IReadOnlyDictionary<string, SymbolFilters> filters,
    ClientOrderIdSession session, BinanceSpotGatewayOptions? options = null) : IExecutionGatewayFactory
{
    /// <summary>The last gateway made (the desk's), or null.</summary>
    public BinanceSpotGateway? Gateway { get; private set; }

    /// <inheritdoc />
    public IExecutionGateway Create(SymbolRegistry symbols, IExecutionReportSink reports) =>
        Gateway = new BinanceSpotGateway(api, symbols, filters, session, reports, options);
}
