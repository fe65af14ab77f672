using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Ledger;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;

namespace HftScalper.Trading.Tests.Risk;

// The RiskFixture market (9999.00 / 10000.00, equity 1000 USDT = 1e10 account units of 1e-7 USDT): a 0.6 long or
// short sizes 500 lots (0.005 BTC, 50 USDT at the ask), quarter Kelly of f* = 0.2 with the prior payoff ratio 1.
public sealed class RiskSpotAndFatFingerTests
{
    private static (RiskManager Risk, PositionLedger Ledger) Spot(RiskOptions? options = null, string venue = "binance-spot")
    {
        var symbols = new SymbolRegistry();
        symbols.Register("BTCUSDT", venue, 2, 5);
        var ledger = new PositionLedger(symbols, RiskFixture.Equity);
        return (new RiskManager(symbols, options ?? new RiskOptions(), ledger, new OrderTracker(capacity: 64, maxSymbols: 1)), ledger);
    }

    private static RiskVerdict Evaluate(RiskManager risk, SignalDirection direction, out OrderRequest order, RiskMarketView? view = null)
    {
        var signal = RiskFixture.Signal(direction, 0.6f);
        var v = view ?? RiskFixture.View();
        return risk.Evaluate(in signal, in v, RiskFixture.Now, out order);
    }

    [Fact]
    public void Spot_refuses_to_open_a_short_when_nothing_is_held()
    {
        var (risk, _) = Spot();

        Assert.Equal(RiskVerdict.ShortOnSpot, Evaluate(risk, SignalDirection.Short, out var order));
        Assert.Equal(default, order);
        Assert.Equal(1L, risk.Counters[RiskVerdict.ShortOnSpot]);
        Assert.Equal(RiskVerdict.Accept, Evaluate(risk, SignalDirection.Long, out _)); // buying is fine
    }

    [Theory]
    [InlineData("binance-spot", true)]  // margin account
    [InlineData("binance-usdm", false)] // futures
    [InlineData("generic", false)]      // not a spot venue
    public void A_margin_account_or_a_non_spot_market_may_open_a_short(string venue, bool margin)
    {
        var (risk, _) = Spot(new RiskOptions { SpotMargin = margin }, venue);

        Assert.Equal(RiskVerdict.Accept, Evaluate(risk, SignalDirection.Short, out var order));
        Assert.Equal((OrderSide.Sell, 500L, false), (order.Side, order.QuantityLots, order.ReduceOnly));
    }

    [Fact]
    public void Spot_sells_what_is_held_to_close_a_long_and_no_more()
    {
        var (risk, ledger) = Spot();
        ledger.ApplyFill(0, 300, RiskFixture.Ask, 0, RiskFixture.Now);

        Assert.Equal(RiskVerdict.Accept, Evaluate(risk, SignalDirection.Short, out var exit));
        Assert.Equal((OrderSide.Sell, 300L, true), (exit.Side, exit.QuantityLots, exit.ReduceOnly));
        Assert.Equal(RiskVerdict.AtTarget, Evaluate(risk, SignalDirection.Short, out _)); // the 300 are covered
    }

    [Theory]
    [InlineData(49.99, RiskVerdict.MaxOrderNotional)]
    [InlineData(50.00, RiskVerdict.Accept)]         // 500 lots x 10000.00 = 50 USDT exactly: at the limit is allowed
    public void The_largest_order_notional_is_a_hard_limit(double maxNotional, RiskVerdict expected)
    {
        var (risk, _) = Spot(new RiskOptions { MaxOrderNotional = maxNotional });
        Assert.Equal(expected, Evaluate(risk, SignalDirection.Long, out _));

        // A market order has no price: it is valued at the touch it takes (the ask), the same 50 USDT.
        var (market, _) = Spot(new RiskOptions { MaxOrderNotional = maxNotional, EntryOrderType = OrderType.Market });
        Assert.Equal(expected, Evaluate(market, SignalDirection.Long, out _));
    }

    [Theory]
    [InlineData(0.0050, RiskVerdict.PriceBand)] // mid 9999.50; IOC at 10000.00 + 50.00 slippage is 50.50 away = 0.505 %
    [InlineData(0.0051, RiskVerdict.Accept)]
    public void A_limit_price_outside_the_band_around_the_mid_is_refused(double band, RiskVerdict expected)
    {
        var (risk, _) = Spot(new RiskOptions { PriceBandFraction = band, SlippageTicks = 5_000 });

        Assert.Equal(expected, Evaluate(risk, SignalDirection.Long, out var order));
        if (expected == RiskVerdict.Accept) Assert.Equal(1_005_000L, order.PriceTicks);
    }

    [Fact]
    public void The_default_guards_leave_an_ordinary_order_alone()
    {
        var options = new RiskOptions();
        Assert.Equal((10_000_000.0, 0.1, false), (options.MaxOrderNotional, options.PriceBandFraction, options.SpotMargin));
        var (risk, _) = Spot(options, "binance-usdm");

        Assert.Equal(RiskVerdict.Accept, Evaluate(risk, SignalDirection.Long, out _));
        Assert.Equal(RiskVerdict.Accept, Evaluate(risk, SignalDirection.Short, out _));
    }
}
