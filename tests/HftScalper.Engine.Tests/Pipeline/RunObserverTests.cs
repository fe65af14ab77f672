using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Engine.Tests.Pipeline;

public sealed class RunObserverTests
{
    // Counts what the engine hands an observer (the report's recorder is one such observer; this one keeps totals).
    private sealed class CountingObserver : IRunObserver
    {
        public long Decisions, Healthy, Latencies, RoundTrips, WarmupEnds;
        public double LastEquity;

        public void OnDecision(in DecisionOutcome outcome, ReadOnlySpan<float> scores)
        {
            Decisions++;
            if (outcome.ModelHealthy) Healthy++;
            if (outcome.LatencyMeasured) Latencies++;
            LastEquity = outcome.Equity;
        }

        public void OnRoundTrip(in RoundTrip trip) => RoundTrips++;

        public void OnWarmupEnded() => WarmupEnds++;
    }

    [Fact]
    public void The_observer_hears_each_decision_once_the_round_trips_and_the_end_of_warm_up_once()
    {
        var registry = new SymbolRegistry();
        var observer = new CountingObserver();
        using var source = PipelineFixture.Simulator(registry, minutes: 2);

        var result = new TradingPipeline(registry, new PipelineOptions { WarmupEvents = 10_000 }, new SingleModelSource(null), NullLogger.Instance,
            new PipelineHooks { Observer = observer }).Run(source.Feed(registry, "binance-spot"));

        Assert.Equal(0, result.Trading.UntradedDecisions);
        Assert.Equal(result.Decisions, observer.Decisions);
        Assert.True(observer.Latencies > 0, "no latency measured");
        Assert.Equal(0, observer.Healthy); // no model: every decision came from the fallback
        Assert.Equal(1, observer.WarmupEnds);
        Assert.True(observer.RoundTrips > 0, "no round trip closed");
        Assert.NotEqual(0, observer.LastEquity);
    }

    [Fact]
    public void A_run_without_an_observer_takes_the_same_decisions()
    {
        var plain = Run(null);
        var observed = Run(new CountingObserver());

        Assert.Equal(plain.Digest, observed.Digest);
        Assert.Equal(plain.Orders, observed.Orders);
    }

    [Fact]
    public void The_engine_assembly_references_no_reporting_or_dataset_library()
    {
        var references = typeof(TradingPipeline).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        foreach (var outside in new[] { "HftScalper.Reporting", "HftScalper.Training", "ScottPlot", "Parquet", "HdrHistogram" })
            Assert.DoesNotContain(outside, references);
    }

    private static PipelineResult Run(IRunObserver? observer)
    {
        var registry = new SymbolRegistry();
        using var source = PipelineFixture.Simulator(registry, minutes: 1);
        return new TradingPipeline(registry, new PipelineOptions { WarmupEvents = 10_000 }, new SingleModelSource(null), NullLogger.Instance,
            new PipelineHooks { Observer = observer }).Run(source.Feed(registry, "binance-spot"));
    }
}
