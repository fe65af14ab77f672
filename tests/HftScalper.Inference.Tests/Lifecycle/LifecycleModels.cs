using HftScalper.Features.Schema;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Serving;
using HftScalper.Inference.Tests.Support;

namespace HftScalper.Inference.Tests.Lifecycle;

/// <summary>Real down/flat/up classifier files for lifecycle tests, written into a fixture's temp folder.</summary>
public sealed class LifecycleModels : IDisposable
{
    public const int F = 6;

    public ModelFixtures Fx { get; } = new();

    public FeatureSchema Schema { get; } = ModelFixtures.Schema(F);

    public string Dir => Fx.Dir;

    public ListLogger Logger => Fx.Logger;

    public ModelMetadata Metadata(string name, FeatureSchema? schema = null, string[]? classes = null) =>
        ModelFixtures.Metadata(schema ?? Schema, 3) with { Name = name, OutputNames = classes ?? ["down", "flat", "up"] };

    /// <summary>A softmax MLP classifier with seeded weights (different seeds, different predictions).</summary>
    public static ModelProto Mlp(int seed, bool softmax = true, bool nan = false)
    {
        var layers = RandomModels.Mlp(new Random(seed), F, 8, 3);
        if (nan) layers[0].Weights[0] = float.NaN;
        return MlpModelBuilder.Build(layers, softmax ? OutputActivation.Softmax : OutputActivation.None);
    }

    /// <summary>Writes a classifier into <paramref name="dir"/> (default: the fixture folder) atomically and returns its path.</summary>
    public string Write(string file, int seed, string? dir = null, FeatureSchema? schema = null, bool softmax = true, bool nan = false, string[]? classes = null)
    {
        var path = Path.Combine(dir ?? Dir, file);
        OnnxModelFile.Save(Mlp(seed, softmax, nan), Metadata(Path.GetFileNameWithoutExtension(file), schema, classes), path);
        return path;
    }

    /// <summary>Canary rows: seeded values in the scale of standardised features.</summary>
    public static float[] Rows(int rows, int seed = 5) => RandomModels.Floats(new Random(seed), rows * F, 2f);

    public ModelValidator Validator(ModelValidationOptions? options = null) =>
        new(Schema, ServingOptions.CpuOnly(8), options ?? new ModelValidationOptions(), Logger);

    public ModelLifecycleOptions LifecycleOptions(string dir, DropAction drop = DropAction.Promote) => new()
    {
        Directory = dir,
        OnDrop = drop,
        Serving = ServingOptions.CpuOnly(8),
        Validation = new ModelValidationOptions { LatencyBudget = TimeSpan.FromSeconds(1) },
        DegradedMinRuns = 10,
    };

    /// <summary>Writes, validates and wraps a classifier as a host would serve it.</summary>
    public ServedModel Served(string file, int seed)
    {
        var path = Write(file, seed);
        var report = Validator().Validate(path, Rows(4), out var session);
        Assert.True(report.Passed, report.Message);
        return new ServedModel(session!, path, report.Sha256);
    }

    /// <summary>Predicts one row on whatever the host serves now (through a lease, as the hot path does).</summary>
    public static float[] Predict(ModelHost host, float[] row)
    {
        using var lease = host.Acquire();
        Assert.False(lease.IsEmpty);
        var y = new float[3];
        Assert.Equal(PredictStatus.Ok, lease.Session!.Predict(row, 1, y));
        return y;
    }

    public void Dispose() => Fx.Dispose();
}
