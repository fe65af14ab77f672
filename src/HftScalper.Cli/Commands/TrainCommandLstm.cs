using System.CommandLine;
using HftScalper.Core.Settings;
using HftScalper.DeepLearning.Lstm;
using HftScalper.DeepLearning.Pipeline;
using HftScalper.Training.Pipeline;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft train --family lstm</c>: the same data, labels and walk-forward folds as the trees, an LSTM trained with
/// TorchSharp (see <see cref="SequenceTrainingJob"/>), one ONNX window model written to <c>--out</c>. The JSON keeps
/// the tree job's keys (<c>outOfSample</c>, <c>folds</c>, <c>search</c>, <c>models</c>, ...) and adds <c>family</c>,
/// <c>sequenceLength</c> and <c>windows</c>.
/// </summary>
internal static class TrainCommandLstm
{
    /// <summary>The options the LSTM family adds to <c>hft train</c>.</summary>
    public static (Option<string> Family, Option<int> SequenceLength, Option<int> Hidden, Option<int> Epochs) Options()
    {
        var family = new Option<string>("--family") { Description = "Model family: trees (LightGBM, the default), lstm (TorchSharp LSTM over the last --sequence-length sample rows) or transformer (TorchSharp encoder over the last 60 s: --sequence-length snapshots every --cadence); with --stacked, lstm,transformer makes both members of one ensemble", DefaultValueFactory = _ => "trees" };
        family.AcceptOnlyFromAmong("trees", "lstm", "transformer", "lstm,transformer", "transformer,lstm");
        var length = new Option<int>("--sequence-length") { Description = "lstm: sample rows per window (20 x 250 ms = the last 5 s)", DefaultValueFactory = _ => 20 };
        var hidden = new Option<int>("--hidden") { Description = "lstm: hidden units of the first search candidate", DefaultValueFactory = _ => 32 };
        var epochs = new Option<int>("--epochs") { Description = "lstm: most epochs per fit (early stopping usually ends sooner)", DefaultValueFactory = _ => 12 };
        return (family, length, hidden, epochs);
    }

    /// <summary>Whether <paramref name="family"/> selects the LSTM.</summary>
    public static bool IsLstm(string? family) => string.Equals(family, "lstm", StringComparison.Ordinal);

    /// <summary>The sequence settings from the parsed options (<c>--candidates</c> bounds the LSTM search too).</summary>
    public static SequenceTrainingOptions SequenceOptions(ParseResult parse, Option<int> length, Option<int> hidden, Option<int> epochs, Option<int> candidates)
    {
        ArgumentNullException.ThrowIfNull(parse);
        SettingRange.Check("--sequence-length", parse.GetValue(length), 1, 10_000);
        SettingRange.Check("--hidden", parse.GetValue(hidden), 1, 4096);
        SettingRange.Check("--epochs", parse.GetValue(epochs), 1, 10_000);
        return new SequenceTrainingOptions
        {
            SequenceLength = parse.GetValue(length),
            Parameters = new LstmParameters(Hidden: parse.GetValue(hidden), MaxEpochs: parse.GetValue(epochs)),
            Candidates = parse.GetValue(candidates),
        };
    }

    /// <summary>Runs the LSTM job and prints the text or JSON report; returns the exit code.</summary>
    public static int Run(TrainingJobOptions options, SequenceTrainingOptions sequence, bool json, bool strict) =>
        Run(options, sequence, new LstmFamily(sequence.Parameters), json, strict);

    /// <summary>Runs the sequence job of <paramref name="family"/> and prints the text or JSON report; returns the exit code.</summary>
    public static int Run(TrainingJobOptions options, SequenceTrainingOptions sequence, SequenceFamily family, bool json, bool strict)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var (r, data, labelling, profile) = SequenceTrainingJob.Run(options, sequence, family, Console.Error.WriteLine);
        var o = r.ToJson();
        o["models"] = new System.Text.Json.Nodes.JsonArray([.. r.Paths.Select(p => (System.Text.Json.Nodes.JsonNode)p)]);
        o["labelling"] = labelling.DeepClone();
        o["source"] = JsonShapes.Source(options.Files, options.Simulator, data.Description);
        o["elapsedSeconds"] = sw.Elapsed.TotalSeconds;
        o["featureProfile"] = profile.DeepClone();
        if (DatasetOptions.EndTrainOutput(o, data, strict, json, out int exit)) return exit;
        foreach (var f in r.Folds)
            Console.WriteLine($"fold {f["fold"]}: train {f["trainSamples"]} test {f["testSamples"]} purged {f["purged"]}");
        Console.WriteLine($"out of sample ({r.Family}, {r.SequenceLength} rows per window every {r.Stride} sample rows, {r.Windows} windows): {r.OutOfSample.Summary()}");
        Console.WriteLine($"parameters: {r.Parameters}; {r.Search.Count} candidates searched");
        Console.WriteLine($"training: {r.Elapsed.TotalSeconds:0.0} s, peak working set {r.PeakWorkingSetBytes / (1024 * 1024)} MB");
        foreach (var p in r.Paths) Console.WriteLine($"wrote {p}");
        return exit;
    }
}
