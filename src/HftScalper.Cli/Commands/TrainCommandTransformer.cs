using System.CommandLine;
using HftScalper.Core.Settings;
using HftScalper.DeepLearning.Pipeline;
using HftScalper.DeepLearning.Transformer;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft train --family transformer</c>: the LSTM's job (<see cref="TrainCommandLstm.Run(HftScalper.Training.Pipeline.TrainingJobOptions, SequenceTrainingOptions, SequenceFamily, bool, bool)"/>)
/// with a transformer encoder over T snapshots, one every <c>--cadence</c> of sample rows (default 60 x 1 s = the
/// last 60 s; at 250 ms samples every 4th sample row). Decisions stay on the sample clock, so the held-out rows and
/// folds are the trees'.
/// </summary>
internal static class TrainCommandTransformer
{
    /// <summary>Snapshots per window when <c>--sequence-length</c> is not given.</summary>
    public const int DefaultSequenceLength = 60;

    /// <summary>The options the transformer adds to <c>hft train</c>.</summary>
    public static (Option<string> Cadence, Option<int> ModelWidth, Option<int> Heads, Option<int> Layers) Options()
    {
        var cadence = new Option<string>("--cadence") { Description = "transformer: exchange time between window snapshots, a multiple of --sample", DefaultValueFactory = _ => "1s" };
        var width = new Option<int>("--d-model") { Description = "transformer: model width of the first search candidate", DefaultValueFactory = _ => 32 };
        var heads = new Option<int>("--heads") { Description = "transformer: attention heads (--d-model must be a multiple)", DefaultValueFactory = _ => 2 };
        var layers = new Option<int>("--layers") { Description = "transformer: encoder layers of the first search candidate", DefaultValueFactory = _ => 1 };
        return (cadence, width, heads, layers);
    }

    /// <summary>Whether <paramref name="family"/> selects the transformer.</summary>
    public static bool IsTransformer(string? family) => string.Equals(family, "transformer", StringComparison.Ordinal);

    /// <summary>The sequence settings and the family from the parsed options.</summary>
    public static (SequenceTrainingOptions Sequence, SequenceFamily Family) Settings(ParseResult parse, long sampleIntervalNs, Option<int> length,
        Option<int> epochs, Option<int> candidates, Option<string> cadence, Option<int> width, Option<int> heads, Option<int> layers)
    {
        ArgumentNullException.ThrowIfNull(parse);
        int t = parse.GetResult(length) is { Implicit: false } ? parse.GetValue(length) : DefaultSequenceLength;
        SettingRange.Check("--sequence-length", t, 1, 10_000);
        SettingRange.Check("--epochs", parse.GetValue(epochs), 1, 10_000);
        SettingRange.Check("--d-model", parse.GetValue(width), 1, 1024);
        SettingRange.Check("--heads", parse.GetValue(heads), 1, 64);
        SettingRange.Check("--layers", parse.GetValue(layers), 1, 16);
        if (parse.GetValue(width) % parse.GetValue(heads) != 0)
            throw new ArgumentException($"--d-model {parse.GetValue(width)} is not a multiple of --heads {parse.GetValue(heads)}");
        long cadenceNs = TrainCommandArgs.ParseNs(parse.GetValue(cadence)!);
        if (sampleIntervalNs <= 0 || cadenceNs % sampleIntervalNs != 0)
            throw new ArgumentException($"--cadence ({parse.GetValue(cadence)}) must be a whole multiple of --sample (which must not be 0 for the transformer)");
        int stride = checked((int)(cadenceNs / sampleIntervalNs));
        var p = new TransformerParameters(ModelWidth: parse.GetValue(width), Heads: parse.GetValue(heads), Layers: parse.GetValue(layers),
            FeedForward: 2 * parse.GetValue(width), MaxEpochs: parse.GetValue(epochs));
        // A window spans (T-1) x cadence; consecutive sample rows may be up to 5 s apart inside it, as for the LSTM.
        var sequence = new SequenceTrainingOptions { SequenceLength = t, Stride = stride, Candidates = parse.GetValue(candidates) };
        return (sequence, new TransformerFamily(p));
    }
}
