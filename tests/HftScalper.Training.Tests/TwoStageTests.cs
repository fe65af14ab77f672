using HftScalper.Inference.Contracts;
using HftScalper.Training.Data;
using HftScalper.Training.Labels;
using HftScalper.Training.Models;
using HftScalper.Training.Pipeline;
using HftScalper.Training.Validation;

namespace HftScalper.Training.Tests;

/// <summary>Two-stage direction models (P(move), P(up | move)) and the move-logit offset chosen out of sample.</summary>
public sealed class TwoStageTests
{
    private static readonly GbmParameters Small = new(15, 0.1, 20, 40, 1, 0.9, 10);

    [Fact]
    public void Offset_chosen_out_of_sample_calls_the_moves_a_calibrated_arg_max_hides()
    {
        // 600 samples: 300 flat where the model is sure (P(flat) 0.9), 300 moves where it leans flat (0.55) but knows
        // the direction (0.9 of the moved mass on the right side). The arg-max says flat everywhere (moved accuracy 0).
        var truth = new int[600];
        var probs = new float[600 * 3];
        for (int i = 0; i < 600; i++)
        {
            truth[i] = i < 300 ? DirectionClass.Flat : i % 2 == 0 ? DirectionClass.Up : DirectionClass.Down;
            float flat = i < 300 ? 0.9f : 0.55f, moved = 1 - flat, right = truth[i] == DirectionClass.Up ? 0.9f : 0.1f;
            TwoStage.Compose(moved, i < 300 ? 0.5f : right, probs.AsSpan(i * 3, 3));
        }
        var labels = Labels(truth);
        int[] rows = [.. Enumerable.Range(0, 600)];

        var before = ModelTrainer.Metrics(probs, labels, rows, DirectionClass.Flat);
        var (offset, after) = MoveOffsetChooser.Choose(probs, labels, rows, DirectionClass.Flat);

        Assert.Equal(0, before.MovedAccuracy);
        Assert.True(offset > 0, $"offset {offset}");
        Assert.True(after.MovedAccuracy > 0.85 && after.Accuracy > before.Accuracy + 0.3, $"before {before.Summary()} after {after.Summary()}");
    }

    [Fact]
    public void Two_stage_training_keeps_the_chosen_offset_in_the_model_and_its_metrics()
    {
        var data = SyntheticMarket.Labeled(3000, seed: 5, signal: 0.1, thresholdTicks: 6);
        var options = new TrainingOptions
        {
            FixedParameters = Small, WalkForward = new WalkForwardOptions { Folds = 3 }, TrainReturnModel = false, Horizon = TimeSpan.FromSeconds(5),
        };

        var auto = new ModelTrainer(options).Train(data, -1);
        var fixedOffset = new ModelTrainer(options with { MoveLogitOffset = 0.5 }).Train(data, -1);

        Assert.Equal(DirectionForm.TwoStage, auto.Direction.Global.Form);
        Assert.Equal(auto.Direction.Global.MoveLogitOffset, auto.MoveLogitOffset);
        Assert.Equal(auto.MoveLogitOffset, (double?)auto.ToJson()["moveLogitOffset"]);
        Assert.Equal(0.5, fixedOffset.Direction.Global.MoveLogitOffset);
        var m = auto.OutOfSample;
        Assert.True(m.Accuracy >= Math.Max(m.MajorityBaseline, m.PersistenceBaseline) && m.MovedAccuracy > 0.5, $"out of sample {m.Summary()}");
        Assert.NotNull(auto.OutOfSampleBeforeOffset);
    }

    [Fact]
    public void Shifting_the_move_logit_keeps_the_direction_split_and_sums_to_one()
    {
        float[] rows = [0.1f, 0.7f, 0.2f, 0.05f, 0.9f, 0.05f];

        var shifted = TwoStage.Shift(rows, 1.0);

        for (int i = 0; i < rows.Length; i += 3)
        {
            Assert.Equal(1f, shifted[i] + shifted[i + 1] + shifted[i + 2], 5);
            Assert.True(shifted[i + 1] < rows[i + 1], "a positive offset lowers P(flat)");
            Assert.Equal(rows[i + 2] / (rows[i] + rows[i + 2]), shifted[i + 2] / (shifted[i] + shifted[i + 2]), 5);
        }
        Assert.Equal(rows, TwoStage.Shift(rows, 0));
    }

    // Labels whose classes are the given ones and whose persistence baseline is always flat.
    private static HorizonLabels Labels(int[] truth)
    {
        var b = new DatasetBuilder(1, 0);
        for (int i = 0; i < truth.Length; i++) b.Add(SyntheticMarket.T0 + i * 1_000_000_000L, 100, true, [0f]);
        var labels = new LabeledDataset(b.Samples, b.Decisions, [TimeSpan.FromSeconds(1)], new MoveThreshold(0, false)).Horizons[0];
        truth.CopyTo(labels.Classes, 0);
        Array.Fill(labels.Persistence, DirectionClass.Flat);
        return labels;
    }
}
