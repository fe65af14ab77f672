using System.Diagnostics;
using System.Text.Json.Nodes;
using HftScalper.DeepLearning.Lstm;
using HftScalper.DeepLearning.Sequences;
using HftScalper.Features.Engine;
using HftScalper.Features.Regime;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Training.Data;
using HftScalper.Training.Evaluation;
using HftScalper.Training.Labels;
using HftScalper.Training.Pipeline;
using HftScalper.Training.Validation;

namespace HftScalper.DeepLearning.Pipeline;

/// <summary>
/// <c>hft train --family lstm|transformer</c>: the tree job's dataset (replay through the same feature engine and
/// profile, the same sampling, labels and purged walk-forward folds), a window network (<see cref="SequenceFamily"/>)
/// over T sample rows taken every <see cref="SequenceTrainingOptions.Stride"/> rows back, fitted per fold with early
/// stopping on the purged end of the training window, a seeded search scored by walk-forward log-loss, the final
/// network fitted on every labelled window, and the window model written as ONNX with the tree models' metadata
/// (input kind sequence, sequence length T, and the <see cref="SequenceWindow"/> serving cuts windows by).
/// </summary>
public static class SequenceTrainingJob
{
    /// <summary>Runs the LSTM job (<see cref="LstmFamily"/> from <see cref="SequenceTrainingOptions.Parameters"/>).</summary>
    public static (SequenceTrainingResult Result, ReplayDataset Dataset, JsonObject Labelling, JsonObject Profile) Run(
        TrainingJobOptions options, SequenceTrainingOptions sequence, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        return Run(options, sequence, new LstmFamily(sequence.Parameters), log);
    }

    /// <summary>Runs the job for <paramref name="family"/>; progress lines go to <paramref name="log"/>. Returns the result and the dataset.</summary>
    public static (SequenceTrainingResult Result, ReplayDataset Dataset, JsonObject Labelling, JsonObject Profile) Run(
        TrainingJobOptions options, SequenceTrainingOptions sequence, SequenceFamily family, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sequence);
        log ??= _ => { };
        long start = Stopwatch.GetTimestamp();
        var (profile, profileJson) = options.FeatureProfile is { } given
            ? (given, FeatureProfileFitter.Given(given, options.FeatureProfileSource ?? "given"))
            : Fitted(options, log);
        var data = ReplayDataset.Build(options.Files, options.Simulator, options.SampleIntervalNs, options.Symbol, options.Market, log,
            profile.ApplyTo(FeatureEngineOptions.Default), untilNs: options.UntilNs);
        var samples = data.Samples;
        if (samples.Rows < 200) throw new InvalidDataException($"only {samples.Rows} samples from {data.Description}: too little to train on");
        var t = options.Training;
        var labels = data.Label([t.Horizon], t.Threshold).At(t.Horizon);
        var times = samples.TimesNs;
        var folds = WalkForwardSplitter.Split(times, labels, t.WalkForward);
        var labelled = Enumerable.Range(0, labels.Classes.Length).Where(i => labels.Classes[i] >= 0).ToArray();
        var isEnd = new bool[samples.Rows];
        foreach (int e in SequenceWindows.Ends(times, labelled, sequence.SequenceLength, sequence.MaxGapNs, sequence.Stride)) isEnd[e] = true;
        int windows = isEnd.Count(x => x);
        string name = family.Name;
        log($"{name}: {samples.Rows} samples, {labelled.Length} labelled, {windows} complete windows of {sequence.SequenceLength} rows every {sequence.Stride} sample rows");

