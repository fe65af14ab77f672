using HftScalper.Core.Symbols;
using HftScalper.Reporting.Fills;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Ledger;

namespace HftScalper.Reporting.Tests.Fills;

/// <summary>
/// The attribution of a COIN-M inverse contract (BTCUSD_PERP, 100 USD contracts, price 1 decimal, whole contracts) is
/// in the coin and its terms still sum to the PnL the ledger books: the same fills through both, hand-checked values.
/// </summary>
public sealed class InverseAttributionTests
{
    private const long S = 1_000_000_000;
    private const double Unit = 1e-10; // BTC per amount unit of an inverse contract

    private static SymbolRegistry Registry()
    {
        var r = new SymbolRegistry();
        r.Register("BTCUSD_PERP", "binance-coinm", 1, 0);
        return r;
    }

    private static ExecutionReport Fill(long t, OrderSide side, long price, long lots, long fee, long id) => new()
    {
        Kind = ExecutionReportKind.Fill, Side = side, SymbolId = 0, LastPriceTicks = price, LastQuantityLots = lots, Fee = fee,
        ExchangeTimeNs = t, ClientOrderId = new ClientOrderId(id), Liquidity = Liquidity.Taker,
    };

    [Fact]
    public void Terms_are_coin_amounts_and_sum_to_the_ledgers_pnl()
    {
        var registry = Registry();
        var fills = new FillRecorder(new FillRecorderOptions(), registry);
        var ledger = new PositionLedger(registry, 10_000_000_000);
        var amounts = SymbolAmounts.Create(registry);
        var fees = new FeeSchedule(200, 500);
        void Both(in ExecutionReport r)
        {
            fills.OnFill(in r);
            ledger.OnExecutionReport(in r);
        }

        fills.ObserveMid(0, 0, 399_995, 399_990, 400_000);      // 39999.5 mid, 40000.0 ask
        Both(Fill(0, OrderSide.Buy, 400_000, 10, amounts.Fee(0, 400_000, 10, fees, Liquidity.Taker), 1));
        fills.ObserveMid(0, 2 * S, 449_995, 449_990, 450_000);  // 1 s markout at 39999.5, then the mid rises
        fills.ObserveMid(0, 3 * S, 499_995, 499_990, 500_000);
        Both(Fill(3 * S, OrderSide.Sell, 499_990, 10, amounts.Fee(0, 499_990, 10, fees, Liquidity.Taker), 2));
        fills.ObserveMid(0, 5 * S, 499_995, 499_990, 500_000);
        ledger.Mark(0, 499_990, 500_000, 5 * S);

        double pnl = (ledger.Equity - ledger.InitialEquity) * Unit;
        var a = fills.Attribute(pnl);

        // gross = 1000 x (1/40000 - 1/49999) = 0.0049998 BTC; fees 0.05 % of 0.025 and of 0.0200004 BTC
        Assert.Equal(1000 * (1 / 40000.0 - 1 / 49999.0), a.GrossPnl, 9);
        Assert.Equal(0.0005 * (0.025 + 1000 / 49999.0), a.FeesPaid, 9);
        Assert.Equal(0.025 + 1000 / 49999.0, a.Notional, 9);   // coin notional, not contracts x price
        Assert.Equal(0.0005, a.FeeRate, 6);
        // the buy paid 0.5 USD over a 39999.5 mid: 1000 x (1/40000 - 1/39999.5) in the coin (negative)
        Assert.Equal(1000 * (1 / 40000.0 - 1 / 39999.5) + 1000 * (1 / 49999.5 - 1 / 49999.0), a.SpreadCaptured, 12);
        Assert.Equal(pnl, a.SumOfTerms, 9);
        Assert.InRange(Math.Abs(a.Residual), 0, 1e-9); // each ledger value is rounded to 1e-10 BTC
    }

    // --baselines re-prices a strategy's fills at another tier from its maker notional: that notional must be the coin
    // amounts the fees were charged on (it had been price x contracts, USD, and a COIN-M maker's loss re-priced as a gain).
    [Fact]
    public void The_maker_notional_of_an_inverse_contract_is_its_coin_value()
    {
        var fills = new FillRecorder(new FillRecorderOptions(), Registry());
        fills.ObserveMid(0, 0, 399_995, 399_990, 400_000);

        fills.OnFill(Fill(0, OrderSide.Buy, 399_990, 10, 0, 1) with { Liquidity = Liquidity.Maker });  // 10 x 100 USD at 39999.0
        fills.OnFill(Fill(S, OrderSide.Sell, 399_990, 4, 0, 2));                                         // a taker: not maker notional

        Assert.Equal(1000 / 39999.0, fills.MakerNotional, 12);
        Assert.Equal(1400 / 39999.0, fills.Attribute(0).Notional, 12);
    }

    [Fact]
    public void The_maker_notional_of_a_linear_symbol_is_price_times_quantity()
    {
        var registry = new SymbolRegistry();
        registry.Register("BTCUSDT", "binance-spot", 2, 5);
        var fills = new FillRecorder(new FillRecorderOptions(), registry);
        fills.ObserveMid(0, 0, 6_000_000, 5_999_999, 6_000_001);

        fills.OnFill(Fill(0, OrderSide.Buy, 5_999_999, 200, 0, 1) with { Liquidity = Liquidity.Maker }); // 0.002 at 59999.99

        Assert.Equal(59_999.99 * 0.002, fills.MakerNotional, 9);
    }
}
