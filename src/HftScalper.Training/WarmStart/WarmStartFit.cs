using System.Diagnostics;
using System.Text.Json.Nodes;
using HftScalper.Features.Schema;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Onnx;
using HftScalper.Training.Data;
using HftScalper.Training.Evaluation;
using HftScalper.Training.Labels;
using HftScalper.Training.Models;
using HftScalper.Training.Validation;

namespace HftScalper.Training.WarmStart;

/// <summary>
/// A warm start end to end on labelled rows: purged walk-forward folds (each fine-tunes the base on the fold's training
/// window and scores its test block, beside the base model on the same rows), then the final fine-tune on every labelled
/// row, written as one ONNX file (the base graph with the added trees, the base's schema, horizon, labelling and feature
/// profile). Used by <c>hft train --warm-start</c> and by the adaptation loop's warm-start transfer.
/// </summary>
public static class WarmStartFit
{
    /// <summary>What a fit gives: the final model, and out-of-sample metrics of it and of the base on the same rows (null without folds).</summary>
    public sealed record Result(WarmStartModel Model, DirectionMetrics? OutOfSample, DirectionMetrics? BaseOutOfSample, int Samples, long TrainFromNs, long TrainToNs, double Seconds)
    {
        /// <summary>The <c>warmStart</c> JSON object (also written into the model's metrics).</summary>
        public JsonObject ToJson() => new()
        {
            ["base"] = Path.GetFileName(Model.Base.Path),
            ["baseTrees"] = Model.Base.TreeCount,
            ["form"] = Model.Base.Form == DirectionForm.TwoStage ? "two-stage" : "one-vs-rest",
            ["baseMoveLogitOffset"] = Model.Base.MoveLogitOffset,
            ["moveLogitOffset"] = Model.MoveLogitOffset,
            ["samples"] = Samples,
            ["treesAdded"] = Model.Added.Count,
            ["heads"] = new JsonArray([.. Model.Heads.Select(h => (JsonNode)new JsonObject
            {
                ["head"] = h.Head, ["rows"] = h.Rows, ["validRows"] = h.ValidRows, ["trees"] = h.Trees,
                ["baseLogLoss"] = Finite(h.BaseLogLoss), ["logLoss"] = Finite(h.LogLoss),
            })]),
            ["outOfSample"] = OutOfSample?.ToJson(),
            ["baseOutOfSample"] = BaseOutOfSample?.ToJson(),
            ["trainingSeconds"] = Seconds,
        };

        private static JsonNode? Finite(double v) => double.IsFinite(v) ? v : null;
    }

