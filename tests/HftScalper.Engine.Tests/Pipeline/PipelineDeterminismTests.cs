using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;

namespace HftScalper.Engine.Tests.Pipeline;

public sealed class PipelineDeterminismTests : IClassFixture<PipelineFixture>
{
    private readonly PipelineFixture _fx;

    public PipelineDeterminismTests(PipelineFixture fx) => _fx = fx;

    private PipelineResult RunWithTrees(PipelineTopology topology)
    {
        var registry = new SymbolRegistry();
        using var session = PipelineFixture.Load(_fx.TreeModel());
        return PipelineFixture.Run(PipelineFixture.Simulator(registry), registry, new SingleModelSource(session),
            new PipelineOptions { Topology = topology, WarmupEvents = 10_000 });
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
