using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Features.Engine;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Serving;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Risk;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>Risk's expected-value gate in the whole pipeline: where the expected move comes from (a bps return
/// regressor served beside the classifier, or the classifier's class-conditional means), and old models.</summary>
[Collection(SerialCollection.Name)]
public sealed class ExpectedValueGateTests : IClassFixture<PipelineFixture>
{
    private static readonly string[] EdgeVerdicts =
        [nameof(RiskVerdict.EdgeBelowFees), nameof(RiskVerdict.EdgeBelowSpread), nameof(RiskVerdict.EdgeBelowSlippage),
         nameof(RiskVerdict.EdgeBelowAdverseSelection), nameof(RiskVerdict.MakerFillUnlikely)];

    private readonly PipelineFixture _fx;

    public ExpectedValueGateTests(PipelineFixture fx) => _fx = fx;

    // A one-leaf regressor predicting the constant `bps` (unit stated or not).
    private string Regressor(float bps, string? unit, string file)
    {
        int f = FeatureEngine.DefaultSchema.Count;
        var path = Path.Combine(_fx.Dir, file);
        OnnxModelFile.Save(TreeEnsembleModelBuilder.BuildRegressor(new TreeEnsemble(f, 1, [[TreeNode.Leaf([bps])]], [0f])),
            PipelineFixture.Metadata("return-test") with { OutputKind = ModelOutputKind.Regression, OutputNames = ["forward_mid_change_bps"], ReturnUnit = unit }, path);
        return path;
    }

    private static ModelSession LoadReturn(string path)
    {
        var s = new ModelLoader(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(32), NullLogger.Instance).Load(path, ModelRole.Return);
        s.Warmup();
        return s;
    }

    private static long EdgeRefusals(PipelineResult r) => EdgeVerdicts.Sum(v => r.Trading.RiskVerdicts.TryGetValue(v, out var n) ? n : 0);

    private static PipelineResult Run(SymbolRegistry registry, ModelSession direction, ReturnModelSource? returns, TradingOptions? trading = null)
    {
        var options = new PipelineOptions { WarmupEvents = 10_000, Trading = trading ?? new TradingOptions() };
        using var source = PipelineFixture.Simulator(registry);
        return new TradingPipeline(registry, options, new SingleModelSource(direction), NullLogger.Instance, returns: returns)
            .Run(source.Feed(registry, "binance-spot"));
    }

    [Fact]
    public void A_bps_regressor_beside_the_classifier_gates_every_entry_and_allocates_nothing_per_event()
    {
        var registry = new SymbolRegistry();
        using var direction = PipelineFixture.Load(_fx.TreeModel());
        // +1 bps expected on every row: far below spot fees (20 bps a round trip), so no entry passes.
        using var returns = new ReturnModelSource(LoadReturn(Regressor(1f, ModelMetadata.ReturnUnitBps, "ret-bps.onnx")));

        var result = Run(registry, direction, returns);

        Assert.True(result.SteadyEvents > 50_000, $"only {result.SteadyEvents} events after warm-up");
        Assert.Equal(0, result.ProducerThreadAllocatedBytes);
        Assert.Equal(0, result.Gen0Collections);
        Assert.True(result.Trading.RiskVerdicts[nameof(RiskVerdict.EdgeBelowFees)] > 0);
        Assert.Equal(0, result.Trading.RiskVerdicts.GetValueOrDefault(nameof(RiskVerdict.Accept)));
    }

    [Fact]
    public void Without_class_means_or_a_regressor_entries_are_not_gated_and_with_class_means_they_are()
    {
        using var direction = PipelineFixture.Load(_fx.TreeModel());
        var old = Run(new SymbolRegistry(), direction, null);
        Assert.Equal(0, EdgeRefusals(old));
        Assert.True(old.Trading.RiskVerdicts.GetValueOrDefault(nameof(RiskVerdict.Accept)) > 0);

        // Class means of +-1 bps (what the metadata key carries): the expected move is P(up) - P(down) bps.
        var gated = Run(new SymbolRegistry(), direction, null, new TradingOptions { ClassMeanMoveBps = [-1, 0, 1] });
        Assert.True(EdgeRefusals(gated) > 0);
        Assert.NotEqual(old.Digest, gated.Digest);

        // Zero fees and a huge expected move: entries pass the gate again (the gate, not the model, refused them).
        var free = new TradingOptions
        {
            ClassMeanMoveBps = [-500, 0, 500], Exchange = new PaperExchangeOptions { Fees = new FeeSchedule(0, 0) },
        };
        var open = Run(new SymbolRegistry(), direction, null, free);
        Assert.True(open.Trading.RiskVerdicts.GetValueOrDefault(nameof(RiskVerdict.Accept)) > 0);
    }

    [Fact]
    public void A_calibrated_expected_move_gates_every_entry_of_a_model_without_one_deterministically_and_allocates_nothing_per_event()
    {
        using var direction = PipelineFixture.Load(_fx.TreeModel());
        // No class means, no regressor: ungated before; with the calibration on, P(up) - P(down) is mapped to the move the
        // symbol realised after such scores (0 until samples resolve, shrunk after), far below spot fees: all refused.
        var calibrated = new TradingOptions { ExpectedMove = new Trading.Economics.MoveCalibrationOptions() };
        var first = Run(new SymbolRegistry(), direction, null, calibrated);
        var second = Run(new SymbolRegistry(), direction, null, calibrated);

        Assert.True(first.SteadyEvents > 50_000, $"only {first.SteadyEvents} events after warm-up");
        Assert.Equal(0, first.ProducerThreadAllocatedBytes);
        Assert.True(first.Trading.RiskVerdicts[nameof(RiskVerdict.EdgeBelowFees)] > 0);
        Assert.Equal(0, first.Trading.RiskVerdicts.GetValueOrDefault(nameof(RiskVerdict.Accept)));
        Assert.Equal(first.Digest, second.Digest);
    }

    [Fact]
    public void A_regressor_in_price_units_is_refused_for_the_expected_move_in_one_sentence()
    {
        using var ticks = LoadReturn(Regressor(1f, null, "ret-ticks.onnx"));
        Assert.False(ReturnModelSource.IsUsable(ticks, out var why));
        Assert.Contains("price units (ticks)", why, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', why);
        Assert.Throws<ArgumentException>(() => new ReturnModelSource(ticks));
    }
}
