using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;

namespace HftScalper.Engine.Tests.Pipeline;

public sealed class PipelineDeterminismTests : IClassFixture<PipelineFixture>
{
    private readonly PipelineFixture _fx;

    public PipelineDeterminismTests(PipelineFixture fx) => _fx = fx;

    private PipelineResult RunWithTrees(PipelineTopology topology, int? stageThreads = null, int stageBatch = 0, bool featuresOnProducer = false,
        int wakeBatch = 0)
    {
        var registry = new SymbolRegistry();
        using var session = PipelineFixture.Load(_fx.TreeModel());
        return PipelineFixture.Run(PipelineFixture.Simulator(registry), registry, new SingleModelSource(session),
            new PipelineOptions
            {
                Topology = topology, WarmupEvents = 10_000, StageThreads = stageThreads ?? new PipelineOptions().StageThreads, StageBatch = stageBatch,
                FeaturesOnProducer = featuresOnProducer, WakeBatch = wakeBatch,
            });
    }

    [Fact]
    public void Same_recording_and_model_give_the_same_decision_digest_every_run()
    {
        var first = RunWithTrees(PipelineTopology.Inline);
        var second = RunWithTrees(PipelineTopology.Inline);

        Assert.True(first.Decisions > 1000, $"only {first.Decisions} decisions");
        Assert.True(first.Inference.Rows == first.Decisions, "every decision went through the model");
        Assert.Equal(first.Decisions, second.Decisions);
        Assert.Equal(first.Orders, second.Orders);
        Assert.Equal(first.Digest, second.Digest);
    }

    [Fact]
    public void Threaded_pipeline_makes_the_same_decisions_as_the_inline_one()
    {
        var inline = RunWithTrees(PipelineTopology.Inline);
        var threaded = RunWithTrees(PipelineTopology.Threaded);

        Assert.True(threaded.Drained);
        Assert.Equal(inline.Events, threaded.Events);
        Assert.Equal(inline.Decisions, threaded.Decisions);
        Assert.Equal(inline.Digest, threaded.Digest);
    }

    [Theory]
    [InlineData(1, "stages")]
    [InlineData(2, "inference+strategy")]
    [InlineData(3, "strategy")]
    public void Every_stage_thread_layout_makes_the_inline_decisions_and_reports_its_threads(int stageThreads, string lastThread)
    {
        var inline = RunWithTrees(PipelineTopology.Inline);
        var threaded = RunWithTrees(PipelineTopology.Threaded, stageThreads);

        Assert.True(threaded.Drained);
        Assert.Equal(inline.Decisions, threaded.Decisions);
        Assert.Equal(inline.Inference.Rows, threaded.Inference.Rows);
        Assert.Equal(inline.Digest, threaded.Digest);
        // Micro-batched: the stage thread hands the model what queued up, inline gets one row per frame.
        Assert.True(threaded.Inference.Batches < inline.Inference.Batches, $"{threaded.Inference.Batches} batches threaded, {inline.Inference.Batches} inline");
        if (!OperatingSystem.IsLinux()) return;
        Assert.Equal(["inline"], inline.ThreadTimes.Select(t => t.Name));
        Assert.Equal(2 + (stageThreads - 1), threaded.ThreadTimes.Count);
        Assert.Equal("producer", threaded.ThreadTimes[0].Name);
        Assert.Contains(threaded.ThreadTimes, t => t.Name == lastThread);
        Assert.All(threaded.ThreadTimes, t => Assert.True(t.CpuSeconds > 0 && t.Timeslices >= 0, $"{t.Name}: {t}"));
        // Every thread ran; timeslices (schedstat's third field) are counted where a thread was switched in: a stage
        // thread parks and wakes, so it has some, while the producer may run its whole steady state in one slice (CI saw
        // producer 44 ms of CPU, 0 timeslices, no run-queue wait).
        Assert.Contains(threaded.ThreadTimes, t => t.Timeslices > 0);
    }

