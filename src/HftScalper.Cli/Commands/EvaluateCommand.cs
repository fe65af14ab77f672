using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using HftScalper.Inference.Contracts;
using HftScalper.Simulator;
using HftScalper.Training.Evaluation;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft evaluate --model M [FILE...] [--horizon 10s] [--market spot|usdm|coinm] [--json]</c>: replays held-out
/// recordings (none = the simulator with seed 2, which the default model never saw) through the feature pipeline,
/// scores the model with ONNX Runtime and reports per horizon: accuracy, accuracy where the price moved, macro-F1,
/// per-class recall, log-loss and calibration, beside the majority-class and persistence baselines, with sample
/// counts. <c>hft evaluate --compare M1 M2 ... [FILE...]</c> scores several models side by side on the same samples
/// (<see cref="ModelComparison"/>), with latency per call.
/// </summary>
internal static class EvaluateCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "Direction model (.onnx); or use --compare" };
        var compare = new Option<string[]>("--compare")
        {
            Description = "Models (.onnx) to compare side by side on the same samples: --compare M1 M2 ... [FILE...] " +
                "(values not ending in .onnx are recordings, as if given after the options)",
            AllowMultipleArgumentsPerToken = true,
        };
        var files = new Argument<string[]>("FILE") { Arity = ArgumentArity.ZeroOrMore, Description = "Held-out recordings; none = the simulator with --seed" };
        var horizon = new Option<string[]>("--horizon") { Description = "Horizon(s), e.g. 10s (repeat or comma-separate); default: the model's (--compare: one horizon, the first model's)", AllowMultipleArgumentsPerToken = true };
        var threshold = new Option<string?>("--threshold") { Description = "Move threshold (default: the model's labelling)" };
        var sample = new Option<string?>("--sample") { Description = "Sampling clock (default: the model's labelling)" };
        var seed = new Option<int>("--seed") { Description = "Simulator seed when no file is given", DefaultValueFactory = _ => 2 };
        var simMinutes = new Option<double>("--sim-minutes") { Description = "Simulated minutes when no file is given", DefaultValueFactory = _ => 30 };
        var symbol = new Option<string?>("--symbol") { Description = "Symbol(s) to follow: a name, a comma-separated list or 'all' (default: the first that decides in each input)" };
        var market = DatasetOptions.Market();
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout" };
        var strict = InputDamageReport.StrictOption();
        var from = new Option<string?>("--from")
        {
            Description = "--compare: score only samples at or after this exchange time (ISO 8601, e.g. 2024-08-09T00:00:00Z, or ns since the epoch as in risk.entriesFromNs); earlier input still builds the books, features and sequence windows",
        };
        var movePrior = new Option<bool>("--move-prior")
        {
            Description = "--compare: also score every tabular model with the per-symbol move-prior correction (its P(move) shifted so its mean matches the symbol's realised move share, online and deterministic), as PATH+move-prior",
        };
        var gate = new Option<bool>("--gate")
        {
            Description = "--compare: also score every tabular model behind the per-symbol baseline gate (the symbol's realised class table after its last move serves wherever it has been right more often than the model, online, at the comparison's horizon), as PATH+gate",
        };
        var gateHalfLife = new Option<double?>("--gate-half-life") { Description = "--gate: half-life of the hit counts and the class table in samples (default 240)" };
        var gateLead = new Option<double?>("--gate-lead") { Description = "--gate: weighted hits the baseline must lead the model by before it serves (default 2)" };
        var priorHalfLife = new Option<double?>("--move-prior-half-life") { Description = "--move-prior: half-life of the shares in samples (default 240)" };
        var priorWeight = new Option<double?>("--move-prior-weight") { Description = "--move-prior: pseudo-samples shrinking the realised share toward the model's (default 40)" };
        var priorRaise = new Option<double?>("--move-prior-max-raise") { Description = "--move-prior: largest raise of the move logit (default 0: it only lowers P(move))" };
        var priorCold = new Option<double?>("--move-prior-cold-offset") { Description = "--move-prior: where a cold symbol's correction starts in the move logit, fading as its samples accrue (default 0)" };
        var priorFades = new Option<bool>("--move-prior-fades") { Description = "--move-prior: its pseudo-samples (the cold start) are forgotten like samples, so their pull fades to 0 (default: they keep their weight)" };
        var simSymbols = new Option<string?>("--sim-symbols")
        {
            Description = "Simulated symbols (comma-separated) when no file is given",
        };
        var latentValue = SimulateCommand.LatentValueOption();
        var cmd = new Command("evaluate", "Evaluate direction models on held-out data beside majority and persistence baselines")
            { model, compare, files, horizon, threshold, sample, seed, simMinutes, symbol, market, json, strict, from, movePrior, priorHalfLife, priorWeight, priorRaise, priorCold, priorFades, simSymbols, gate, gateHalfLife, gateLead, latentValue };
        // Which models to score is a usage question: answered by the parser, so it is a usage error (exit 2, code "usage").
        cmd.Validators.Add(r =>
        {
            if (r.GetResult(model) is null && r.GetResult(compare) is null) r.AddError("give --model M, or --compare M1 M2 ... to compare models");
            else if (r.GetResult(model) is not null && r.GetResult(compare) is not null) r.AddError("--model and --compare exclude each other: list every model after --compare");
        });
        cmd.SetAction(parse =>
        {
            var path = parse.GetValue(model);
            var compared = (parse.GetValue(compare) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var recordings = compared.Where(v => !IsModelName(v)).Concat(parse.GetValue(files) ?? []).ToArray();
            var models = compared.Where(IsModelName).ToList();
            if (path is null && models.Count == 0) throw new ArgumentException("give --model M, or --compare M1 M2 ... to compare models");
            if (path is not null && parse.GetResult(compare) is not null) throw new ArgumentException("--model and --compare exclude each other: list every model after --compare");
            if (path is not null && parse.GetValue(from) is not null) throw new ArgumentException("--from works with --compare only");
            if (path is not null && parse.GetValue(movePrior)) throw new ArgumentException("--move-prior works with --compare only");
            if (path is not null && parse.GetValue(gate)) throw new ArgumentException("--gate works with --compare only");
            foreach (var file in path is null ? models : [path])
                if (!File.Exists(file)) throw new FileNotFoundException($"model '{file}' not found");
            double minutes = parse.GetValue(simMinutes);
            if (!(minutes > 0) || minutes > 24 * 60) throw new ArgumentException($"--sim-minutes must be in (0, 1440], got {minutes}");
            var horizons = (parse.GetValue(horizon) ?? []).SelectMany(h => h.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(h => TimeSpan.FromTicks(TrainCommandArgs.ParseNs(h) / 100)).ToList();
            var t = parse.GetValue(threshold) is { } ts ? MoveThreshold.Parse(ts) : (MoveThreshold?)null;
            long? interval = parse.GetValue(sample) is { } ss ? TrainCommandArgs.ParseNs(ss, allowZero: true) : null;
            var sim = (parse.GetValue(simSymbols) is { } names ? SimulatorOptions.For(names, TimeSpan.FromMinutes(minutes), 0) : SimulatorOptions.Default)
                with { Seed = (ulong)parse.GetValue(seed), Duration = TimeSpan.FromMinutes(minutes) };
            sim = SimulateCommand.WithLatentValue(sim, parse.GetValue(latentValue));
            var m = DatasetOptions.MarketOf(parse.GetValue(market));
            bool asJson = parse.GetValue(json);
            bool isStrict = parse.GetValue(strict);
            if (path is null)
            {
                if (horizons.Count > 1) throw new ArgumentException("--compare labels every model at one --horizon");
                var prior = parse.GetValue(movePrior) ? new Inference.Calibration.MovePriorOptions() : null;
                if (prior is not null && parse.GetValue(priorHalfLife) is { } hl) prior = prior with { HalfLifeSamples = hl };
                if (prior is not null && parse.GetValue(priorWeight) is { } pw) prior = prior with { PriorSamples = pw };
                if (prior is not null && parse.GetValue(priorRaise) is { } pr) prior = prior with { MaxRaise = pr };
                if (prior is not null && parse.GetValue(priorCold) is { } pc) prior = prior with { ColdOffset = pc };
                if (prior is not null && parse.GetValue(priorFades)) prior = prior with { PriorFades = true };
                prior?.Validate();
                var gated = parse.GetValue(gate) ? new Inference.Calibration.BaselineGateOptions() : null;
                if (gated is not null && parse.GetValue(gateHalfLife) is { } ghl) gated = gated with { HalfLifeSamples = ghl };
                if (gated is not null && parse.GetValue(gateLead) is { } gl) gated = gated with { Lead = gl };
                gated?.Validate();
                return Compare(models, recordings, sim, horizons.Count == 1 ? horizons[0] : null, t, interval, parse.GetValue(symbol), m, asJson, isStrict, FromOf(parse.GetValue(from)), prior, gated);
            }
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var (data, results) = EvaluationJob.Run(path, recordings, sim, horizons, t, interval, parse.GetValue(symbol), Console.Error.WriteLine, m);
            var per = new JsonArray();
            foreach (var (h, r) in results)
            {
                var o = r.ToJson();
                o["horizonSeconds"] = h.TotalSeconds;
                per.Add((JsonNode)o);
            }
            var first = results[0].Metrics.ToJson();
            first["horizonSeconds"] = results[0].Horizon.TotalSeconds;
            first["horizons"] = per;
            first["model"] = JsonShapes.Model(path, EvaluationJob.ReadMetadata(path));
            first["source"] = JsonShapes.Source(recordings, sim, data.Description);
            first["elapsedSeconds"] = sw.Elapsed.TotalSeconds;
            first["symbol"] = data.Symbol;
            first["segments"] = DatasetOptions.Segments(data);
            InputDamageReport.Report("evaluate", data.InputDamage, first);
            if (asJson) JsonOut.Write(first);
            else
            {
                Console.WriteLine($"model {path} on {data.Description} ({data.Symbol})");
                foreach (var line in DatasetOptions.SegmentLines(data)) Console.WriteLine(line);
                foreach (var (h, r) in results) Console.WriteLine($"horizon {h.TotalSeconds:0.###} s: {r.Summary()}");
            }
            return InputDamageReport.ExitCode(0, data.InputDamage, isStrict);
        });
        return cmd;
    }

    private static DateTimeOffset? FromOf(string? value) =>
        value is null ? null : DateTimeOffset.UnixEpoch.AddTicks(TrainCommandArgs.ParseTimeNs("--from", value) / 100);

    private static bool IsModelName(string value) => value.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);

    private static int Compare(List<string> models, string[] files, SimulatorOptions sim, TimeSpan? horizon, MoveThreshold? threshold, long? interval,
        string? symbol, Training.Data.ReplayMarket? market, bool json, bool strict, DateTimeOffset? from = null, Inference.Calibration.MovePriorOptions? movePrior = null,
        Inference.Calibration.BaselineGateOptions? gate = null)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = ModelComparison.Run(models, files, sim, horizon, threshold, interval, symbol, market, Console.Error.WriteLine, from, movePrior, gate);
        var data = r.Dataset;
        var baseline = r.Models[0].Metrics;
        var o = new JsonObject
        {
            ["horizonSeconds"] = r.Horizon.TotalSeconds,
            ["threshold"] = r.Threshold.ToString(),
            ["samples"] = baseline.Samples,
            ["movedSamples"] = baseline.MovedSamples,
            ["majorityClass"] = Training.Data.DirectionClass.Names[baseline.MajorityClass],
            ["majorityBaseline"] = Math.Round(baseline.MajorityBaseline, 4),
            ["persistenceBaseline"] = Math.Round(baseline.PersistenceBaseline, 4),
            ["persistenceMovedAccuracy"] = Math.Round(baseline.PersistenceMovedAccuracy, 4),
            ["models"] = new JsonArray([.. r.Models.Select(x => (JsonNode)x.ToJson())]),
            ["ruleRanking"] = r.RuleRanking?.ToJson(),
            ["withoutSequenceWindow"] = r.WithoutSequenceWindow,
            ["scoredFrom"] = from?.ToString("O", CultureInfo.InvariantCulture),
            ["longestSequence"] = r.LongestSequence,
            ["source"] = JsonShapes.Source(files, sim, data.Description),
            ["symbol"] = data.Symbol,
            ["segments"] = DatasetOptions.Segments(data),
            ["elapsedSeconds"] = sw.Elapsed.TotalSeconds,
        };
        InputDamageReport.Report("evaluate", data.InputDamage, o);
        if (json) JsonOut.Write(o);
        else
        {
            foreach (var line in ComparisonTable(r)) Console.WriteLine(line);
        }
        return InputDamageReport.ExitCode(0, data.InputDamage, strict);
    }

    /// <summary>The side-by-side text table: one row per model, then the two baselines.</summary>
    internal static IEnumerable<string> ComparisonTable(ModelComparison.Result r)
    {
        var m0 = r.Models[0].Metrics;
        yield return FormattableString.Invariant($"{r.Dataset.Description} ({r.Dataset.Symbol}): {m0.Samples} samples ({m0.MovedSamples} moved) at {r.Horizon.TotalSeconds:0.###} s, threshold {r.Threshold}");
        int w = Math.Max(18, r.Models.Max(x => Path.GetFileName(x.Path).Length));
        yield return string.Format(CultureInfo.InvariantCulture, "{0}  {1,8} {2,8} {3,8} {4,8} {5,8} {6,10} {7,10}",
            "model".PadRight(w), "acc", "moved", "macroF1", "logloss", "ECE", "mean us", "p99 us");
        foreach (var x in r.Models)
        {
            var m = x.Metrics;
            yield return string.Format(CultureInfo.InvariantCulture, "{0}  {1,8:0.0000} {2,8:0.0000} {3,8:0.0000} {4,8:0.0000} {5,8:0.0000} {6,10:0.0} {7,10:0.0}",
                Path.GetFileName(x.Path).PadRight(w), m.Accuracy, m.MovedAccuracy, m.MacroF1, m.LogLoss, m.ExpectedCalibrationError, x.Latency.MeanUs, x.Latency.P99Us);
        }
        yield return string.Format(CultureInfo.InvariantCulture, "{0}  {1,8:0.0000} {2,8}", $"majority ({Training.Data.DirectionClass.Names[m0.MajorityClass]})".PadRight(w), m0.MajorityBaseline, "-");
        yield return string.Format(CultureInfo.InvariantCulture, "{0}  {1,8:0.0000} {2,8:0.0000}", "persistence".PadRight(w), m0.PersistenceBaseline, m0.PersistenceMovedAccuracy);
        if (r.RuleRanking is { } rule)
        {
            // Ordering of the moved samples by P(up) - P(down), beside the rule-based fallback's score on the same samples.
            yield return FormattableString.Invariant($"ranking of the {rule.MovedSamples} moved samples (AUC of up above down / sign accuracy):");
            foreach (var x in r.Models.Where(x => x.Ranking is not null))
                yield return string.Format(CultureInfo.InvariantCulture, "{0}  {1,8:0.0000} {2,8:0.0000}", Path.GetFileName(x.Path).PadRight(w), x.Ranking!.Auc, x.Ranking.SignAccuracy);
            yield return string.Format(CultureInfo.InvariantCulture, "{0}  {1,8:0.0000} {2,8:0.0000}", "fallback rule".PadRight(w), rule.Auc, rule.SignAccuracy);
        }
        if (r.LongestSequence > 1)
            yield return FormattableString.Invariant($"sequence models: every model is scored only where a {r.LongestSequence}-row window ends ({r.WithoutSequenceWindow} labelled samples left out: the first rows of each gap-free span); their latency is one step of the carried state, as the engine serves them");
    }
}
