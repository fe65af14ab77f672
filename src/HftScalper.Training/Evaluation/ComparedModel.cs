using System.Text.Json.Nodes;

namespace HftScalper.Training.Evaluation;

/// <summary>One model's figures in <c>hft evaluate --compare</c>: direction metrics on the shared samples and latency per call.</summary>
/// <param name="Path">The model file.</param>
/// <param name="Name">Its name in the metadata.</param>
/// <param name="OwnHorizon">The horizon it was trained for (the comparison labels all models at one horizon).</param>
/// <param name="FeatureProfile">Identity of the feature profile its rows were computed with.</param>
/// <param name="Metrics">Metrics on the shared labelled samples.</param>
/// <param name="Latency">One-row ONNX Runtime calls, timed.</param>
public sealed record ComparedModel(string Path, string Name, TimeSpan OwnHorizon, string FeatureProfile, DirectionMetrics Metrics, CallLatency Latency)
{
    /// <summary>How its P(up) - P(down) orders the moved samples (<see cref="DirectionRanking"/>); null where not measured.</summary>
    public DirectionRanking? Ranking { get; init; }

    /// <summary>The metrics JSON plus <c>path</c>, <c>name</c>, <c>ownHorizonSeconds</c>, <c>featureProfile</c>, <c>latencyUs</c> and <c>ranking</c> when measured.</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject
        {
            ["path"] = Path,
            ["name"] = Name,
            ["ownHorizonSeconds"] = OwnHorizon.TotalSeconds,
            ["featureProfile"] = FeatureProfile,
        };
        foreach (var kv in Metrics.ToJson()) o[kv.Key] = kv.Value?.DeepClone();
        o["latencyUs"] = Latency.ToJson();
        if (Ranking is not null) o["ranking"] = Ranking.ToJson();
        return o;
    }
}
