using System.Text.Json.Nodes;
using HftScalper.DeepLearning.Sequences;
using HftScalper.Training.Evaluation;

namespace HftScalper.DeepLearning.Pipeline;

/// <summary>What <see cref="SequenceTrainingJob"/> produced: validation beside the baselines, the search, the files.</summary>
public sealed record SequenceTrainingResult(
    DirectionMetrics OutOfSample,
    IReadOnlyList<JsonObject> Folds,
    ISequenceParameters Parameters,
    IReadOnlyList<(ISequenceParameters Parameters, double LogLoss)> Search,
    int Samples,
    int LabelledSamples,
    int Windows,
    int SequenceLength,
    TimeSpan Elapsed,
    long PeakWorkingSetBytes,
    IReadOnlyList<double> ClassMeanMoveBps,
    IReadOnlyList<string> Paths)
{
    /// <summary>The family (<c>lstm</c>, <c>transformer</c>).</summary>
    public string Family { get; init; } = "lstm";

    /// <summary>One line describing the network.</summary>
    public string Arrangement { get; init; } = "";

    /// <summary>The chosen candidate's walk-forward predictions: per fold, the test rows with a complete window and their
    /// P(down, flat, up) from the network trained on that fold's window (what a stacked ensemble stacks on).</summary>
    public IReadOnlyList<(Training.Validation.Fold Fold, int[] Rows, float[] Probabilities)> OutOfFold { get; init; } = [];

    /// <summary>Sample rows between consecutive window rows.</summary>
    public int Stride { get; init; } = 1;

    /// <summary>The tree job's JSON keys (<c>outOfSample</c>, <c>folds</c>, <c>search</c>, ...) plus <c>family</c>,
    /// <c>sequenceLength</c>, <c>stride</c> and <c>windows</c>; <c>returnOutOfSample</c> is null (no return head yet).</summary>
    public JsonObject ToJson()
    {
        var search = new JsonArray();
        foreach (var (p, s) in Search) search.Add((JsonNode)new JsonObject { ["parameters"] = p.ToString(), ["walkForwardLogLoss"] = double.IsFinite(s) ? Math.Round(s, 5) : null });
        return new JsonObject
        {
            ["family"] = Family,
            ["outOfSample"] = OutOfSample.ToJson(),
            ["returnOutOfSample"] = null,
            ["arrangement"] = Arrangement,
            ["parameters"] = Parameters.ToString(),
            ["folds"] = new JsonArray([.. Folds.Select(f => (JsonNode)f.DeepClone())]),
            ["search"] = search,
            ["samples"] = Samples,
            ["labelledSamples"] = LabelledSamples,
            ["windows"] = Windows,
            ["sequenceLength"] = SequenceLength,
            ["stride"] = Stride,
            ["trainingSeconds"] = Math.Round(Elapsed.TotalSeconds, 1),
            ["peakWorkingSetMb"] = PeakWorkingSetBytes / (1024 * 1024),
            ["classMeanMoveBps"] = new JsonArray([.. ClassMeanMoveBps.Select(v => (JsonNode?)JsonValue.Create(Math.Round(v, 5)))]),
        };
    }
}