        var candidates = family.Candidates(sequence.Candidates, t.Seed);
        var search = new List<(ISequenceParameters, double)>();
        (ISequenceParameters P, double Loss, List<(Fold Fold, int[] Test, float[] Probs)> Folds)? best = null;
        foreach (var p in candidates)
        {
            var perFold = new List<(Fold, int[], float[])>();
            foreach (var f in folds)
            {
                var test = f.Test.Where(r => isEnd[r]).ToArray();
                var probs = FitAndPredict(samples, labels, f.Train, test, isEnd, sequence, family, p, t, log);
                perFold.Add((f, test, probs));
            }
            double loss = perFold.Where(x => x.Item2.Length > 0).Select(x => Metrics(x.Item3, labels, x.Item2, -1).LogLoss).DefaultIfEmpty(double.NaN).Average();
            log(FormattableString.Invariant($"{name} search {p}: walk-forward log-loss {loss:0.0000}"));
            search.Add((p, loss));
            if (best is null || loss < best.Value.Loss) best = (p, loss, perFold);
        }

        var reports = new List<JsonObject>();
        var pooledRows = new List<int>();
        var pooledProbs = new List<float>();
        foreach (var (f, test, probs) in best!.Value.Folds)
        {
            int majority = DirectionMetrics.MajorityOf(labels.Classes, f.Train);
            var m = Metrics(probs, labels, test, majority);
            reports.Add(new JsonObject
            {
                ["fold"] = f.Index, ["trainSamples"] = f.Train.Count(r => isEnd[r]), ["testSamples"] = test.Length,
                ["purged"] = f.Purged, ["embargoed"] = f.Embargoed, ["global"] = m.ToJson(), ["regime"] = null, ["return"] = null,
            });
            log($"{name} fold {f.Index}: train {f.Train.Count(r => isEnd[r])} test {test.Length} | {m.Summary()}");
            pooledRows.AddRange(test);
            pooledProbs.AddRange(probs);
        }
        var outOfSample = Metrics([.. pooledProbs], labels, [.. pooledRows], DirectionMetrics.MajorityOf(labels.Classes, folds[0].Train));

        // Final network on every labelled window; the scaler on every labelled row.
        var allEnds = labelled.Where(r => isEnd[r]).ToArray();
        var scaler = FeatureScaler.Fit(samples, labelled);
        var trainer = new WindowTrainer(scaler.Transform(samples), samples.Width, sequence.SequenceLength, sequence.Stride, labels.Classes);
        var (fit, valid) = EarlyStoppingSplit.Split(allEnds, times, labels.EndTimesNs, t.EarlyStoppingFraction);
        var final = trainer.Train(() => family.Create(samples.Width, sequence.SequenceLength, best.Value.P), fit, valid, best.Value.P, t.Seed, log);
        var means = ModelTrainer.ClassMeans(labels, labelled);
        using var self = Process.GetCurrentProcess();
        var elapsed = Stopwatch.GetElapsedTime(start);
        var labelling = new JsonObject
        {
            ["threshold"] = t.Threshold.ToString(),
            ["sampleIntervalMs"] = options.SampleIntervalNs / 1_000_000,
            ["horizonMs"] = (long)t.Horizon.TotalMilliseconds,
            ["symbol"] = data.Symbol,
            ["sequenceLength"] = sequence.SequenceLength,
            ["maxGapMs"] = sequence.MaxGapNs / 1_000_000,
            ["stride"] = sequence.Stride,
        };
        if (options.UntilNs > 0) labelling["untilNs"] = options.UntilNs;
        var window = new SequenceWindow(options.SampleIntervalNs, sequence.Stride, sequence.MaxGapNs);
        profileJson["description"] = profile.ToString();
        var provisional = new SequenceTrainingResult(outOfSample, reports, best.Value.P, search, samples.Rows, labelled.Length, windows,
            sequence.SequenceLength, elapsed, self.PeakWorkingSet64, means, [])
        { Family = name, Arrangement = family.Arrangement(sequence.SequenceLength, sequence.Stride), Stride = sequence.Stride, OutOfFold = best.Value.Folds };
        var metrics = provisional.ToJson();
        metrics["labelling"] = labelling.DeepClone();
        metrics["featureProfile"] = profileJson.DeepClone();
        string description = FormattableString.Invariant(
            $"{data.Description}; symbol {data.Symbol}; {samples.Rows} samples every {options.SampleIntervalNs / 1e9} s of exchange time; ") +
            FormattableString.Invariant($"direction of the mid over {t.Horizon.TotalSeconds} s, threshold {t.Threshold}; ") +
            $"{name} over {sequence.SequenceLength} sample rows every {sequence.Stride} ({best.Value.P}, best epoch {final.BestEpoch} of {final.Epochs}); seed {t.Seed}; " +
            $"feature profile {profile.Identity}";
        var path = Path.GetFullPath(options.OutputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var metadata = new ModelMetadata(options.ModelName, DateTime.UtcNow.ToString("yyyy.MM.dd-HHmm", System.Globalization.CultureInfo.InvariantCulture),
            data.Schema.Hash, [.. data.Schema.Features.Select(f => f.Name)], ModelInputKind.Sequence, sequence.SequenceLength,
            ModelOutputKind.Classification, DirectionClass.Names, OnnxGraph.ScoresName, t.Horizon,
            DateTimeOffset.FromUnixTimeMilliseconds(times[labelled[0]] / 1_000_000), DateTimeOffset.FromUnixTimeMilliseconds(times[labelled[^1]] / 1_000_000),
            metrics.ToJsonString(), DateTimeOffset.UtcNow, description)
        {
            FeatureProfile = profile, ClassMeanMoveBps = means, SequenceWindow = window,
            // Drift reference: the labelled rows, and the walk-forward (out-of-sample) predictions of the chosen settings.
            Reference = ModelReference.Build(samples.Select(labelled).Values, samples.Width, [.. pooledProbs], DirectionClass.Names,
                $"training rows: {data.Description}; symbol {data.Symbol}; predictions out of sample (walk-forward)"),
        };
        OnnxModelFile.Save(family.Export(final.Network, scaler, sequence.SequenceLength), metadata, path);
        final.Network.Dispose();
        return (provisional with { Elapsed = Stopwatch.GetElapsedTime(start), Paths = [path] }, data, labelling, profileJson);
    }

