using HftScalper.Cli.Commands;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Inference.Calibration;
using HftScalper.Inference.Contracts;
using HftScalper.Simulator;
using HftScalper.Training.Data;
using HftScalper.Training.Evaluation;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Cli.Tests;

/// <summary>
/// Serving = evaluation for the bundled default's baseline gate at an asked horizon: the engine's move-prior stage,
/// set up as <c>replay/run --gate-horizon H</c> sets it up (<see cref="MovePriorSetup"/>), serves on evaluate's rows
/// exactly (bit for bit) the probabilities <c>hft evaluate --horizon H</c> scores (<see cref="EvaluationJob.ServedAt"/>),
/// also with decisions between the samples (the engine decides on every event); and without the setting it serves
/// what evaluate scores at the model's own horizon, not at H (the mismatch the setting removes).
/// What this does not cover: that the engine's feature rows equal the dataset's (the features' own contract); the
/// rows here are the dataset's, scored by the same ONNX Runtime path evaluate uses.
/// </summary>
public sealed class GateHorizonServingTests
{
    private static readonly string Model = BundledModels.File("default.onnx");
    private static readonly TimeSpan Asked = TimeSpan.FromSeconds(10);

    private static readonly Lazy<(ReplayDataset Data, float[] Raw, MovePriorServing Served, ModelContract Contract)> Scored = new(() =>
    {
        var metadata = EvaluationJob.ReadMetadata(Model);
        var contract = EvaluationJob.DirectionContractOf(Model);
        long interval = contract.SampleIntervalNs ?? 1_000_000_000; // evaluate's clock
        var sim = SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(6) };
        var data = ReplayDataset.Build([], sim, interval, features: metadata.FeatureOptions());
        var raw = OnnxScorer.Score(Model, data.Schema, data.Samples, Enumerable.Range(0, data.Samples.Rows).ToArray(), ModelRole.Direction, out _);
        var served = MovePriorServing.For(metadata, contract) ?? throw new InvalidOperationException("models/default.onnx asks for no move prior");
        Assert.NotNull(served.Options.Gate);
        return (data, raw, served, contract);
    });

    // What evaluate scores at `horizon` (its own code, its threshold rule).
    private static float[] Evaluated(TimeSpan horizon)
    {
        var (data, raw, served, contract) = Scored.Value;
        return EvaluationJob.ServedAt(raw, data, served, horizon, MovePriorServing.AskedThreshold(contract, null));
    }

    // What the engine's stage serves on the same rows, set up by the CLI's own setup with `gate`; every sample is
    // followed by a decision 1 ns later (same clock tick) with another row, served but not a sample.
    private static float[] Served(GateJudging gate)
    {
        var (data, raw, _, _) = Scored.Value;
        using var session = DecisionModel.Load(Model, noModel: false, NullLoggerFactory.Instance, NullLogger.Instance, out _)!;
        var options = MovePriorSetup.Apply(session, new PipelineOptions(), NullLogger.Instance, gate);
        var serving = options.MovePrior!;
        var stage = new MovePriorStage(serving);
        var result = (float[])raw.Clone();
        int row = 0;
        foreach (var segment in data.Segments)
        {
            var samples = segment.Builder.Samples;
            for (int i = 0; i < samples.Rows; i++, row++)
            {
                long t = samples.TimesNs[i];
                double mid = samples.MidTicks[i];
                var record = new DecisionRecord
                {
                    SymbolId = segment.SymbolId, ExchangeTimeNs = t, BookSynced = true, MidTicks = mid,
                    BidTicks = (long)Math.Floor(mid) - 1, AskTicks = (long)Math.Floor(mid) + 2,
                };
                stage.Apply(ref record, result.AsSpan(row * DirectionClass.Count, DirectionClass.Count));
                if ((t + 1) / serving.SampleIntervalNs != t / serving.SampleIntervalNs) continue;
                var between = record with { ExchangeTimeNs = t + 1 };
                float[] other = [0.1f, 0.1f, 0.8f];
                stage.Apply(ref between, other);
            }
        }
        return result;
    }

    [Fact]
    public void The_engine_with_gate_horizon_H_serves_bit_for_bit_what_evaluate_scores_at_H()
    {
        var evaluated = Evaluated(Asked);
        var served = Served(new GateJudging((long)Asked.TotalNanoseconds, null));
        Assert.True(Scored.Value.Data.Samples.Rows > 1_000, $"rows {Scored.Value.Data.Samples.Rows}");
        Assert.Equal(evaluated, served);
    }

    [Fact]
    public void Without_the_setting_the_engine_serves_the_model_horizon_question_not_evaluates_at_H()
    {
        var own = Evaluated(Scored.Value.Contract.Horizon);
        var atAsked = Evaluated(Asked);
        var served = Served(GateJudging.Own);
        Assert.Equal(own, served);
        int differ = Enumerable.Range(0, served.Length / DirectionClass.Count)
            .Count(r => !served.AsSpan(r * DirectionClass.Count, DirectionClass.Count).SequenceEqual(atAsked.AsSpan(r * DirectionClass.Count, DirectionClass.Count)));
        Assert.True(differ > 100, $"only {differ} rows differ between the gate at the model's horizon and at {Asked.TotalSeconds} s");
    }
}
