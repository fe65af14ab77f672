using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Ledger;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;

namespace HftScalper.Trading.Tests.Risk;

/// <summary>
/// BTCUSDT-like symbol (2 price and 5 quantity decimals: account unit 1e-7 USDT) quoted 9999.00 / 10000.00, so
/// one lot at the ask is worth 1_000_000 account units; equity 1000 USDT = 1e10 units.
/// </summary>
internal sealed class RiskFixture
{
    public const long Bid = 999_900;
    public const long Ask = 1_000_000;
    public const long Equity = 10_000_000_000;
    public const long Now = 1_000_000_000_000;

    public RiskFixture(RiskOptions? options = null, long lotSize = 1, long minNotional = 0, int symbols = 1, long minQuantity = 0, FeeSchedule? fees = null)
    {
        Symbols = new SymbolRegistry();
        for (int i = 0; i < symbols; i++) Symbols.Register($"SYM{i}USDT", "test", 2, 5, 1, lotSize, minNotional, minQuantity);
        Ledger = new PositionLedger(Symbols, Equity);
        Orders = new OrderTracker(capacity: 64, maxSymbols: symbols);
        Risk = new RiskManager(Symbols, options ?? new RiskOptions(), Ledger, Orders, fees: fees);
    }

    public SymbolRegistry Symbols { get; }
    public PositionLedger Ledger { get; }
    public OrderTracker Orders { get; }
    public RiskManager Risk { get; }

    public static Signal Signal(SignalDirection direction, float confidence, int symbolId = 0, SignalSource source = SignalSource.Model) => new()
    {
        SymbolId = symbolId, Direction = direction, Confidence = confidence, Source = source, TimeNs = Now, Sequence = 7,
    };

    public static RiskMarketView View(bool synced = true, bool healthy = true, long lastEventNs = Now, long bid = Bid, long ask = Ask) => new()
    {
        BookSynced = synced, ModelHealthy = healthy, BidTicks = bid, AskTicks = ask, LastEventTimeNs = lastEventNs,
    };

    public RiskVerdict Evaluate(SignalDirection direction, float confidence, out OrderRequest order, long nowNs = Now, int symbolId = 0, RiskMarketView? view = null)
    {
        var signal = Signal(direction, confidence, symbolId);
        var v = view ?? View();
        return Risk.Evaluate(in signal, in v, nowNs, out order);
    }

    /// <summary>Tells the tracker the venue refused the order (so nothing stays working).</summary>
    public void RejectAtVenue(in OrderRequest order) => Orders.OnExecutionReport(new ExecutionReport
    {
        Kind = ExecutionReportKind.Rejected, ClientOrderId = order.ClientOrderId, SymbolId = order.SymbolId, Side = order.Side,
    });
}
