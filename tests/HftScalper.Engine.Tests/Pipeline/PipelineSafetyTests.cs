using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Inference.Lifecycle;
using HftScalper.Trading.Risk;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Engine.Tests.Pipeline;

public sealed class PipelineSafetyTests : IClassFixture<PipelineFixture>
{
    private readonly PipelineFixture _fx;

    public PipelineSafetyTests(PipelineFixture fx) => _fx = fx;

    /// <summary>Serves the hosted model, then removes it from the host after a number of batches (as an operator's
    /// unload or a failed reload would), from the inference thread, between two batches.</summary>
    private sealed class RemovingModelSource(ModelHost host, int removeAfterBatches) : IDecisionModelSource
    {
        private readonly HostedModelSource _inner = new(host);
        private int _batches;

        public bool HasModel => _inner.HasModel;

        public int MaxBatch => _inner.MaxBatch;

        public DecisionModelStatus Predict(ReadOnlySpan<float> rows, int batch, Span<float> scores, int rowWidth, int scoreWidth)
        {
            var status = _inner.Predict(rows, batch, scores, rowWidth, scoreWidth);
            if (++_batches == removeAfterBatches) host.Swap(null);
            return status;
        }
    }

    [Fact]
    public void Fallback_signal_takes_over_when_the_model_is_removed()
    {
        var registry = new SymbolRegistry();
        using var host = new ModelHost(NullLogger.Instance);
        host.Swap(new ServedModel(PipelineFixture.Load(_fx.TreeModel()), "trees.onnx", "test"));

        var result = PipelineFixture.Run(PipelineFixture.Simulator(registry), registry, new RemovingModelSource(host, 2000));

        Assert.True(result.Trading.ModelSignals > 0, "the model served before it was removed");
        Assert.True(result.Inference.NoModelRows > 0, "rows found no model after the removal");
        Assert.True(result.Trading.FallbackSignals > 0, "the fallback made the later decisions");
        Assert.Equal(1, result.Trading.SignalSwitches);
        Assert.Null(host.Current);
    }

    [Fact]
    public void Without_a_model_every_decision_is_made_by_the_fallback()
    {
        var registry = new SymbolRegistry();

        var result = PipelineFixture.Run(PipelineFixture.Simulator(registry, minutes: 1), registry, new SingleModelSource(null));

        Assert.Equal(0, result.Trading.ModelSignals);
        Assert.Equal(result.Decisions, result.Inference.NoModelRows);
        Assert.True(result.Trading.FallbackSignals > 0);
    }

    [Fact]
    public void Kill_switch_flattens_and_halts_when_the_drawdown_limit_is_reached()
    {
        var registry = new SymbolRegistry();
        // A limit a few fees deep: the fallback's taker round trips reach it within the run.
        var options = new PipelineOptions
        {
            WarmupEvents = 10_000,
            // A prior no record outweighs: the fallback keeps its size however its round trips go (the record-based
            // Kelly would stop it at its first losses, before the limit).
            Trading = new TradingOptions { Risk = new RiskOptions { MaxDrawdownFraction = 0.0005, DailyLossFraction = 0.5, KellyPriorTrades = 1e9 } },
        };

        var result = PipelineFixture.Run(PipelineFixture.Simulator(registry, minutes: 3), registry, new SingleModelSource(null), out var recorder, options);

        Assert.True(result.Trading.KillSwitchTrips >= 1, "the kill switch tripped");
        Assert.True(result.Trading.Halted);
        Assert.True(result.Trading.RiskVerdicts.GetValueOrDefault(nameof(RiskVerdict.KillSwitchHalted)) > 0, "orders were refused after the halt");
        Assert.True(recorder.Equity.MaxDrawdown >= 0.0005 * 0.9, "the drawdown reached the limit");
    }
}
