using HftScalper.Engine.Pipeline;
using HftScalper.Tests.Shared;


namespace HftScalper.Reporting.Tests;

// Allocation is measured on this thread only, after a warm-up pass of the same method so first-use allocations (a
// symbol's ring) are behind us: see SteadyStateAllocation (tests/Shared) for why the fewest of a few passes.
public sealed class RecorderAllocationTests
{
    private const long S = 1_000_000_000;

    [Fact]
    public void Latency_record_does_not_allocate()
    {
        var recorder = new LatencyRecorder("t");

        long bytes = SteadyStateAllocation.FewestBytes(_ => { for (long i = 0; i < 200_000; i++) recorder.Record(i * 37 % 5_000_000); }, out int passes);

        Assert.Equal(0, bytes);
        Assert.Equal(200_000L * passes, recorder.Count);
    }

    [Fact]
    public void Equity_record_does_not_allocate_even_when_grid_and_trace_coarsen()
    {
        var equity = new EquityRecorder(gridIntervalNs: S / 10, gridCapacity: 1024, traceCapacity: 256);

        long bytes = SteadyStateAllocation.FewestBytes(pass =>
        {
            for (long i = 0; i < 100_000; i++)
            {
                long t = (pass * 100_000 + i) * (S / 100);
                equity.Record(t, 1000 + Math.Sin(i * 0.01) * 10);
            }
        });

        Assert.Equal(0, bytes);
        Assert.True(equity.GridIntervalNs > S / 10);
    }

    [Fact]
    public void Prediction_record_and_observe_do_not_allocate()
    {
        var predictions = new PredictionRecorder();
        float[] probs = [0.2f, 0.3f, 0.5f];

        long bytes = SteadyStateAllocation.FewestBytes(pass =>
        {
            for (long i = 0; i < 100_000; i++)
            {
                long t = (pass * 100_000 + i) * (S / 1000);
                double mid = 10_000 + (i % 7) - 3;
                predictions.ObserveMid(0, t, mid);
                if (i % 4 == 0) predictions.RecordDecision(0, t, mid, probs);
            }
        });

        Assert.Equal(0, bytes);
        Assert.True(predictions.Horizons[2].Labelled > 0);
        Assert.Equal(0, predictions.Dropped);
    }

    [Fact]
    public void Trade_record_does_not_allocate()
    {
        var trades = new TradeRecorder(capacity: 1000);
        var trip = new RoundTrip { Direction = 1, EntryPriceTicks = 100, ExitPriceTicks = 101, QuantityLots = 2, GrossPnl = 1, Fees = 0.1 };

        long bytes = SteadyStateAllocation.FewestBytes(_ => { for (int i = 0; i < 10_000; i++) trades.Record(in trip); }, out int passes);

        Assert.Equal(0, bytes);
        Assert.Equal(10_000 * passes, trades.Count);
    }
}
