using HftScalper.Core.Events;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;
using HftScalper.Trading.Tests.Execution;
using static HftScalper.Trading.Tests.Risk.RiskFixture;

namespace HftScalper.Trading.Tests.Risk;

public sealed class KillSwitchTests
{
    [Fact]
    public void Drawdown_at_the_limit_trips_halts_and_flattens_through_the_gateway()
    {
        var f = new RiskFixture(new RiskOptions { MaxDrawdownFraction = 0.05 });
        var rec = new ReportRecorder();
        var exchange = new PaperExchange(new ExecutionReportFanout(f.Orders, f.Ledger, rec), new PaperExchangeOptions
        {
            EntryLatency = LatencyModel.Constant(0), ResponseLatency = LatencyModel.Constant(0),
        });
        using var book = Market.Book((Side.Bid, 950_000, 20_000), (Side.Ask, 950_100, 20_000));
        f.Ledger.ApplyFill(0, 10_000, Ask, 0, Now);             // 0.1 BTC at 10000.00 = 1000 USDT = 1e10 units
        var entry = new OrderRequest { SymbolId = 0, Side = OrderSide.Buy, Type = OrderType.PostOnly, PriceTicks = 900_000, QuantityLots = 5, TimeNs = Now };
        Assert.True(f.Orders.TryCreate(ref entry));
        exchange.Submit(in entry);

        f.Ledger.Mark(0, 950_001, 950_101, Now);               // -4.9999 %: not yet
        Assert.False(f.Risk.CheckKillSwitch(Now));
        f.Ledger.Mark(0, 950_000, 950_100, Now);               // -5e8 of 1e10 = exactly 5 %
        var view = View(bid: 950_000, ask: 950_100);
        var signal = Signal(SignalDirection.Long, 0.9f);
        Assert.Equal(RiskVerdict.KillSwitchTripped, f.Risk.Evaluate(in signal, in view, Now, out _));
        Assert.True(f.Risk.IsHalted);

        Assert.Equal(2, f.Risk.Flatten(exchange, Now));          // cancel the entry, sell the position
        Market.Feed(exchange, book, Market.Clock(Now));

        Assert.Equal(0L, f.Ledger.Position(0).PositionLots);
        Assert.Equal(0, f.Orders.OpenCount);
        var sell = rec.Fills.Single();
        Assert.Equal((OrderSide.Sell, OrderType.Market, 950_000L, 10_000L), (sell.Side, sell.OrderType, sell.LastPriceTicks, sell.LastQuantityLots));
        Assert.Contains(rec.Reports, r => r.Kind == ExecutionReportKind.Cancelled && r.ClientOrderId == entry.ClientOrderId);

        Assert.Equal(RiskVerdict.KillSwitchHalted, f.Risk.Evaluate(in signal, in view, Now, out _));
        Assert.Equal(0, f.Risk.Flatten(exchange, Now));          // nothing left to do
        Assert.Equal((1L, 1L), (f.Risk.Counters[RiskVerdict.KillSwitchTripped], f.Risk.Counters[RiskVerdict.KillSwitchHalted]));
    }

    [Fact]
    public void Reset_does_not_reopen_trading_while_the_drawdown_is_still_over_the_limit()
    {
        var f = new RiskFixture();
        f.Ledger.ApplyFill(0, 10_000, Ask, 0, Now);
        f.Ledger.Mark(0, 900_000, 900_100, Now);
        Assert.True(f.Risk.CheckKillSwitch(Now));

        f.Risk.ResetKillSwitch();
        Assert.Equal(RiskVerdict.KillSwitchTripped, f.Evaluate(SignalDirection.Long, 0.9f, out _, view: View(bid: 900_000, ask: 900_100)));
    }
}
