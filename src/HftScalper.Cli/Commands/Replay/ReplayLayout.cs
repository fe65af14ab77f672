using System.Text.Json.Nodes;
using HftScalper.Engine.Composition;

namespace HftScalper.Cli.Commands.Replay;

/// <summary>
/// The threads of a threaded replay where <c>--config</c> does not choose them: a rule per source, fixed before it was
/// measured (bench/README, session 19), reported in <c>--json</c> as <c>layout</c>.
/// <code>
///  recordings, journals, CSVs (the producer only reads and parses):  [producer + features] ==> [inference + strategy]
///  the simulator (the producer also generates its frames, ~40 %):    [producer] ==> [features] -> [inference + strategy]
///  any unpaced replay: the producer wakes a sleeping stage thread per 256 events waiting, not per message
/// </code>
/// A configuration that sets <c>featuresOnProducer</c> or <c>stageThreads</c> keeps its layout, and one that sets
/// <c>wakeBatch</c> keeps its value; a paced replay (<c>--speed</c>) wakes per message (its reads wait for the clock).
/// </summary>
internal static class ReplayLayout
{
    /// <summary>Events waiting before an unpaced replay's producer wakes a sleeping stage: a wake-up costs both threads
    /// ~10-20 us, 256 events ~0.1-0.3 ms of work, so the wake-ups cost a few per cent at most; chosen before measuring.</summary>
    public const int WakeBatch = 256;

    /// <summary>Applies <paramref name="topology"/> (the command line's, when given) and the rule above to
    /// <paramref name="options"/> (already carrying <paramref name="config"/>); <paramref name="rule"/> says what chose
    /// the layout: <c>config</c>, <c>recording</c> or <c>simulator</c>.</summary>
    public static PipelineOptions Choose(PipelineOptions options, string? topology, RunConfig? config, bool files, bool paced, out string rule)
    {
        if (topology is not null) options = options with { Topology = PipelineOptions.ParseTopology("--topology", topology) };
        bool configured = config?.FeaturesOnProducer is not null || config?.StageThreads is not null;
        rule = configured ? "config" : files ? "recording" : "simulator";
        if (!configured && files) options = options with { FeaturesOnProducer = true, StageThreads = 1 };
        if (config?.WakeBatch is null) options = options with { WakeBatch = paced ? 0 : WakeBatch };
        return options;
    }

    /// <summary>Writes <c>topology</c> and <c>layout</c> {threads, featuresOnProducer, stageThreads, wakeBatch, chosenBy}.</summary>
    public static void AddJson(JsonObject o, PipelineOptions options, string rule)
    {
        o["topology"] = options.Topology.ToString().ToLowerInvariant();
        bool threaded = options.Topology == PipelineTopology.Threaded;
        o["layout"] = new JsonObject
        {
            ["threads"] = options.DescribeThreads(),
            ["featuresOnProducer"] = threaded && options.FeaturesOnProducer,
            ["stageThreads"] = threaded ? options.StageThreads : 0,
            ["wakeBatch"] = threaded ? options.WakeBatch : 0,
            ["chosenBy"] = threaded ? rule : "inline",
        };
    }
}
