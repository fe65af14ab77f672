using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Engine.Shadow;
using HftScalper.Features.Engine;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Serving;
using HftScalper.Reporting;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>
/// The pipeline reads a model only through its contract: a model whose classes are listed in another order makes
/// the same decisions (digest) and the shadow scorer sees it agree with itself; a model that is not a direction
/// classifier never reaches the decision path.
/// </summary>
public sealed class ModelContractDuringReplayTests : IClassFixture<PipelineFixture>
{
    private static readonly int[] Mirrored = [2, 1, 0];
    private readonly PipelineFixture _fx;

    public ModelContractDuringReplayTests(PipelineFixture fx) => _fx = fx;

    // The shadow scores like the run's default prediction scoring (horizon, threshold).
    private static readonly PredictionRecorderOptions Scoring = new();

    private static PipelineResult Replay(string model, double minutes = 2, ShadowScorer? shadow = null)
    {
        var registry = new SymbolRegistry();
        using var session = PipelineFixture.Load(model);
        var options = new PipelineOptions { WarmupEvents = 10_000 };
        var hooks = shadow is null ? null : new PipelineHooks
        {
            Shadow = new ShadowOptions
            {
                Scorer = shadow, HorizonNs = Scoring.HorizonsNs[0], ThresholdTicks = Scoring.ThresholdTicks,
            },
        };
        using var source = PipelineFixture.Simulator(registry, minutes);
        return new TradingPipeline(registry, options, new SingleModelSource(session), NullLogger.Instance, hooks).Run(source.Feed(registry, "binance-spot"));
    }

    [Fact]
    public void A_model_whose_classes_are_mirrored_makes_the_same_decisions()
    {
        var original = _fx.TreeModel(seed: 7);
        var mirrored = _fx.WithClassOrder(original, Mirrored, "trees-7-up-flat-down.onnx");

        var a = Replay(original);
        var b = Replay(mirrored);

        Assert.True(a.Orders > 0, "the original model traded");
        Assert.Equal(a.Decisions, b.Decisions);
        Assert.Equal(a.Orders, b.Orders);
        Assert.Equal(a.Trading.ModelSignals, b.Trading.ModelSignals);
        Assert.Equal(a.Digest, b.Digest);
    }

    [Fact]
    public void The_bundled_default_model_with_its_classes_rotated_gives_the_same_digest()
    {
        var bundled = BundledDefault();
        var rotated = _fx.WithClassOrder(bundled, [1, 2, 0], "default-flat-up-down.onnx");

        var a = Replay(bundled, minutes: 1);
        var b = Replay(rotated, minutes: 1);

        Assert.True(a.Trading.ModelSignals > 1000);
        Assert.Equal(a.Orders, b.Orders);
        Assert.Equal(a.Digest, b.Digest);
    }

    [Fact]
    public void A_shadow_candidate_with_mirrored_classes_agrees_with_the_same_live_model_on_every_decision()
    {
        var original = _fx.TreeModel(seed: 7);
        var mirrored = _fx.WithClassOrder(original, Mirrored, "trees-7-shadow-mirrored.onnx");
        using var scorer = new ShadowScorer(NullLogger.Instance, pendingCapacity: 1 << 16);
        scorer.SetCandidate(new ServedModel(PipelineFixture.Load(mirrored), mirrored, ModelRegistry.Sha256Of(mirrored)));

        var r = Replay(original, shadow: scorer).Shadow!;

        Assert.True(r.Stats.Observed > 1000, $"only {r.Stats.Observed} predictions");
        Assert.Equal(r.Stats.Observed, r.Stats.Agreements);
        Assert.Equal(r.Stats.LiveAccuracy, r.Stats.CandidateAccuracy);
    }

    [Fact]
    public void A_return_regressor_is_refused_as_the_decision_model_at_load()
    {
        var path = _fx.ReturnModel();

        var e = Assert.Throws<ModelLoadException>(() => PipelineFixture.Load(path));

        Assert.Contains("cannot serve as a direction classifier", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_session_loaded_for_another_role_cannot_feed_decisions_or_the_shadow()
    {
        var path = _fx.ReturnModel();
        using var ret = new ModelLoader(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(8), NullLogger.Instance).Load(path, ModelRole.Return);
        using var scorer = new ShadowScorer(NullLogger.Instance);

        Assert.Equal(1, ret.OutputWidth);
        Assert.Throws<ArgumentException>(() => new SingleModelSource(ret));
        Assert.Throws<ArgumentException>(() => scorer.SetCandidate(new ServedModel(ret, path, ModelRegistry.Sha256Of(path))));
        var scores = new float[3 * 4];
        Assert.Equal(DecisionModelStatus.Failed, ModelRows.Predict(ret, new float[FeatureEngine.DefaultSchema.Count], 1, scores, FeatureEngine.DefaultSchema.Count, 3));
    }

    private static string BundledDefault()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HftScalper.sln"))) dir = dir.Parent;
        var path = Path.Combine(dir?.FullName ?? ".", "models", "default.onnx");
        Assert.True(File.Exists(path), $"bundled model not found at {path}");
        return path;
    }
}
