using HftScalper.Trading.Execution;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;
using static HftScalper.Trading.Tests.Risk.RiskFixture;

namespace HftScalper.Trading.Tests.Risk;

// Each hard limit: accepted exactly at the limit, refused one step past it, and counted.
public sealed class RiskLimitTests
{
    [Theory]
    [InlineData(100, RiskVerdict.Accept)]
    [InlineData(99, RiskVerdict.MaxPosition)]
    public void Max_position_per_symbol(long maxPosition, RiskVerdict expected)
    {
        var f = new RiskFixture(new RiskOptions { MaxSizeLots = 100, MaxPositionLots = maxPosition });
        Assert.Equal(expected, f.Evaluate(SignalDirection.Long, 0.6f, out _));
        Assert.Equal(1, f.Risk.Counters[expected]);
    }

    [Theory]
    [InlineData(100, RiskVerdict.Accept)]                      // 100 lots x 1e6 = 1e8 = 1 % of equity
    [InlineData(101, RiskVerdict.MaxSymbolNotional)]
    public void Max_notional_per_symbol(long size, RiskVerdict expected)
    {
        var f = new RiskFixture(new RiskOptions { MaxSizeLots = size, MaxSymbolNotionalFraction = 0.01 });
        Assert.Equal(expected, f.Evaluate(SignalDirection.Long, 0.6f, out _));
    }

    [Theory]
    [InlineData(0.03, RiskVerdict.Accept)]                     // 199_980_000 held + 1e8 new = 2.9998e8 <= 3e8
    [InlineData(0.0299, RiskVerdict.MaxTotalNotional)]
    public void Max_total_notional(double fraction, RiskVerdict expected)
    {
        var f = new RiskFixture(new RiskOptions { MaxSizeLots = 100, MaxTotalNotionalFraction = fraction }, symbols: 2);
        f.Ledger.ApplyFill(1, 200, Ask, 0, Now);
        f.Ledger.Mark(1, Bid, Ask, Now);                       // a long is worth its bid: 200 x 999_900
        Assert.Equal(expected, f.Evaluate(SignalDirection.Long, 0.6f, out _, symbolId: 0));
    }

    [Theory]
    [InlineData(3, RiskVerdict.Accept)]
    [InlineData(2, RiskVerdict.MaxOpenOrders)]
    public void Max_open_orders(int maxOpen, RiskVerdict expected)
    {
        var f = new RiskFixture(new RiskOptions { MaxOpenOrders = maxOpen }, symbols: 2);
        for (int i = 0; i < 2; i++)
        {
            var resting = new OrderRequest { SymbolId = 1, Side = OrderSide.Sell, Type = OrderType.PostOnly, PriceTicks = Ask, QuantityLots = 1 };
            Assert.True(f.Orders.TryCreate(ref resting));
        }
        Assert.Equal(expected, f.Evaluate(SignalDirection.Long, 0.6f, out _));
    }

    [Fact]
    public void Order_rate_bucket_refills_on_the_run_clock()
    {
        var f = new RiskFixture(new RiskOptions { MaxOrdersPerSecond = 1, OrderBurst = 1 });
        Assert.Equal(RiskVerdict.Accept, f.Evaluate(SignalDirection.Long, 0.6f, out var order, nowNs: Now));
        f.RejectAtVenue(order);

        var stillFresh = View(lastEventNs: Now + 999_999_999);
        Assert.Equal(RiskVerdict.OrderRateLimited, f.Evaluate(SignalDirection.Long, 0.6f, out _, nowNs: Now + 999_999_999, view: stillFresh));
        var later = View(lastEventNs: Now + 1_000_000_000);
        Assert.Equal(RiskVerdict.Accept, f.Evaluate(SignalDirection.Long, 0.6f, out _, nowNs: Now + 1_000_000_000, view: later));
    }

    [Fact]
    public void Token_bucket_allows_the_burst_then_the_rate()
    {
        var bucket = new OrderRateLimiter(ordersPerSecond: 2, burst: 3);
        Assert.True(bucket.TryTake(0));
        Assert.True(bucket.TryTake(0));
        Assert.True(bucket.TryTake(0));
        Assert.False(bucket.TryTake(0));
        Assert.False(bucket.TryTake(499_999_999));
        Assert.True(bucket.TryTake(500_000_000));               // one token per 0.5 s
        Assert.False(bucket.TryTake(500_000_000));
        Assert.True(bucket.TryTake(10_000_000_000));            // idle: the burst is back, not more
        Assert.True(bucket.TryTake(10_000_000_000));
        Assert.True(bucket.TryTake(10_000_000_000));
        Assert.False(bucket.TryTake(10_000_000_000));
    }

    [Theory]
    [InlineData(900_001, RiskVerdict.Accept)]                  // 1000 lots x -99_999 = -0.99999 % of the day's equity
    [InlineData(900_000, RiskVerdict.DailyLossLimit)]          // exactly -1 %
    public void Daily_loss_limit_blocks_new_exposure(long markBid, RiskVerdict expected)
    {
        var f = new RiskFixture(new RiskOptions { DailyLossFraction = 0.01, MaxSizeLots = 1100 });
        f.Ledger.ApplyFill(0, 1000, Ask, 0, Now);
        f.Ledger.Mark(0, markBid, markBid + 100, Now);
        var view = View(bid: markBid, ask: markBid + 100);
        Assert.Equal(expected, f.Evaluate(SignalDirection.Long, 0.9f, out _, view: view));
    }

    [Fact]
    public void Daily_loss_limit_still_lets_the_position_close()
    {
        var f = new RiskFixture(new RiskOptions { DailyLossFraction = 0.01 });
        f.Ledger.ApplyFill(0, 1000, Ask, 0, Now);
        f.Ledger.Mark(0, 800_000, 800_100, Now);
        var view = View(bid: 800_000, ask: 800_100);
        Assert.Equal(RiskVerdict.Accept, f.Evaluate(SignalDirection.Short, 0.9f, out var exit, view: view));
        Assert.Equal((OrderSide.Sell, 1000L, true), (exit.Side, exit.QuantityLots, exit.ReduceOnly));
    }
}
