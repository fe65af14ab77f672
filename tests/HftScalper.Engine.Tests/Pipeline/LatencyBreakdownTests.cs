using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Features.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Engine.Tests.Pipeline;

public sealed class LatencyBreakdownTests
{
    private static PipelineResult Run(bool breakdown)
    {
        var registry = new SymbolRegistry();
        using var source = PipelineFixture.Simulator(registry, minutes: 2);
        return new TradingPipeline(registry, new PipelineOptions { WarmupEvents = 10_000, LatencyBreakdown = breakdown }, new SingleModelSource(null),
            NullLogger.Instance).Run(source.Feed(registry, "binance-spot"));
    }

    [Fact]
    public void The_breakdown_counts_every_steady_state_decision_once_per_stage_by_its_cause_without_changing_a_decision()
    {
        var plain = Run(breakdown: false);
        var broken = Run(breakdown: true);

        Assert.Equal(plain.Digest, broken.Digest);
        Assert.Null(plain.LatencyCauses);
        var causes = broken.LatencyCauses!;
        long features = causes.Where(c => c.Stage == "features").Sum(c => c.Count);
        long strategy = causes.Where(c => c.Stage == "strategy").Sum(c => c.Count);
        Assert.InRange(features, 1, broken.Decisions);
        Assert.Equal(features, strategy); // no model: every decision passes the inference stage as a no-model row
        // The simulator's depth diffs are multi-level messages whose synced book computes the depth figures.
        Assert.Contains(causes, c => c.Stage == "features" && c.Cause.StartsWith("BookDelta[", StringComparison.Ordinal) && c.Cause.Contains("+depthFigures", StringComparison.Ordinal));
        Assert.Contains(causes, c => c.Stage == "features" && c.Cause.Contains("+second", StringComparison.Ordinal));
        Assert.All(causes, c => Assert.True(c.P50Ns <= c.P99Ns && c.P99Ns <= c.MaxNs, c.ToString()));
    }

    [Fact]
    public void Warm_up_figures_split_the_run_at_the_warm_up_events()
    {
        var result = Run(breakdown: false);

        var w = result.Warmup!;
        Assert.Equal(result.Events, w.Events + result.SteadyEvents);
        Assert.InRange(w.Events, 10_000, 20_000); // warm-up ends at the first message boundary past 10,000 events
        Assert.True(w.Seconds > 0 && w.SteadySeconds > 0);
        Assert.True(w.JitMs >= 0 && w.SteadyJitMs >= 0);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(16, 1)]
    [InlineData(17, 2)]
    [InlineData(256, 2)]
    [InlineData(257, 3)]
    public void A_cause_names_the_message_size_class(int events, int sizeClass)
    {
        int code = LatencyCause.Of(MarketEventKind.BookDelta, FeatureWork.DepthFigures | FeatureWork.BarClosed, events);

        Assert.Equal(sizeClass, (code >> 7) & 3);
        Assert.Equal("BookDelta" + new[] { "[1]", "[2-16]", "[17-256]", "[>256]" }[sizeClass] + "+depthFigures+bar", LatencyCause.Describe(code));
    }
}