    /// <summary>The LSTM candidates: the given parameters first, then seeded draws of hidden size and learning rate.</summary>
    public static IReadOnlyList<LstmParameters> Candidates(SequenceTrainingOptions sequence, int seed)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        return [.. new LstmFamily(sequence.Parameters).Candidates(sequence.Candidates, seed).Cast<LstmParameters>()];
    }

    private static float[] FitAndPredict(FeatureMatrix samples, HorizonLabels labels, int[] train, int[] test, bool[] isEnd,
        SequenceTrainingOptions sequence, SequenceFamily family, ISequenceParameters p, TrainingOptions t, Action<string> log)
    {
        if (test.Length == 0) return [];
        var scaler = FeatureScaler.Fit(samples, train);
        var trainer = new WindowTrainer(scaler.Transform(samples), samples.Width, sequence.SequenceLength, sequence.Stride, labels.Classes);
        var ends = train.Where(r => isEnd[r]).ToArray();
        if (ends.Length == 0) throw new InvalidDataException("a walk-forward training window holds no complete sequence: use a shorter --sequence-length or more data");
        var (fit, valid) = EarlyStoppingSplit.Split(ends, samples.TimesNs, labels.EndTimesNs, t.EarlyStoppingFraction);
        var result = trainer.Train(() => family.Create(samples.Width, sequence.SequenceLength, p), fit, valid, p, t.Seed, log);
        using var net = result.Network;
        return trainer.Predict(net, test);
    }

    private static DirectionMetrics Metrics(float[] probs, HorizonLabels labels, int[] rows, int majority) =>
        ModelTrainer.Metrics(probs, labels, rows, majority);

    private static (FeatureProfile, JsonObject) Fitted(TrainingJobOptions options, Action<string> log)
    {
        var (fit, json) = FeatureProfileFitter.Fit(options, log);
        return (fit.Profile, json);
    }
}