    [Theory]
    [InlineData(1, new[] { "producer", "inference+strategy" })]
    [InlineData(2, new[] { "producer", "inference", "strategy" })]
    public void Features_on_the_producer_make_the_inline_decisions_on_fewer_threads(int stageThreads, string[] threads)
    {
        var inline = RunWithTrees(PipelineTopology.Inline);
        var threaded = RunWithTrees(PipelineTopology.Threaded, stageThreads, featuresOnProducer: true);

        Assert.True(threaded.Drained);
        Assert.Equal(inline.Events, threaded.Events);
        Assert.Equal(inline.Decisions, threaded.Decisions);
        Assert.Equal(inline.Orders, threaded.Orders);
        Assert.Equal(inline.Digest, threaded.Digest);
        Assert.True(threaded.Inference.Batches < inline.Inference.Batches, $"{threaded.Inference.Batches} batches threaded, {inline.Inference.Batches} inline");
        if (!OperatingSystem.IsLinux()) return;
        Assert.Equal(threads, threaded.ThreadTimes.Select(t => t.Name));
    }

    [Fact]
    public void Features_on_the_producer_take_at_most_two_stage_threads()
    {
        var options = new PipelineOptions { Topology = PipelineTopology.Threaded, FeaturesOnProducer = true, StageThreads = 3 };
        Assert.Throws<HftScalper.Core.Settings.SettingException>(() => options.Validate());
        (options with { StageThreads = 2 }).Validate();
    }

    [Theory]
    [InlineData(1)] // every depth message split level by level
    [InlineData(7)]
    [InlineData(4096)]
    [InlineData(0)] // uncapped (default)
    public void Any_stage_batch_cap_makes_the_inline_decisions(int stageBatch)
    {
        var inline = RunWithTrees(PipelineTopology.Inline);
        var threaded = RunWithTrees(PipelineTopology.Threaded, stageBatch: stageBatch);

        Assert.True(threaded.Drained);
        Assert.Equal(inline.Decisions, threaded.Decisions);
        Assert.Equal(inline.Orders, threaded.Orders);
        Assert.Equal(inline.Digest, threaded.Digest);
        // The cap reaches the stage threads: a ring batch of one event holds at most one decision, so one row per model run.
        if (stageBatch == 1) Assert.Equal(threaded.Inference.Rows, threaded.Inference.Batches);
        else Assert.True(threaded.Inference.Batches < threaded.Inference.Rows, $"{threaded.Inference.Batches} batches for {threaded.Inference.Rows} rows");
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(256, false)]
    [InlineData(256, true)] // the recordings' default layout
    [InlineData(1 << 20, true)] // more than the ring: woken only by the full ring and the feed's end
    public void Any_wake_batch_makes_the_inline_decisions(int wakeBatch, bool featuresOnProducer)
    {
        var inline = RunWithTrees(PipelineTopology.Inline);
        var threaded = RunWithTrees(PipelineTopology.Threaded, featuresOnProducer ? 1 : null, featuresOnProducer: featuresOnProducer, wakeBatch: wakeBatch);

        Assert.True(threaded.Drained);
        Assert.Equal(inline.Events, threaded.Events);
        Assert.Equal(inline.Decisions, threaded.Decisions);
        Assert.Equal(inline.Orders, threaded.Orders);
        Assert.Equal(inline.Digest, threaded.Digest);
    }

    [Fact]
    public void A_different_model_changes_the_digest()
    {
        var registry = new SymbolRegistry();
        var a = RunWithTrees(PipelineTopology.Inline);
        using var other = PipelineFixture.Load(_fx.TreeModel(seed: 99));
        var b = PipelineFixture.Run(PipelineFixture.Simulator(registry), registry, new SingleModelSource(other));

        Assert.Equal(a.Decisions, b.Decisions);
        Assert.NotEqual(a.Digest, b.Digest);
    }
}
