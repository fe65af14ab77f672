using System.Text.Json.Nodes;
using HftScalper.Training.Evaluation;
using HftScalper.Training.Models;

namespace HftScalper.Training.Pipeline;

/// <summary>What <see cref="ModelTrainer"/> produced: the final models, how they validated, and what it cost.</summary>
public sealed record TrainingResult(
    RegimeSet<DirectionModel> Direction,
    RegimeSet<ReturnModel>? Return,
    bool RegimesKept,
    GbmParameters Parameters,
    IReadOnlyList<(GbmParameters Parameters, double Score)> Search,
    IReadOnlyList<FoldReport> Folds,
    DirectionMetrics OutOfSample,
    ReturnMetrics? ReturnOutOfSample,
    int Samples,
    int LabelledSamples,
    long TrainFromNs,
    long TrainToNs,
    TimeSpan Elapsed,
    long PeakWorkingSetBytes)
{
    /// <summary>
    /// Mean forward mid move in bps of the mid given the true class (down, flat, up), over the labelled training
    /// samples at the trained horizon; null when not computed. Stored in the classifier's metadata
    /// (<c>hft.class_mean_move_bps</c>) so serving can turn P(down, flat, up) into an expected move.
    /// </summary>
    public IReadOnlyList<double>? ClassMeanMoveBps { get; init; }

    /// <summary>Two-stage models: the pooled out-of-sample metrics before the move-logit offset (null otherwise).</summary>
    public DirectionMetrics? OutOfSampleBeforeOffset { get; init; }

    /// <summary>The stacked regime ensemble when it was kept (it then serves instead of <see cref="Direction"/>).</summary>
    public StackedEnsemble? Stacked { get; init; }

    /// <summary>With <see cref="TrainingOptions.StackCandidate"/>: the final stacked ensemble (members fitted on every
    /// labelled row, meta-learner on every out-of-fold row, no move offset) whether or not it was kept.</summary>
    public StackedEnsemble? StackCandidate { get; init; }

    /// <summary>With <see cref="TrainingOptions.StackCandidate"/>: each walk-forward fold with the meta inputs of its
    /// test rows (<see cref="StackedEnsemble.MetaInputs"/> per row, from members trained on the fold's training window).</summary>
    public IReadOnlyList<(Validation.Fold Fold, float[] MetaInputs)>? StackFolds { get; init; }

    /// <summary>How the stacked ensemble scored beside the global model, when it was trained.</summary>
    public JsonObject? StackingReport { get; init; }

    /// <summary>Two-stage: the offset added to the move logit (of the heads, or of the stacked meta-learner).</summary>
    public double MoveLogitOffset { get; init; }

    /// <summary>The move-prior correction the model asks to be served with (null = none).</summary>
    public HftScalper.Inference.Calibration.MovePriorOptions? MovePrior { get; init; }

    /// <summary>The columns the model could split on (<c>hft train --features</c>, metadata <c>hft.features.trained</c>);
    /// null = every column.</summary>
    public IReadOnlyList<string>? TrainedFeatures { get; init; }

    /// <summary>The validation summary stored in the model metadata and printed by <c>hft train --json</c>.</summary>
    public JsonObject ToJson()
    {
        var folds = new JsonArray();
        foreach (var f in Folds) folds.Add((JsonNode)f.ToJson());
        var search = new JsonArray();
        foreach (var (p, s) in Search) search.Add((JsonNode)new JsonObject { ["parameters"] = p.ToString(), ["walkForwardLogLoss"] = double.IsFinite(s) ? Math.Round(s, 5) : null });
        var o = new JsonObject
        {
            ["outOfSample"] = OutOfSample.ToJson(),
            ["returnOutOfSample"] = ReturnOutOfSample?.ToJson(),
            ["arrangement"] = Stacked is { } st ? st.Describe()
                : RegimesKept ? "regime ensemble: " + Direction.Describe() : "global model (regime models did not beat it out of sample)",
            ["stacking"] = StackingReport?.DeepClone(),
            ["parameters"] = Parameters.ToString(),
            ["folds"] = folds,
            ["search"] = search,
            ["samples"] = Samples,
            ["labelledSamples"] = LabelledSamples,
            ["trainingSeconds"] = Math.Round(Elapsed.TotalSeconds, 1),
            ["peakWorkingSetMb"] = PeakWorkingSetBytes / (1024 * 1024),
            ["form"] = Direction.Global.Form == DirectionForm.TwoStage ? "two-stage: P(move), P(up | move)" : "one-vs-rest",
            ["moveLogitOffset"] = Direction.Global.Form == DirectionForm.TwoStage ? Math.Round(MoveLogitOffset, 4) : null,
            ["outOfSampleBeforeOffset"] = OutOfSampleBeforeOffset?.ToJson(),
            ["classMeanMoveBps"] = ClassMeanMoveBps is { } m ? new JsonArray([.. m.Select(v => (JsonNode?)JsonValue.Create(Math.Round(v, 5)))]) : null,
        };
        if (TrainedFeatures is { } trained) o["trainedFeatures"] = new JsonArray([.. trained.Select(n => (JsonNode?)n)]);
        return o;
    }
}