    /// <summary>Checks that rows of <paramref name="schema"/> are what <paramref name="baseModel"/> reads (hash, names and width); throws <see cref="InvalidDataException"/> saying what differs.</summary>
    public static void CheckSchema(BaseEnsemble baseModel, FeatureSchema schema)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        ArgumentNullException.ThrowIfNull(schema);
        var names = schema.Features.Select(f => f.Name).ToList();
        var md = baseModel.Metadata;
        string file = Path.GetFileName(baseModel.Path);
        if (md.FeatureNames.Count != names.Count || !md.FeatureNames.SequenceEqual(names))
        {
            int i = 0;
            while (i < Math.Min(names.Count, md.FeatureNames.Count) && names[i] == md.FeatureNames[i]) i++;
            string where = i < Math.Min(names.Count, md.FeatureNames.Count) ? $"column {i} is '{md.FeatureNames[i]}' in the model, '{names[i]}' in the data"
                : $"the model has {md.FeatureNames.Count} columns, the data {names.Count}";
            throw new InvalidDataException($"--warm-start: {file} was trained on another feature list than this data's ({where}): fine-tuning needs the same columns");
        }
        if (md.SchemaHash != schema.Hash)
            throw new InvalidDataException($"--warm-start: {file} declares feature schema {md.SchemaHash}, this data has {schema.Hash} (same names, other definitions): fine-tuning needs the same schema");
    }

    /// <summary>The horizon and labelling threshold of the base (its contract), which a warm start keeps.</summary>
    public static (TimeSpan Horizon, MoveThreshold Threshold) Labelling(BaseEnsemble baseModel)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        var contract = ModelContract.Resolve(baseModel.Metadata, null, ModelRole.Direction, out var refusal)
            ?? throw new InvalidDataException($"--warm-start: {Path.GetFileName(baseModel.Path)}: {refusal}");
        if (contract.Horizon <= TimeSpan.Zero) throw new InvalidDataException($"--warm-start: {Path.GetFileName(baseModel.Path)} states no horizon");
        return (contract.Horizon, contract.Threshold ?? new MoveThreshold(0, false));
    }

    /// <summary>Folds then the final fine-tune on <paramref name="data"/> labelled at <paramref name="horizon"/>.</summary>
    /// <remarks>Two-stage: <paramref name="moveOffset"/> null (<c>auto</c>, as <c>hft train</c>) re-chooses the move logit's
    /// offset on the folds' calibrated predictions (<see cref="Pipeline.MoveOffsetChooser"/>: the base's offset was chosen on
    /// its own data, whose share of moves may not be this data's); a number fixes it. The base's offset is kept when there is no fold.</remarks>
    public static Result Run(BaseEnsemble baseModel, LabeledDataset data, TimeSpan horizon, GbmParameters p, int folds, int seed,
        Action<string>? log = null, CancellationToken cancel = default, double? moveOffset = null)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        ArgumentNullException.ThrowIfNull(data);
        log ??= _ => { };
        long t0 = Stopwatch.GetTimestamp();
        var labels = data.At(horizon);
        var samples = data.Samples;
        int[] labelled = [.. Enumerable.Range(0, samples.Rows).Where(r => labels.Classes[r] >= 0)];
        if (labelled.Length == 0) throw new InvalidDataException("no labelled sample to fine-tune on");
        DirectionMetrics? warm = null, plain = null;
        double? offset = baseModel.Form == DirectionForm.TwoStage ? moveOffset : null;
        if (folds > 0)
        {
            var split = WalkForwardSplitter.Split(samples.TimesNs, labels, new WalkForwardOptions { Folds = folds });
            var rows = new List<int>();
            var warmProbs = new List<float>();
            var baseProbs = new List<float>();
            int majority = -1;
            foreach (var f in split)
            {
                cancel.ThrowIfCancellationRequested();
                if (f.Train.Length == 0 || f.Test.Length == 0) continue;
                if (majority < 0) majority = DirectionMetrics.MajorityOf(labels.Classes, f.Train);
                var m = WarmStartTrainer.Train(baseModel, samples, labels, f.Train, p, seed);
                warmProbs.AddRange(m.Predict(samples, f.Test, -m.MoveLogitOffset)); // calibrated: the offset is chosen below
                baseProbs.AddRange(new WarmStartModel(baseModel, [], []).Predict(samples, f.Test));
                rows.AddRange(f.Test);
                log($"warm start fold {f.Index}: {f.Train.Length} training samples, {m.Added.Count} trees added, {f.Test.Length} test samples");
            }
            if (rows.Count > 0)
            {
                int[] test = [.. rows];
                float[] calibrated = [.. warmProbs];
                if (baseModel.Form == DirectionForm.TwoStage)
                    offset = moveOffset ?? Pipeline.MoveOffsetChooser.Choose(calibrated, labels, test, majority).Offset;
                warm = Pipeline.ModelTrainer.Metrics(offset is { } x ? TwoStage.Shift(calibrated, x) : calibrated, labels, test, majority);
                plain = Pipeline.ModelTrainer.Metrics([.. baseProbs], labels, test, majority);
            }
        }
        cancel.ThrowIfCancellationRequested();
        var final = WarmStartTrainer.Train(baseModel, samples, labels, labelled, p, seed);
        if (offset is { } chosen) final = final.WithMoveOffset(chosen);
        log($"warm start: move offset {final.MoveLogitOffset} (base {baseModel.MoveLogitOffset}); {final.Added.Count} trees added to {baseModel.TreeCount} ({string.Join(", ", final.Heads.Select(h => $"{h.Head} {h.Trees}"))})");
        return new Result(final, warm, plain, labelled.Length, samples.TimesNs[labelled[0]], samples.TimesNs[labelled[^1]], Stopwatch.GetElapsedTime(t0).TotalSeconds);
    }

    /// <summary>
    /// Writes the fine-tuned model to <paramref name="path"/>: the base graph with the added trees, and the base's metadata
    /// (schema, horizon, feature profile, cross-symbol block, class mean moves) with a new name, training window, data
    /// description and metrics (<paramref name="labelling"/>, the base's <c>form</c> and <c>moveLogitOffset</c>, and
    /// <c>warmStart</c>). The base's drift reference is dropped (it sketched the base's rows); <paramref name="keepMovePrior"/>
    /// keeps its serving-time move prior and gate settings.
    /// </summary>
    public static void Save(Result result, string path, string name, string description, JsonObject labelling, bool keepMovePrior)
    {
        ArgumentNullException.ThrowIfNull(result);
        var b = result.Model.Base;
        var proto = b.Compose(result.Model.Added);
        for (int i = proto.MetadataProps.Count - 1; i >= 0; i--)
            if (proto.MetadataProps[i].Key.StartsWith("hft.", StringComparison.Ordinal)) proto.MetadataProps.RemoveAt(i);
        var metrics = new JsonObject
        {
            ["form"] = b.Form == DirectionForm.TwoStage ? "two-stage" : "one-vs-rest",
            ["moveLogitOffset"] = result.Model.MoveLogitOffset,
            ["labelling"] = labelling.DeepClone(),
            ["outOfSample"] = result.OutOfSample?.ToJson(),
            ["warmStart"] = result.ToJson(),
        };
        var md = b.Metadata with
        {
            Name = name,
            Version = DateTime.UtcNow.ToString("yyyy.MM.dd-HHmm", System.Globalization.CultureInfo.InvariantCulture),
            TrainFrom = DateTimeOffset.FromUnixTimeMilliseconds(result.TrainFromNs / 1_000_000),
            TrainTo = DateTimeOffset.FromUnixTimeMilliseconds(result.TrainToNs / 1_000_000),
            ValidationMetricsJson = metrics.ToJsonString(),
            CreatedUtc = DateTimeOffset.UtcNow,
            DataDescription = description,
            Reference = null,
            MovePrior = keepMovePrior ? b.Metadata.MovePrior : null,
        };
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        OnnxModelFile.Save(proto, md, full);
    }
}
