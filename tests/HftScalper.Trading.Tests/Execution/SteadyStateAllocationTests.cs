using HftScalper.Core.Events;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;
using HftScalper.Trading.Tests.Risk;
using static HftScalper.Trading.Tests.Execution.Market;
using HftScalper.Tests.Shared;

namespace HftScalper.Trading.Tests.Execution;

public sealed class SteadyStateAllocationTests
{
    // Signal -> risk -> paper exchange -> reports -> tracker + ledger, round trip after round trip.
    private static (long Accepted, long Fills) Run(RiskFixture f, PaperExchange exchange, Native.NativeOrderBook book, int from, int count)
    {
        long accepted = 0;
        long fillsBefore = f.Ledger.Position(0).FillCount;
        for (int i = from; i < from + count; i++)
        {
            long t = RiskFixture.Now + i * Ms;
            var e = (i & 3) == 3 ? Trade(t, RiskFixture.Bid, 1, Side.Ask) : Level(t, Side.Bid, RiskFixture.Bid - 100, 5 + (i & 1));
            Feed(exchange, book, e);
            f.Ledger.Mark(0, RiskFixture.Bid, RiskFixture.Ask, t);
            var signal = RiskFixture.Signal((i & 1) == 0 ? SignalDirection.Long : SignalDirection.Flat, 0.6f);
            var view = RiskFixture.View(lastEventNs: t);
            if (f.Risk.Evaluate(in signal, in view, t, out var order) == RiskVerdict.Accept)
            {
                exchange.Submit(in order);
                accepted++;
            }
        }
        return (accepted, f.Ledger.Position(0).FillCount - fillsBefore);
    }

    [Fact]
    public void Orders_fills_and_reports_allocate_nothing_in_steady_state()
    {
        // Every round trip here loses the spread and fees: a prior worth 1e9 round trips keeps Kelly at the prior so risk keeps trading.
        var f = new RiskFixture(new RiskOptions
        {
            MaxOrdersPerSecond = 10_000, OrderBurst = 100, MaxDrawdownFraction = 0.5, DailyLossFraction = 0.5, KellyPriorTrades = 1e9,
        });
        var exchange = new PaperExchange(new ExecutionReportFanout(f.Orders, f.Ledger), new PaperExchangeOptions
        {
            EntryLatency = LatencyModel.LogNormal(200_000, 0.5, 5_000_000, seed: 1),
            ResponseLatency = LatencyModel.Constant(100_000),
        });
        using var book = Book((Side.Bid, RiskFixture.Bid, 1_000_000), (Side.Ask, RiskFixture.Ask, 1_000_000), (Side.Bid, RiskFixture.Bid - 100, 5));
        Run(f, exchange, book, 0, 500); // warm-up: JIT, tiering, first use of every path

        long accepted = 0, fills = 0; // of the last pass; each pass is the next 5,000 ms
        long allocated = SteadyStateAllocation.FewestBytes(pass => (accepted, fills) = Run(f, exchange, book, 500 + pass * 5_000, 5_000));

        Assert.True(accepted > 1_000, $"accepted {accepted}");
        Assert.True(fills > 1_000, $"fills {fills}");
        Assert.Equal(0, allocated);
    }
}
