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

    /// <summary>The validation summary stored in the model metadata and printed by <c>hft train --json</c>.</summary>
    public JsonObject ToJson()
    {
        var folds = new JsonArray();
        foreach (var f in Folds) folds.Add(f.ToJson());
        var search = new JsonArray();
        foreach (var (p, s) in Search) search.Add(new JsonObject { ["parameters"] = p.ToString(), ["walkForwardLogLoss"] = double.IsFinite(s) ? Math.Round(s, 5) : null });
        return new JsonObject
        {
            ["outOfSample"] = OutOfSample.ToJson(),
            ["returnOutOfSample"] = ReturnOutOfSample?.ToJson(),
            ["arrangement"] = RegimesKept ? "regime ensemble: " + Direction.Describe() : "global model (regime models did not beat it out of sample)",
            ["parameters"] = Parameters.ToString(),
            ["folds"] = folds,
            ["search"] = search,
            ["samples"] = Samples,
            ["labelledSamples"] = LabelledSamples,
            ["trainingSeconds"] = Math.Round(Elapsed.TotalSeconds, 1),
            ["peakWorkingSetMb"] = PeakWorkingSetBytes / (1024 * 1024),
            ["classMeanMoveBps"] = ClassMeanMoveBps is { } m ? new JsonArray([.. m.Select(v => (JsonNode?)JsonValue.Create(Math.Round(v, 5)))]) : null,
        };
    }
}
