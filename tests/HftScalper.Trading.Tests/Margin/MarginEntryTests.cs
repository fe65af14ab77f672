using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Ledger;
using HftScalper.Trading.Margin;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;
using HftScalper.Trading.Tests.Risk;

namespace HftScalper.Trading.Tests.Margin;

// The RiskFixture market (9999.00 / 10000.00; 2 price and 5 quantity decimals; equity 1000 USDT = 1e10 units of
// 1e-7 USDT), with a forced size of 2 BTC (200_000 lots, 20000 USDT at the ask): 20x equity in notional.
public sealed class MarginEntryTests
{
    private static readonly RiskOptions Big = new()
    {
        MinPositionLots = 200_000, MaxSizeLots = 200_000, MaxSymbolNotionalFraction = 125, MaxTotalNotionalFraction = 125,
    };

    private static (RiskManager Risk, MarginAccount Margin) Build(string venue, FuturesOptions futures, RiskOptions? risk = null)
    {
        var symbols = new SymbolRegistry();
        symbols.Register("BTCUSDT", venue, 2, 5);
        var ledger = new PositionLedger(symbols, RiskFixture.Equity);
        var orders = new OrderTracker(capacity: 64, maxSymbols: 1);
        var margin = new MarginAccount(symbols, futures, ledger, orders);
        return (new RiskManager(symbols, risk ?? Big, ledger, orders, margin), margin);
    }

    private static RiskVerdict Evaluate(RiskManager risk, SignalDirection direction, out OrderRequest order)
    {
        var signal = RiskFixture.Signal(direction, 0.6f);
        var view = RiskFixture.View();
        return risk.Evaluate(in signal, in view, RiskFixture.Now, out order);
    }

    [Theory]
    [InlineData(10, RiskVerdict.InsufficientMargin)] // 20000 / 10 = 2000 USDT of margin > 1000 USDT
    [InlineData(20, RiskVerdict.Accept)]             // 20000 / 20 = 1000 USDT: exactly the balance
    [InlineData(50, RiskVerdict.Accept)]
    public void An_entry_whose_initial_margin_exceeds_the_available_balance_is_refused(int leverage, RiskVerdict expected)
    {
        var (risk, _) = Build("binance-usdm", new FuturesOptions { Leverage = leverage, MinLiquidationDistanceBps = 0 });
        Assert.Equal(expected, Evaluate(risk, SignalDirection.Long, out var order));
        Assert.Equal(expected == RiskVerdict.Accept ? 200_000L : 0L, order.QuantityLots);
        Assert.Equal(expected == RiskVerdict.InsufficientMargin ? 1L : 0L, risk.Counters[RiskVerdict.InsufficientMargin]);
    }

    [Fact]
    public void Open_orders_take_margin_too()
    {
        // 50x: the accepted (unfilled) order of 2 BTC holds 2 x 9999.50 / 50 = 399.98 USDT of the 1000 USDT balance.
        var (risk, margin) = Build("binance-usdm", new FuturesOptions { Leverage = 50, MinLiquidationDistanceBps = 0 });
        Assert.Equal(RiskVerdict.Accept, Evaluate(risk, SignalDirection.Long, out _));
        Assert.Equal(3_999_800_000L, margin.InitialMargin(0));
        Assert.Equal(RiskFixture.Equity - 3_999_800_000L, margin.AvailableBalance);

        // Another 2 BTC fits (799.96 in all); 4 BTC more would need 1199.94 USDT.
        Assert.Equal(RiskVerdict.Accept, margin.CheckEntry(0, +1, 200_000, RiskFixture.Ask, RiskFixture.Bid, RiskFixture.Ask));
        Assert.Equal(RiskVerdict.InsufficientMargin, margin.CheckEntry(0, +1, 400_000, RiskFixture.Ask, RiskFixture.Bid, RiskFixture.Ask));
    }

    [Theory]
    [InlineData(460, RiskVerdict.Accept)]
    [InlineData(470, RiskVerdict.LiquidationTooClose)]
    public void An_entry_that_would_leave_the_liquidation_price_too_near_the_mark_is_refused(double minBps, RiskVerdict expected)
    {
        // Cross, wallet 1000 USDT, long 2 BTC at 10000.00: LP = (20000 - 1000) / (2 x 0.996) = 9538.16 (rounded up);
        // mark = mid 9999.50: (9999.50 - 9538.16) / 9999.50 = 461.4 bps.
        var (risk, _) = Build("binance-usdm", new FuturesOptions { Leverage = 50, MinLiquidationDistanceBps = minBps });
        Assert.Equal(expected, Evaluate(risk, SignalDirection.Long, out _));
    }

    [Fact]
    public void A_short_opens_on_usdm_and_is_refused_on_spot()
    {
        var (usdm, _) = Build("binance-usdm", new FuturesOptions { Leverage = 50 });
        Assert.Equal(RiskVerdict.Accept, Evaluate(usdm, SignalDirection.Short, out var order));
        Assert.Equal((OrderSide.Sell, 200_000L, false), (order.Side, order.QuantityLots, order.ReduceOnly));

        var (spot, _) = Build("binance-spot", new FuturesOptions { Leverage = 50 });
        Assert.Equal(RiskVerdict.ShortOnSpot, Evaluate(spot, SignalDirection.Short, out _));
    }

    [Fact]
    public void Spot_entries_ignore_the_margin_model()
    {
        // 20000 USDT at 1x would need 20x the balance in margin: on spot no margin applies (its own limits do).
        var (spot, margin) = Build("binance-spot", new FuturesOptions { Leverage = 1 });
        Assert.False(margin.AnyMargined);
        Assert.Equal(RiskVerdict.Accept, Evaluate(spot, SignalDirection.Long, out _));
    }

    [Fact]
    public void A_position_near_its_liquidation_price_must_be_closed()
    {
        var f = new MarginFixture(10_000, new FuturesOptions { ReduceLiquidationDistanceBps = 50 });
        f.Hold(MarginFixture.Btc, MarginFixture.Price30k, MarginFixture.Price30k); // LP 20080.33 (cross)
        Assert.False(f.Account.NearLiquidation(0));
        Assert.Equal(330_655L, f.Account.MinLiquidationDistanceCentiBps);         // (30000 - 20080.33) / 30000 = 33.07 %

        f.Account.MarkMid(0, 2_017_000, 2_017_000);                              // 20170.00: 0.445 % above the LP
        Assert.True(f.Account.NearLiquidation(0));
    }

    [Fact]
    public void Brackets_derive_binance_maintenance_amounts()
    {
        var b = new MaintenanceBrackets(FuturesOptions.BinanceBtcUsdtBrackets, 0);
        Assert.Equal(new long[] { 0, 50, 1_300, 16_300, 266_300, 1_266_300, 2_516_300, 5_016_300, 25_016_300, 100_016_300 },
            Enumerable.Range(0, 10).Select(b.Cum).ToArray());
        Assert.Equal((0, 1, 1), (b.Find(50_000), b.Find(50_001), b.Find(250_000)));
    }
}
