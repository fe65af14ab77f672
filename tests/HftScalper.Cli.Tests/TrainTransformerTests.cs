using HftScalper.Inference.Metadata;
using HftScalper.Training.Evaluation;

namespace HftScalper.Cli.Tests;

/// <summary>
/// <c>hft train --family transformer</c> trains on the simulator, keeps the tree job's JSON keys and writes a sequence
/// model whose metadata has the tree contract plus the sequence length and the window's cadence (tiny settings:
/// CI stays cheap).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class TrainTransformerTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Train_family_transformer_writes_a_strided_sequence_model_and_the_train_json_keys()
    {
        var path = Path.Combine(_dir, "transformer.onnx");
        var run = Hft.RunProcess(["train", "--family", "transformer", "--sim-minutes", "3", "--folds", "2", "--candidates", "1", "--epochs", "1",
            "--sequence-length", "6", "--cadence", "500ms", "--d-model", "8", "--heads", "2", "--features-from", "defaults", "--out", path, "--json"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();
        foreach (var key in new[] { "outOfSample", "folds", "search", "parameters", "samples", "labelledSamples", "models", "labelling", "source", "featureProfile", "segments", "classMeanMoveBps", "arrangement" })
            Assert.True(o.ContainsKey(key), $"missing '{key}'\n{run}");
        Assert.Equal("transformer", (string)o["family"]!);
        Assert.Equal(6, (int)o["sequenceLength"]!);
        Assert.Equal(2, (int)o["stride"]!);
        Assert.Equal(2, o["folds"]!.AsArray().Count);
        Assert.True((int)o["outOfSample"]!["samples"]! > 100, run.ToString());

        var md = EvaluationJob.ReadMetadata(path);
        Assert.Equal(ModelInputKind.Sequence, md.InputKind);
        Assert.Equal(6, md.SequenceLength);
        Assert.Equal(["down", "flat", "up"], md.OutputNames);
        Assert.Equal(new SequenceWindow(250_000_000, 2, 5_000_000_000), md.SequenceWindow);
        Assert.Equal(500_000_000, md.SequenceWindow!.CadenceNs);
    }

    [Fact]
    public void A_cadence_that_is_not_a_multiple_of_the_sample_clock_is_refused()
    {
        var run = Hft.Run(["train", "--family", "transformer", "--cadence", "300ms", "--out", Path.Combine(_dir, "x.onnx")]);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--cadence", run.ToString(), StringComparison.Ordinal);
    }
}
