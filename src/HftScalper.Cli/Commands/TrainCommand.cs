using System.CommandLine;
using System.Text.Json.Nodes;
using HftScalper.Cli.Feedback;
using HftScalper.Core.Settings;
using HftScalper.Features.Regime;
using HftScalper.Inference.Contracts;
using HftScalper.Simulator;
using HftScalper.Training.Evaluation;
using HftScalper.Training.Pipeline;
using HftScalper.Training.Validation;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft train [FILE...] [--market spot|usdm|coinm] [--out models/default.onnx] [--seed N] [--json]</c>: replays recordings (none = the built-in
/// simulator, fixed seed) through the feature pipeline, labels the mid direction, searches LightGBM parameters inside
/// purged walk-forward validation, and writes the direction classifier (and the return regressor beside it) as ONNX
/// with metadata. Prints per-fold and pooled out-of-sample metrics beside the baselines. The defaults (2 s horizon,
/// 250 ms samples, any mid move, the simulator's training mix, seed 1) with <c>--move-offset 0.5 --move-prior --gate</c>
/// make the bundled <c>models/default.onnx</c> (since session 13; models/README): the simulator's short-horizon edge. GARCH and the activity baseline are fitted first (see
/// <c>FeatureProfileFitter</c>) unless <c>--features-from</c> names a model to stay hot-swappable with.
/// <c>--warm-start BASE.onnx</c> fine-tunes an exported tree model instead (<see cref="TrainCommandWarmStart"/>).
/// </summary>
internal static class TrainCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Arity = ArgumentArity.ZeroOrMore, Description = "Recordings; none = the market simulator (fixed seed)" };
        var output = new Option<string>("--out") { Description = "Direction model path (the return model goes beside it as NAME.return.onnx)", DefaultValueFactory = _ => Path.Combine("models", "default.onnx") };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulator, the search and LightGBM", DefaultValueFactory = _ => 1 };
        var horizon = new Option<string>("--horizon") { Description = "Prediction horizon (exchange time), e.g. 10s; default 2 s (the bundled model's)", DefaultValueFactory = _ => "2s" };
        var threshold = new Option<string>("--threshold") { Description = "Move threshold: Nticks or Nbps (strictly larger moves are up/down); default 0ticks: any move of the mid", DefaultValueFactory = _ => "0ticks" };
        var sample = new Option<string>("--sample") { Description = "Sampling clock, e.g. 1s, 250ms; 0 = every decision; default 250ms", DefaultValueFactory = _ => "250ms" };
        var budget = new Option<string>("--budget") { Description = "Wall-clock budget of the hyperparameter search (0 = defaults only; none = no limit, so the result depends on the seed alone)", DefaultValueFactory = _ => "none" };
        var candidates = new Option<int>("--candidates") { Description = "Most hyperparameter candidates tried (the first is the defaults)", DefaultValueFactory = _ => 4 };
        var maxIterations = new Option<int>("--max-iterations") { Description = "Most boosting rounds per binary head (one-vs-rest class or two-stage head): bounds the exported trees, hence inference latency", DefaultValueFactory = _ => 100 };
        var maxDepth = new Option<int>("--max-depth") { Description = "Deepest split path per tree (0 = no cap, the leaf budget alone): with --max-iterations it bounds the exported trees' inference cost, one node per level", DefaultValueFactory = _ => 0 };
        var folds = new Option<int>("--folds") { Description = "Walk-forward test blocks", DefaultValueFactory = _ => 4 };
        var simMinutes = new Option<double>("--sim-minutes") { Description = "Simulated minutes when no file is given", DefaultValueFactory = _ => 30 };
        var symbol = new Option<string?>("--symbol") { Description = "Symbol(s) to follow: a name, a comma-separated list or 'all' (default: the first that decides in each input)" };
        var market = DatasetOptions.Market();
        var name = new Option<string>("--name") { Description = "Model name in the metadata", DefaultValueFactory = _ => "default" };
        var featuresFrom = new Option<string?>("--features-from")
        {
            Description = "Reuse the feature profile (fitted GARCH and activity baseline) of this model, so the new model can hot-swap with it; " +
                "'defaults' = the documented defaults; omitted = fit them on the training data before the first test block",
        };
        var form = new Option<string>("--form") { Description = "Direction heads: two-stage (P(move) and P(up | move), default) or one-vs-rest", DefaultValueFactory = _ => "two-stage" };
        var moveOffset = new Option<string>("--move-offset") { Description = "Two-stage: offset added to the move logit; 'auto' (default) = chosen on the walk-forward predictions, 0 = calibrated", DefaultValueFactory = _ => "auto" };
        var movePrior = new Option<bool>("--move-prior")
        {
            Description = "Ask for the per-symbol move-prior correction when the model serves (metadata hft.move_prior; P(move) follows each symbol's realised move share online; default settings); training is unchanged",
        };
        var gate = new Option<bool>("--gate")
        {
            Description = "Ask for the per-symbol baseline gate when the model serves (inside hft.move_prior: each symbol's realised class table after its last move serves wherever it has been right more often than the model, online at the model's horizon); without --move-prior the correction itself stays off; training is unchanged",
        };
        var coldOffset = new Option<double?>("--move-prior-cold-offset")
        {
            Description = "--move-prior: where a cold symbol's correction starts in the move logit (e.g. -0.5 undoes --move-offset 0.5 until the symbol's own samples say otherwise; fades as they accrue); default 0 = trust the model from the first decision",
        };
        var priorFades = new Option<bool>("--move-prior-fades")
        {
            Description = "--move-prior: the correction's pseudo-samples (its cold start) are forgotten like samples, so their pull fades to 0 as the symbol's own samples accrue; default: they keep their weight (~10 % of the estimate for good)",
        };
        var stacked = new Option<bool>("--stacked") { Description = "Also train the stacked regime ensemble (regime members + global model + rule signal, meta-learner on out-of-fold predictions) and keep it if it beats the global model out of sample; with --family lstm|transformer the sequence model joins the ensemble as a member (NAME.onnx = the ensemble, NAME.stack.onnx = without the member, NAME.member.onnx = the member)" };
        var crossSymbol = new Option<string?>("--cross-symbol")
        {
            Description = "Add the opt-in cross-symbol features with this leader symbol (its recent move, rolling return correlations with it; schema extension 'cross-symbol v1', declared in the model's metadata so serving computes them); tree models only",
        };
        var until = new Option<string?>("--until")
        {
            Description = "End of the training data: exchange time (ISO 8601, e.g. 2024-08-08T23:57:08.24Z, or ns since the epoch as in risk.entriesFromNs); " +
                "decisions at or after it are neither samples nor read by any label, so the span from it on stays held out (default: the whole input)",
        };
        var features = new Option<string?>("--features")
        {
            Description = "Train on these columns only: comma-separated names of the feature schema (as `hft features` writes them) and/or a preset (" +
                string.Join(", ", Training.Data.FeatureSelection.Presets.Select(p => $"{p.Key} = {string.Join(",", p.Value)}")) +
                "); the other columns are held at 0 in training so no tree splits on them; the model still takes the whole row and its metadata lists the columns (hft.features.trained); " +
                "without regime_label no regime models are trained; tree models only, not with --stacked or --warm-start; default: every column",
        };
        var warmStart = TrainCommandWarmStart.Option();
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout" };
        var latentValue = SimulateCommand.LatentValueOption();
        var force = new Option<bool>("--force") { Description = "Overwrite --out (and its .return.onnx) when it exists" };
        var strict = InputDamageReport.StrictOption();
        var (family, sequenceLength, hidden, epochs) = TrainCommandLstm.Options();
        var (cadence, modelWidth, heads, layers) = TrainCommandTransformer.Options();
        var cmd = new Command("train", "Train the direction classifier and return regressor with walk-forward validation; export ONNX")
            { files, output, seed, horizon, threshold, sample, budget, candidates, maxIterations, maxDepth, folds, simMinutes, symbol, market, name, featuresFrom, crossSymbol, form, moveOffset, movePrior, coldOffset, priorFades, gate, stacked, warmStart, json, force, strict,
              family, sequenceLength, hidden, epochs, cadence, modelWidth, heads, layers, latentValue, until, features };
        cmd.SetAction(parse =>
        {
            // The Native AOT serving build has no training: the branch below is all the compiler keeps there.
            if (!Training.TrainingFeature.IsSupported) throw Training.TrainingFeature.NotInThisBuild("hft train");
            RefuseOverwrite(parse.GetValue(output)!, parse.GetValue(force));
            int s = parse.GetValue(seed);
            double minutes = parse.GetValue(simMinutes);
            if (!(minutes > 0) || minutes > 24 * 60) throw new ArgumentException($"--sim-minutes must be in (0, 1440], got {minutes}");
            SettingRange.Check("--candidates", parse.GetValue(candidates), 1, 10_000);
            SettingRange.Check("--max-iterations", parse.GetValue(maxIterations), 1, 100_000);
            SettingRange.Check("--max-depth", parse.GetValue(maxDepth), 0, 64);
            SettingRange.Check("--folds", parse.GetValue(folds), 1, 100);
            var options = new TrainingJobOptions
            {
                Files = parse.GetValue(files) ?? [],
                // No file: the training mix (BTCUSDT and quiet books), every symbol followed unless --symbol says otherwise.
                Simulator = SimulateCommand.WithLatentValue(SimulatorOptions.Training with { Seed = (ulong)s, Duration = TimeSpan.FromMinutes(minutes) }, parse.GetValue(latentValue)),
                SampleIntervalNs = TrainCommandArgs.ParseNs(parse.GetValue(sample)!, allowZero: true),
                OutputPath = parse.GetValue(output)!,
                ModelName = parse.GetValue(name)!,
                Symbol = parse.GetValue(symbol) ?? ((parse.GetValue(files) ?? []).Length == 0 ? "all" : null),
                Market = DatasetOptions.MarketOf(parse.GetValue(market)),
                UntilNs = parse.GetValue(until) is { } end ? TrainCommandArgs.ParseTimeNs("--until", end) : 0,
                FeatureProfile = parse.GetValue(featuresFrom) is { } from ? ProfileFrom(from) : null,
                CrossSymbol = parse.GetValue(crossSymbol) is { } leader ? new Features.CrossSymbol.CrossSymbolOptions(leader) : null,
                Features = parse.GetValue(features) is { } list ? FeaturesOf(list, parse.GetValue(crossSymbol)) : null,
                FeatureProfileSource = parse.GetValue(featuresFrom) is { } src ? (src == "defaults" ? "defaults (--features-from defaults)" : $"reused from {Path.GetFileName(src)} (--features-from)") : null,
                Training = new TrainingOptions
                {
                    Horizon = TimeSpan.FromTicks(TrainCommandArgs.ParseNs(parse.GetValue(horizon)!) / 100),
                    Threshold = MoveThreshold.Parse(parse.GetValue(threshold)!),
                    SearchBudget = parse.GetValue(budget) == "none" ? TimeSpan.MaxValue : TimeSpan.FromTicks(TrainCommandArgs.ParseNs(parse.GetValue(budget)!, allowZero: true) / 100),
                    MaxCandidates = parse.GetValue(candidates),
                    MaxIterations = parse.GetValue(maxIterations),
                    MaxDepth = parse.GetValue(maxDepth),
                    Seed = s,
                    WalkForward = new WalkForwardOptions { Folds = parse.GetValue(folds) },
                    Form = FormOf(parse.GetValue(form)!),
                    MoveLogitOffset = OffsetOf(parse.GetValue(moveOffset)!),
                    Stacking = parse.GetValue(stacked),
                    MovePrior = ServingAdaptation(parse.GetValue(movePrior), parse.GetValue(gate), parse.GetValue(coldOffset), parse.GetValue(priorFades)),
                },
            };
            if (options.Features is not null && parse.GetValue(warmStart) is not null)
                throw new ArgumentException("--features with --warm-start: the base model's trees may already split on columns the list leaves out, so its outputs would still depend on them; train from scratch");
            if (options.Features is not null && parse.GetValue(family) is { } seqFamily && seqFamily != "trees")
                throw new ArgumentException($"--features trains tree models only (--family trees), not --family {seqFamily}");
            if (parse.GetValue(warmStart) is { } basePath)
            {
                TrainCommandWarmStart.RefuseWith(parse, horizon, threshold, featuresFrom, crossSymbol, form, movePrior, coldOffset, priorFades, gate, stacked, family, budget, candidates);
                return TrainCommandWarmStart.Run(basePath, options, Training.Models.GbmParameters.Default with { MaxIterations = parse.GetValue(maxIterations), MaxDepth = parse.GetValue(maxDepth) },
                    parse.GetValue(folds), OffsetOf(parse.GetValue(moveOffset)!), parse.GetValue(json), parse.GetValue(strict));
            }
            if (options.CrossSymbol is not null && (TrainCommandLstm.IsLstm(parse.GetValue(family)) || TrainCommandTransformer.IsTransformer(parse.GetValue(family))
                || parse.GetValue(family) is { } fam && fam.Contains(',', StringComparison.Ordinal)))
                throw new ArgumentException("--cross-symbol trains tree models only (--family trees) for now");
            if (parse.GetValue(family) is { } names && names.Contains(',', StringComparison.Ordinal))
            {
                if (!parse.GetValue(stacked)) throw new ArgumentException($"--family {names}: several families make members of one ensemble, which needs --stacked");
                var members = new List<(DeepLearning.Pipeline.SequenceTrainingOptions, DeepLearning.Pipeline.SequenceFamily)>();
                foreach (var name in names.Split(','))
                {
                    if (TrainCommandTransformer.IsTransformer(name))
                        members.Add(TrainCommandTransformer.Settings(parse, options.SampleIntervalNs, sequenceLength, epochs, candidates, cadence, modelWidth, heads, layers));
                    else
                    {
                        var lstmOptions = TrainCommandLstm.SequenceOptions(parse, sequenceLength, hidden, epochs, candidates);
                        members.Add((lstmOptions, new DeepLearning.Pipeline.LstmFamily(lstmOptions.Parameters)));
                    }
                }
                return TrainCommandSequenceStack.Run(options, members, parse.GetValue(json));
            }
            if (TrainCommandTransformer.IsTransformer(parse.GetValue(family)))
            {
                var (sequence, net) = TrainCommandTransformer.Settings(parse, options.SampleIntervalNs, sequenceLength, epochs, candidates, cadence, modelWidth, heads, layers);
                return parse.GetValue(stacked)
                    ? TrainCommandSequenceStack.Run(options, sequence, net, parse.GetValue(json))
                    : TrainCommandLstm.Run(options, sequence, net, parse.GetValue(json), parse.GetValue(strict));
            }
            if (TrainCommandLstm.IsLstm(parse.GetValue(family)))
            {
                var sequence = TrainCommandLstm.SequenceOptions(parse, sequenceLength, hidden, epochs, candidates);
                return parse.GetValue(stacked)
                    ? TrainCommandSequenceStack.Run(options, sequence, new DeepLearning.Pipeline.LstmFamily(sequence.Parameters), parse.GetValue(json))
                    : TrainCommandLstm.Run(options, sequence, parse.GetValue(json), parse.GetValue(strict));
            }
            return Run(options, parse.GetValue(json), parse.GetValue(strict));
        });
        return cmd;
    }

    private static Training.Models.DirectionForm FormOf(string text) => text switch
    {
        "two-stage" => Training.Models.DirectionForm.TwoStage,
        "one-vs-rest" => Training.Models.DirectionForm.OneVsRest,
        _ => throw new ArgumentException($"--form must be two-stage or one-vs-rest, not '{text}'"),
    };

    private static double? OffsetOf(string text) =>
        text == "auto" ? null
        : double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && Math.Abs(v) <= 10 ? v
        : throw new ArgumentException($"--move-offset must be 'auto' or a number in [-10, 10], not '{text}'");

    // Training takes minutes and --out defaults to the bundled model: never replace a model nobody asked to replace.
    private static void RefuseOverwrite(string output, bool force)
    {
        if (force) return;
        foreach (var path in new[] { output, Inference.Loading.ReturnModelPath.For(output) })
            if (File.Exists(path)) throw new IOException($"{path} exists: pass --force to overwrite it, or --out a new file");
    }

    // Read against the schema the training rows will have (the built-in columns, plus the cross-symbol block when asked
    // for), so an unknown name is refused before any replay.
    private static Training.Data.FeatureSelection FeaturesOf(string list, string? crossSymbolLeader) =>
        Training.Data.FeatureSelection.Parse(list, Features.Engine.FeatureEngine.SchemaFor(Features.Engine.FeatureEngine.DefaultSchema,
            crossSymbolLeader is null ? null : new Features.CrossSymbol.CrossSymbolOptions(crossSymbolLeader)));

    // A model's profile (or the defaults), so a retrained model computes the features of the one it replaces.
    private static FeatureProfile ProfileFrom(string source)
    {
        if (source == "defaults") return FeatureProfile.Default;
        if (!File.Exists(source)) throw new FileNotFoundException($"--features-from: model '{source}' not found");
        return EvaluationJob.ReadMetadata(source).FeatureProfile;
    }

    private static int Run(TrainingJobOptions options, bool json, bool strict = false)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        TrainingJobResult job;
        using (var watch = RunWatch.Start("train", options.Files)) // progress (fold k/n, candidate i/n) and Ctrl+C
        {
            var feedback = new TrainFeedback(watch);
            try
            {
                job = TrainingJob.Run(feedback.Apply(options), watch.Progress.Line);
            }
            catch (OperationCanceledException) when (watch.Stop.IsRequested)
            {
                watch.EndProgress();
                return feedback.Stopped(json);
            }
            watch.EndProgress();
        }
        var r = job.Training;
        var o = r.ToJson();
        o["models"] = new JsonArray([.. job.Paths.Select(p => (JsonNode)p)]);
        o["labelling"] = job.Labelling.DeepClone();
        o["source"] = JsonShapes.Source(options.Files, options.Simulator, job.Dataset.Description);
        o["elapsedSeconds"] = sw.Elapsed.TotalSeconds;
        o["featureProfile"] = job.FeatureProfileJson.DeepClone();
        if (options.CrossSymbol is { } cross) o["crossSymbol"] = JsonNode.Parse(cross.ToJson());
        if (DatasetOptions.EndTrainOutput(o, job.Dataset, strict, json, out int exit)) return exit;
        foreach (var f in r.Folds)
            Console.WriteLine($"fold {f.Index}: train {f.TrainSamples} test {f.TestSamples} purged {f.Purged} | {f.Global.Summary()} | regime acc={f.Regime.Accuracy:0.000} logloss={f.Regime.LogLoss:0.000}");
        Console.WriteLine($"out of sample ({(r.Stacked is not null ? "stacked regime ensemble, folds 1.." : r.RegimesKept ? "regime ensemble" : "global model")}): {r.OutOfSample.Summary()}");
        if (r.ReturnOutOfSample is { } ret)
            Console.WriteLine($"return regressor: rmse {ret.Rmse:0.###} bps (zero forecast {ret.ZeroForecastRmse:0.###}), corr {ret.Correlation:0.###}");
        Console.WriteLine($"parameters: {r.Parameters}; {r.Search.Count} candidates searched");
        Console.WriteLine($"feature profile: {job.FeatureProfile} ({job.FeatureProfileJson["source"]})");
        if (options.CrossSymbol is { } block) Console.WriteLine($"features: {block}");
        if (r.TrainedFeatures is { } trained) Console.WriteLine($"trained on {trained.Count} columns (--features): {string.Join(", ", trained)}");
        Console.WriteLine($"training: {r.Elapsed.TotalSeconds:0.0} s, peak working set {r.PeakWorkingSetBytes / (1024 * 1024)} MB");
        foreach (var p in job.Paths) Console.WriteLine($"wrote {p}");
        return exit;
    }

    /// <summary>The <c>hft.move_prior</c> settings of <c>--move-prior</c>, <c>--move-prior-cold-offset</c>,
    /// <c>--move-prior-fades</c> and <c>--gate</c>: null for neither; with <c>--gate</c> alone the correction is off (its
    /// largest offset 0) and only the gate serves.</summary>
    /// <exception cref="ArgumentException">A cold offset or fading without <c>--move-prior</c>, or out of the correction's range.</exception>
    internal static Inference.Calibration.MovePriorOptions? ServingAdaptation(bool movePrior, bool gate, double? coldOffset = null, bool fades = false)
    {
        if (coldOffset is not null && !movePrior) throw new ArgumentException("--move-prior-cold-offset needs --move-prior");
        if (fades && !movePrior) throw new ArgumentException("--move-prior-fades needs --move-prior");
        if (!movePrior && !gate) return null;
        var o = new Inference.Calibration.MovePriorOptions
        {
            MaxOffset = movePrior ? new Inference.Calibration.MovePriorOptions().MaxOffset : 0,
            ColdOffset = coldOffset ?? 0,
            PriorFades = fades,
            Gate = gate ? new Inference.Calibration.BaselineGateOptions() : null,
        };
        try { o.Validate(); }
        catch (ArgumentOutOfRangeException e) { throw new ArgumentException($"--move-prior-cold-offset: {e.Message}", e); }
        return o;
    }
}
