using System.Text.Json;
using System.Text.Json.Nodes;
using HftScalper.Inference.Lifecycle;

namespace HftScalper.Cli.Commands.Replay;

/// <summary>
/// What the watched model folder of <c>replay --models-dir</c> did during the run, in the <c>model</c> object of
/// <c>--json</c>: <c>swaps</c> (models swapped in) and <c>modelsRefused</c> with <c>refusedBy</c> (per reason: a corrupt
/// file, a schema or shape mismatch, non-finite outputs, ...). A refused drop had been a log line only (the old model
/// kept serving, as it should), so a run's summary could not tell that a model it was given was never served.
/// </summary>
internal static class ModelsDirJson
{
    /// <summary>Adds the lifecycle's counts to <paramref name="model"/> and returns it.</summary>
    public static JsonObject With(JsonObject model, LifecycleCounters counters)
    {
        model["swaps"] = counters.Swaps;
        model["modelsRefused"] = counters.Rejections;
        var by = new JsonObject();
        foreach (var reason in Enum.GetValues<ModelRejection>())
            if (reason != ModelRejection.None) by[JsonNamingPolicy.CamelCase.ConvertName(reason.ToString())] = counters.RejectionsFor(reason);
        model["refusedBy"] = by;
        return model;
    }
}
