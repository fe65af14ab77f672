using HftScalper.Inference.Metadata;
using HftScalper.Training.Evaluation;

namespace HftScalper.Cli.Tests;

/// <summary>
/// <c>hft train --family lstm</c> trains on the simulator, keeps the tree job's JSON keys and writes a sequence model
/// whose metadata has the tree contract plus the sequence length (tiny settings: CI stays cheap).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class TrainLstmTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Train_family_lstm_writes_a_sequence_model_and_the_train_json_keys()
    {
        var path = Path.Combine(_dir, "lstm.onnx");
        var run = Hft.RunProcess(["train", "--family", "lstm", "--sim-minutes", "3", "--folds", "2", "--candidates", "1", "--epochs", "1",
            "--sequence-length", "4", "--hidden", "8", "--features-from", "defaults", "--out", path, "--json"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();
        foreach (var key in new[] { "outOfSample", "folds", "search", "parameters", "samples", "labelledSamples", "models", "labelling", "source", "featureProfile", "segments", "classMeanMoveBps" })
            Assert.True(o.ContainsKey(key), $"missing '{key}'\n{run}");
        Assert.Equal("lstm", (string)o["family"]!);
        Assert.Equal(4, (int)o["sequenceLength"]!);
        Assert.Equal(2, o["folds"]!.AsArray().Count);
        Assert.True((int)o["outOfSample"]!["samples"]! > 100, run.ToString());
        Assert.Equal(path, (string)o["models"]![0]!);

        var md = EvaluationJob.ReadMetadata(path);
        Assert.Equal(ModelInputKind.Sequence, md.InputKind);
        Assert.Equal(4, md.SequenceLength);
        Assert.Equal(["down", "flat", "up"], md.OutputNames);
        Assert.NotNull(md.ClassMeanMoveBps);
    }
}
