using System.Text.Json.Nodes;
using HftScalper.Features.Engine;
using HftScalper.Features.Regime;
using HftScalper.Training.Data;
using HftScalper.Training.Export;
using HftScalper.Training.Labels;

using HftScalper.Training.Models;

namespace HftScalper.Training.Pipeline;

/// <summary>
/// <c>hft train</c> end to end: replay -> dataset -> labels -> walk-forward search and validation -> final models
/// -> ONNX files with metadata. The feature schema and the <c>regime_label</c> column come from the replay.
/// </summary>
public static class TrainingJob
{
    /// <summary>Runs the job; progress lines go to <paramref name="log"/>.</summary>
    public static TrainingJobResult Run(TrainingJobOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        log ??= _ => { };
        if (options.Features is not null && options.Training.Stacking)
            throw new ArgumentException("--features with --stacked: the stacked ensemble's rule signal and regime blend read fixed columns; train without --stacked");
        var progress = options.Progress ?? (_ => { });
        // Pass 1 fits the regime parameters (unless a profile is given); pass 2 builds the dataset with them.
        var (profile, profileJson) = options.FeatureProfile is { } given
            ? (given, FeatureProfileFitter.Given(given, options.FeatureProfileSource ?? "given"))
            : Fitted(options, log);
        Step(progress, "dataset");
        var data = ReplayDataset.Build(options.Files, options.Simulator, options.SampleIntervalNs, options.Symbol, options.Market, log,
            profile.ApplyTo(FeatureEngineOptions.Default) with { CrossSymbol = options.CrossSymbol }, cancel: options.Cancellation, untilNs: options.UntilNs);
        var samples = data.Samples;
        if (options.CrossSymbol is { } cross) log($"features: {cross}");
        log($"dataset: {data.Description}, symbol {data.Symbol}: {data.Decisions} decisions, {samples.Rows} samples " +
            $"(unsynced {data.Unsynced}, non-finite rows {data.NonFiniteRows}, other symbols {data.OtherSymbolDecisions})");
        var horizons = options.Horizons.Contains(options.Training.Horizon) ? options.Horizons : [.. options.Horizons, options.Training.Horizon];
        if (samples.Rows < 200) throw new InvalidDataException($"only {samples.Rows} samples from {data.Description}: too little to train on");
        var labelled = data.Label(horizons, options.Training.Threshold);
        int regimeFeature = data.Schema.IndexOf("regime_label");
        if (options.Features is { } kept)
        {
            if (kept.SchemaHash != data.Schema.Hash) throw new InvalidOperationException("--features was read against another schema than the training rows'");
            // Training sees the masked rows; the drift reference below keeps the real ones (serving sees those).
            labelled = new LabeledDataset(kept.Apply(labelled.Samples), labelled.Horizons, labelled.Threshold);
            // regime_label held at 0 puts every row in one regime, whose model would be the global one: train none.
            if (!kept.Keeps(regimeFeature)) regimeFeature = -1;
            log($"features: trained on {kept.Names.Count} of {data.Schema.Count} columns: {string.Join(", ", kept.Names)}");
        }
        var blend = options.Training.Stacking ? RegimeBlend.For(data.Schema) : null;
        var result = new ModelTrainer(options.Training, log, progress, options.Cancellation).Train(labelled, regimeFeature,
            blend is null ? null : (blend, RuleSignal.For(data.Schema))) with { TrainedFeatures = options.Features?.Names };
        progress(new TrainingStep("export", 0, 1));
        var labelling = new JsonObject
        {
            ["threshold"] = options.Training.Threshold.ToString(),
            ["sampleIntervalMs"] = options.SampleIntervalNs / 1_000_000,
            ["horizonMs"] = (long)options.Training.Horizon.TotalMilliseconds,
            ["symbol"] = data.Symbol,
        };
        if (options.UntilNs > 0) labelling["untilNs"] = options.UntilNs;
        profileJson["description"] = profile.ToString();
        double sampleSeconds = options.SampleIntervalNs / 1e9, horizonSeconds = options.Training.Horizon.TotalSeconds;
        string arrangement = result.RegimesKept ? "regime-gated trees" : "one global model";
        string description = FormattableString.Invariant(
            $"{data.Description}; symbol {data.Symbol}; {samples.Rows} samples every {sampleSeconds} s of exchange time; ") +
            FormattableString.Invariant($"direction of the mid over {horizonSeconds} s, threshold {options.Training.Threshold}; ") +
            $"one-vs-rest LightGBM ({result.Parameters}), {arrangement}; seed {options.Training.Seed}; feature profile {profile.Identity}" +
            (options.Files.Count == 0 ? "; reproducible: `hft train` with no file replays this same simulator seed and gives the same trees" : "");
        var paths = ModelExport.Save(result, data.Schema, options.Training.Horizon, options.OutputPath, options.ModelName, description, labelling,
            profile, profileJson, options.CrossSymbol);
        // Reference distributions for drift monitoring: the training rows and the exported model's predictions on them.
        progress(new TrainingStep("reference", 0, 1));
        ReferenceStamp.Add(paths[0], data.Schema, samples, $"training rows: {data.Description}; symbol {data.Symbol}");
        return new TrainingJobResult(result, paths, data, labelling) { FeatureProfile = profile, FeatureProfileJson = profileJson };
    }

    // A replay pass starts: the input meter (when one watches) starts over, since the input is read again.
    private static void Step(Action<TrainingStep> progress, string stage)
    {
        Core.Feeds.InputProgress.Current?.NewPass();
        progress(new TrainingStep(stage, 0, 1));
    }

    private static (FeatureProfile, JsonObject) Fitted(TrainingJobOptions options, Action<string> log)
    {
        Step(options.Progress ?? (_ => { }), "profile");
        var (fit, json) = FeatureProfileFitter.Fit(options, log);
        return (fit.Profile, json);
    }
}
