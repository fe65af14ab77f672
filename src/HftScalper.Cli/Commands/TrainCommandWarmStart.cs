using System.CommandLine;
using System.Text.Json.Nodes;
using HftScalper.Cli.Feedback;
using HftScalper.Training.Data;
using HftScalper.Training.Models;
using HftScalper.Training.Pipeline;
using HftScalper.Training.WarmStart;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft train --warm-start BASE.onnx [FILE...]</c>: fine-tunes an exported tree model on the given data instead of
/// training from scratch (<see cref="WarmStartFit"/>): boosting continues from the base's raw scores, and the model
/// written is the base's trees plus the new ones. The rows are computed exactly as the base serves them (its feature
/// profile and cross-symbol block, <c>ModelMetadata.FeatureOptions</c>); horizon, threshold and form are the base's
/// (options that would change them are refused); a two-stage model's move offset is re-chosen on the folds (<c>--move-offset auto</c>) or given.
/// </summary>
internal static class TrainCommandWarmStart
{
    /// <summary>The option.</summary>
    public static Option<string?> Option() => new("--warm-start")
    {
        Description = "Fine-tune this tree model (an hft train export) on the data instead of training from scratch: boosting continues from its raw scores, " +
            "and the model written is its trees plus the new ones (its schema, feature profile, horizon, threshold and form are kept; --move-offset auto re-chooses a two-stage move offset on the walk-forward folds)",
    };

    /// <summary>Options that a warm start takes from the base model, refused when given with it.</summary>
    public static void RefuseWith(ParseResult parse, params Option[] options)
    {
        foreach (var o in options)
            if (parse.GetResult(o) is { Implicit: false })
                throw new ArgumentException($"--warm-start keeps the base model's settings: {o.Name} cannot be given with it");
    }

    /// <summary>Runs the warm start; the exit code.</summary>
    public static int Run(string basePath, TrainingJobOptions options, GbmParameters parameters, int folds, double? moveOffset, bool json, bool strict)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var baseModel = BaseEnsemble.Load(basePath);
        var (horizon, threshold) = WarmStartFit.Labelling(baseModel);
        ReplayDataset data;
        WarmStartFit.Result result;
        using (var watch = RunWatch.Start("train", options.Files))
        {
            try
            {
                data = ReplayDataset.Build(options.Files, options.Simulator, options.SampleIntervalNs, options.Symbol, options.Market, watch.Progress.Line,
                    baseModel.Metadata.FeatureOptions(), cancel: watch.Stop.Token, untilNs: options.UntilNs);
                WarmStartFit.CheckSchema(baseModel, data.Schema);
                if (data.Samples.Rows < 200) throw new InvalidDataException($"only {data.Samples.Rows} samples from {data.Description}: too little to fine-tune on");
                var labelled = data.Label([horizon], threshold);
                result = WarmStartFit.Run(baseModel, labelled, horizon, parameters, folds, options.Training.Seed, watch.Progress.Line, watch.Stop.Token, moveOffset);
            }
            catch (OperationCanceledException) when (watch.Stop.IsRequested)
            {
                watch.EndProgress();
                return new TrainFeedback(watch).Stopped(json);
            }
            watch.EndProgress();
        }
        var labelling = new JsonObject
        {
            ["threshold"] = threshold.ToString(),
            ["sampleIntervalMs"] = options.SampleIntervalNs / 1_000_000,
            ["horizonMs"] = (long)horizon.TotalMilliseconds,
            ["symbol"] = data.Symbol,
        };
        if (options.UntilNs > 0) labelling["untilNs"] = options.UntilNs;
        string description = FormattableString.Invariant(
            $"{data.Description}; symbol {data.Symbol}; {data.Samples.Rows} samples every {options.SampleIntervalNs / 1e9} s of exchange time; ") +
            $"warm start of {Path.GetFileName(basePath)} ({baseModel.TreeCount} trees) + {result.Model.Added.Count} trees fitted to its residuals ({parameters}); seed {options.Training.Seed}";
        WarmStartFit.Save(result, options.OutputPath, options.ModelName, description, labelling, keepMovePrior: true);
        Training.Export.ReferenceStamp.Add(options.OutputPath, data.Schema, data.Samples, $"training rows: {data.Description}; symbol {data.Symbol}");
        var o = new JsonObject
        {
            ["models"] = new JsonArray(Path.GetFullPath(options.OutputPath)),
            ["warmStart"] = result.ToJson(),
            ["outOfSample"] = result.OutOfSample?.ToJson(),
            ["labelling"] = labelling,
            ["source"] = JsonShapes.Source(options.Files, options.Simulator, data.Description),
            ["elapsedSeconds"] = sw.Elapsed.TotalSeconds,
        };
        if (DatasetOptions.EndTrainOutput(o, data, strict, json, out int exit)) return exit;
        foreach (var h in result.Model.Heads)
            Console.WriteLine(FormattableString.Invariant($"head {h.Head}: {h.Rows} rows (+{h.ValidRows} early-stopping), {h.Trees} trees added, early-stopping log-loss {h.BaseLogLoss:0.0000} -> {h.LogLoss:0.0000}"));
        if (result.OutOfSample is { } w && result.BaseOutOfSample is { } b)
        {
            Console.WriteLine($"out of sample, warm start: {w.Summary()}");
            Console.WriteLine($"out of sample, base model: {b.Summary()}");
        }
        Console.WriteLine($"wrote {Path.GetFullPath(options.OutputPath)} ({baseModel.TreeCount} base trees + {result.Model.Added.Count})");
        return exit;
    }
}
