using System.Text.Json.Nodes;
using HftScalper.DeepLearning.Pipeline;
using HftScalper.Training.Pipeline;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft train --stacked --family lstm|transformer</c>: the stacked regime ensemble with the sequence model as a member
/// (<see cref="SequenceStackJob"/>). Prints the out-of-fold figures with and without the member on the same rows and
/// the files written; <c>--json</c> prints them as one object (<c>sequenceMember</c> keys plus <c>models</c>).
/// </summary>
internal static class TrainCommandSequenceStack
{
    /// <summary>Runs the job; returns the exit code.</summary>
    public static int Run(TrainingJobOptions options, SequenceTrainingOptions sequence, SequenceFamily family, bool json) =>
        Run(options, [(sequence, family)], json);

    /// <summary>Runs the job with several members (<c>--family lstm,transformer</c>); returns the exit code.</summary>
    public static int Run(TrainingJobOptions options, IReadOnlyList<(SequenceTrainingOptions Sequence, SequenceFamily Family)> members, bool json)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = SequenceStackJob.Run(options, members, Console.Error.WriteLine);
        string familyName = string.Join("+", members.Select(m => m.Family.Name));
        var o = r.Report.DeepClone().AsObject();
        o["models"] = new JsonArray([.. r.Paths.Select(p => (JsonNode)p)]);
        o["source"] = JsonShapes.Source(options.Files, options.Simulator, r.Dataset.Description);
        o["elapsedSeconds"] = sw.Elapsed.TotalSeconds;
        if (json)
        {
            JsonOut.Write(o);
            return 0;
        }
        Console.WriteLine($"out of fold, {o["rows"]} rows (member answered on {o["memberRows"]}):");
        Console.WriteLine($"  with the {familyName} member(s): {Summary(o["withMember"])}");
        Console.WriteLine($"  without it (the stack alone): {Summary(o["withoutMember"])}");
        foreach (var p in r.Paths) Console.WriteLine($"wrote {p}");
        return 0;
    }

    private static string Summary(JsonNode? m) =>
        FormattableString.Invariant($"accuracy {(double)m!["accuracy"]!:0.000}, moved {(double?)m["movedAccuracy"] ?? double.NaN:0.000}, log-loss {(double)m["logLoss"]!:0.000}");
}
