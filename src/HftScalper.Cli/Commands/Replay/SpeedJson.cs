using System.Text.Json.Nodes;
using HftScalper.Engine.Composition;

namespace HftScalper.Cli.Commands.Replay;

/// <summary>
/// The speed keys of <c>hft replay --json</c> beyond the summary's: <c>warmup</c> {events, seconds, jitMs} (the first
/// <c>warmupEvents</c>, excluded from the latency and GC figures), <c>steadyStateEventsPerSecond</c> (events/s after it),
/// <c>jitMsInWindow</c> (JIT time after it, all threads), <c>threadCpu</c> (per pipeline thread after it: <c>name</c>,
/// <c>cpuSeconds</c>, <c>busy</c> = CPU / steady wall time, <c>runQueueSeconds</c> runnable but waiting for a core,
/// <c>timeslices</c> times scheduled; Linux; and for a stage thread <c>ringBatches</c>, the ring batches its stage handled
/// over the whole run: events / ringBatches is its mean batch, see config <c>stageBatch</c>) and, with config <c>latencyBreakdown: true</c>,
/// <c>stageLatencyByCause</c>: per stage, one entry per cause, most tail samples first,
/// <c>{"cause", "count", "p50", "p99", "max", "aboveStageP99"}</c> (ns; the last is how many of the cause's decisions are
/// slower than the stage's p99 over every cause).
/// </summary>
internal static class SpeedJson
{
    /// <summary>Adds the keys of <paramref name="result"/> to <paramref name="o"/>.</summary>
    public static void Add(JsonObject o, PipelineResult result)
    {
        if (result.Warmup is { } w)
        {
            o["warmup"] = new JsonObject { ["events"] = w.Events, ["seconds"] = Math.Round(w.Seconds, 4), ["jitMs"] = Math.Round(w.JitMs, 1) };
            o["steadyStateEventsPerSecond"] = w.SteadySeconds > 0 ? Math.Round(result.SteadyEvents / w.SteadySeconds) : 0;
            o["jitMsInWindow"] = Math.Round(w.SteadyJitMs, 2);
            if (result.ThreadTimes.Count > 0) o["threadCpu"] = Threads(result.ThreadTimes, w.SteadySeconds);
        }
        if (result.LatencyCauses is { } causes) o["stageLatencyByCause"] = ByCause(causes);
    }

    private static JsonArray Threads(IReadOnlyList<ThreadTimeFigures> threads, double steadySeconds)
    {
        var a = new JsonArray();
        foreach (var t in threads)
        {
            var o = new JsonObject
            {
                ["name"] = t.Name, ["cpuSeconds"] = Math.Round(t.CpuSeconds, 4),
                ["busy"] = steadySeconds > 0 ? Math.Round(t.CpuSeconds / steadySeconds, 3) : 0,
                ["runQueueSeconds"] = Math.Round(t.RunQueueSeconds, 4), ["timeslices"] = t.Timeslices,
            };
            if (t.RingBatches is { } batches) o["ringBatches"] = batches;
            a.Add((JsonNode)o);
        }
        return a;
    }

    private static JsonObject ByCause(IReadOnlyList<LatencyCauseFigures> causes)
    {
        var o = new JsonObject();
        foreach (var c in causes)
        {
            if (o[c.Stage] is not JsonArray stage) o[c.Stage] = stage = [];
            stage.Add((JsonNode)new JsonObject
            {
                ["cause"] = c.Cause, ["count"] = c.Count, ["p50"] = c.P50Ns, ["p99"] = c.P99Ns, ["max"] = c.MaxNs, ["aboveStageP99"] = c.AboveStageP99,
            });
        }
        return o;
    }
}
