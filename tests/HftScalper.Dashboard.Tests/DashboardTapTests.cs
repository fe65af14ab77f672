using HftScalper.Dashboard.Feed;
using HftScalper.Engine.Pipeline;
using HftScalper.Trading.Execution;

namespace HftScalper.Dashboard.Tests;

/// <summary>The tap sits on the strategy thread: it must not allocate, and what it keeps must read back whole.</summary>
public sealed class DashboardTapTests
{
    private const int LatencyBuckets = 14; // the tap's 13 bounds (1 us .. 10 ms) and the rest
    private static DecisionOutcome Outcome(int i) => new()
    {
        SymbolId = 0, ExchangeTimeNs = i * 1_000_000L, MidTicks = 100.5 + i, BidTicks = 100 + i, AskTicks = 101 + i, Equity = 1000 + i,
        ModelHealthy = true, LatencyMeasured = true, InferenceMeasured = true, TickToDecisionNs = 7_000, FeaturesNs = 1_500, InferenceNs = 3_000, StrategyNs = 2_500,
    };

    [Fact]
    public void Decisions_round_trips_and_fills_are_kept_without_allocating()
    {
        var tap = new DashboardTap(null, 4);
        float[] scores = [0.2f, 0.3f, 0.5f];
        var trip = new RoundTrip { SymbolId = 0, Direction = 1, EntryPriceTicks = 100, ExitPriceTicks = 102, QuantityLots = 5, GrossPnl = 2, Fees = 0.5 };
        var fill = new ExecutionReport { Kind = ExecutionReportKind.Fill, Side = OrderSide.Buy, SymbolId = 0, LastPriceTicks = 100, LastQuantityLots = 5 };
        for (int i = 0; i < 1000; i++) // warm-up: JIT and first-touch
        {
            tap.OnDecision(Outcome(i), scores);
            tap.OnRoundTrip(trip);
            tap.OnFill(fill);
        }

        long allocated = SteadyStateAllocation.FewestBytes(_ =>
        {
            for (int i = 0; i < 100_000; i++)
            {
                tap.OnDecision(Outcome(i), scores);
                tap.OnRoundTrip(trip);
                tap.OnFill(fill);
            }
        }, out int passes);
        int n = 1000 + 100_000 * passes;

        Assert.Equal(0, allocated);
        Assert.True(tap.TryReadDecision(out var last));
        Assert.Equal(100 + 99_999, last.BidTicks);
        Assert.Equal(0.5f, last.PUp);
        Assert.Equal(n, tap.Totals.Trips);
        Assert.Equal(n * 1.5, tap.Totals.RealisedPnl, 6);
        Assert.Equal(n * 5L, tap.PositionLots(0));
        Assert.Equal(DashboardTap.RingCapacity, tap.RecentTrips().Count);
        Assert.Equal(n, Enumerable.Range(0, LatencyBuckets).Sum(b => tap.LatencyCount(0, b)));
        Assert.Equal(n, tap.LatencyCount(0, 3)); // 7 us: in the (5, 10] us bucket
    }
}
