using System.Text.Json.Nodes;
using HftScalper.Engine.Composition;

namespace HftScalper.Cli.Commands.Replay;

/// <summary>
/// <c>stageLatencyByCause</c> of <c>hft replay --json</c> (config <c>latencyBreakdown: true</c>): per stage, one entry per
/// cause, most tail samples first: <c>{"cause", "count", "p50", "p99", "max", "aboveStageP99"}</c> (ns; the last is how
/// many of the cause's decisions are slower than the stage's p99 over every cause).
/// </summary>
internal static class LatencyBreakdownJson
{
    /// <summary>The object, keyed by stage.</summary>
    public static JsonObject Of(IReadOnlyList<LatencyCauseFigures> causes)
    {
        var o = new JsonObject();
        foreach (var c in causes)
        {
            if (o[c.Stage] is not JsonArray stage) o[c.Stage] = stage = [];
            stage.Add(new JsonObject
            {
                ["cause"] = c.Cause, ["count"] = c.Count, ["p50"] = c.P50Ns, ["p99"] = c.P99Ns, ["max"] = c.MaxNs, ["aboveStageP99"] = c.AboveStageP99,
            });
        }
        return o;
    }
}
