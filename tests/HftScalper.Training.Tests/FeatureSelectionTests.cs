using HftScalper.Features.Engine;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Metadata;
using HftScalper.Simulator;
using HftScalper.Training.Data;
using HftScalper.Training.Evaluation;
using HftScalper.Training.Models;
using HftScalper.Training.Pipeline;
using HftScalper.Training.Validation;

namespace HftScalper.Training.Tests;

/// <summary>
/// <c>hft train --features</c>: a model trained on some columns only. The others are held constant in training, so
/// the exported model (which still takes the whole row) gives the same bits whatever they hold; its metadata lists
/// the columns.
/// </summary>
public sealed class FeatureSelectionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hft-feature-selection-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly GbmParameters Small = new(15, 0.1, 20, 40, 1, 0.9, 10);

    // Columns the simulator's direction depends on, and columns any unmasked model splits on (volatility, spread in
    // bps, depth, time of day, and regime_label, which a regime ensemble's gate reads).
    private const string Kept = "imbalance_1,microprice_minus_mid_bps,ofi_norm_fast,tick_run";
    private static readonly string[] LeftOut = ["spread_bps", "imbalance_5", "realized_vol_fast", "garch_vol", "tod_sin", "regime_label", "time_since_book_update_s"];

    [Fact]
    public void A_column_left_out_changes_no_output_bit_and_a_kept_one_changes_the_outputs()
    {
        var masked = Train("masked.onnx", FeatureSelection.Parse(Kept, FeatureEngine.DefaultSchema));
        var rows = Enumerable.Range(0, masked.Dataset.Samples.Rows).ToArray();
        var samples = masked.Dataset.Samples;

        foreach (var (path, role) in new[] { (masked.Paths[0], ModelRole.Direction), (masked.Paths[1], ModelRole.Return) })
        {
            var before = Score(path, samples, rows, role);
            var shaken = samples.Select(rows);
            foreach (var name in LeftOut) Shake(shaken, FeatureEngine.DefaultSchema.IndexOf(name));
            Assert.Equal(Bits(before), Bits(Score(path, shaken, rows, role)));

            var kept = samples.Select(rows);
            Shake(kept, FeatureEngine.DefaultSchema.IndexOf("imbalance_1"));
            Assert.NotEqual(Bits(before), Bits(Score(path, kept, rows, role)));
        }

        // Without the selection the same training splits on those columns (else the assertion above shows nothing).
        var whole = Train("whole.onnx", null);
        var plain = Score(whole.Paths[0], samples, rows, ModelRole.Direction);
        var plainShaken = samples.Select(rows);
        foreach (var name in LeftOut) Shake(plainShaken, FeatureEngine.DefaultSchema.IndexOf(name));
        Assert.NotEqual(Bits(plain), Bits(Score(whole.Paths[0], plainShaken, rows, ModelRole.Direction)));
    }

    [Fact]
    public void The_metadata_lists_the_columns_in_input_order_and_round_trips()
    {
        var job = Train("listed.onnx", FeatureSelection.Parse("tick_run,imbalance_1,microprice_minus_mid_bps,ofi_norm_fast", FeatureEngine.DefaultSchema));

        string[] expected = ["microprice_minus_mid_bps", "imbalance_1", "ofi_norm_fast", "tick_run"];
        Assert.Equal(expected, job.Training.TrainedFeatures);
        foreach (var path in job.Paths)
        {
            var md = EvaluationJob.ReadMetadata(path);
            Assert.Equal(expected, md.TrainedFeatures);
            Assert.Equal(md.FeatureNames.Count, FeatureEngine.DefaultSchema.Count); // the whole row is still the input
            Assert.Equal(expected, ModelMetadata.Parse(md.ToProperties()).TrainedFeatures);
        }
        Assert.Equal(expected, job.Training.ToJson()["trainedFeatures"]!.AsArray().Select(n => (string)n!));
        Assert.Null(Train("all.onnx", null).Training.ToJson()["trainedFeatures"]);
        Assert.Null(EvaluationJob.ReadMetadata(Path.Combine(_dir, "all.onnx")).TrainedFeatures);
    }

    [Fact]
    public void Unknown_names_are_refused_naming_each_and_a_preset_expands()
    {
        var e = Assert.Throws<ArgumentException>(() => FeatureSelection.Parse("imbalance_1,imbalance_one,spread", FeatureEngine.DefaultSchema));
        Assert.Contains("[imbalance_one, spread]", e.Message, StringComparison.Ordinal);
        Assert.Contains("scale-free", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => FeatureSelection.Parse(" , ", FeatureEngine.DefaultSchema));

        var preset = FeatureSelection.Parse("scale-free,imbalance_1", FeatureEngine.DefaultSchema);
        Assert.Equal(FeatureSelection.Presets["scale-free"].Order(StringComparer.Ordinal), preset.Names.Order(StringComparer.Ordinal));
        Assert.All(preset.Names, n => Assert.True(preset.Keeps(FeatureEngine.DefaultSchema.IndexOf(n))));
        Assert.False(preset.Keeps(FeatureEngine.DefaultSchema.IndexOf("spread_bps")));
    }

    [Fact]
    public void Metadata_naming_a_trained_column_the_model_does_not_take_is_refused()
    {
        var md = EvaluationJob.ReadMetadata(Train("odd.onnx", FeatureSelection.Parse("imbalance_1,tick_run", FeatureEngine.DefaultSchema)).Paths[0]);
        var props = new Dictionary<string, string>(md.ToProperties()) { ["hft.features.trained"] = "[\"imbalance_1\",\"no_such_column\"]" };

        var e = Assert.Throws<ModelMetadataException>(() => ModelMetadata.Parse(props));
        Assert.Contains("no_such_column", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stacking_with_a_selection_is_refused_before_any_replay()
    {
        var options = Options("stacked.onnx", FeatureSelection.Parse("imbalance_1", FeatureEngine.DefaultSchema));
        options = options with { Training = options.Training with { Stacking = true } };

        var e = Assert.Throws<ArgumentException>(() => TrainingJob.Run(options));
        Assert.Contains("--stacked", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(options.OutputPath));
    }

    private TrainingJobResult Train(string name, FeatureSelection? features) => TrainingJob.Run(Options(name, features));

    private TrainingJobOptions Options(string name, FeatureSelection? features) => new()
    {
        Simulator = SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(6) },
        OutputPath = Path.Combine(_dir, name),
        Features = features,
        Horizons = [TimeSpan.FromSeconds(2)],
        Training = new TrainingOptions
        {
            Horizon = TimeSpan.FromSeconds(2), FixedParameters = Small, MinRegimeSamples = 200,
            WalkForward = new WalkForwardOptions { Folds = 2 },
        },
    };

    private static float[] Score(string path, FeatureMatrix samples, int[] rows, ModelRole role) =>
        OnnxScorer.Score(path, FeatureEngine.DefaultSchema, samples, rows, role, out _);

    // Every row of the column gets a value far from its own (deterministic), so any split on it moves some rows.
    private static void Shake(FeatureMatrix m, int column)
    {
        Assert.True(column >= 0);
        var values = new float[m.Rows];
        for (int r = 0; r < m.Rows; r++) values[r] = m[r, column] * -3f + ((r * 7919) % 13) - 6;
        m.SetColumn(column, values);
    }

    private static int[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToInt32Bits)];
}
