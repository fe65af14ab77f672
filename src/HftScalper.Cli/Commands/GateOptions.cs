using System.CommandLine;
using System.Text.Json.Nodes;
using HftScalper.Inference.Calibration;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>replay</c>/<c>run</c>'s <c>--gate-horizon</c> and <c>--gate-threshold</c> (<see cref="GateJudging"/>), one
/// definition for both verbs, and the <c>--json</c> keys saying where the served gate judges.
/// </summary>
internal static class GateOptions
{
    /// <summary><c>--gate-horizon</c>.</summary>
    public static Option<string?> Horizon() => new("--gate-horizon")
    {
        Description = "The horizon the served model's per-symbol baseline gate (metadata hft.move_prior) judges the model at, e.g. 10s: serve what `hft evaluate --horizon` scores (0 = the model's own horizon, default)",
    };

    /// <summary><c>--gate-threshold</c>.</summary>
    public static Option<string?> Threshold() => new("--gate-threshold")
    {
        Description = "The move threshold the baseline gate labels realised moves with, e.g. 0ticks or 1bps (default: the model's labelling, as `hft evaluate`)",
    };

    /// <summary>Adds <c>gateHorizonSeconds</c> and <c>gateThreshold</c> (null when no baseline gate serves).</summary>
    public static void AddJson(JsonObject o, MovePriorServing? served)
    {
        ArgumentNullException.ThrowIfNull(o);
        bool gated = served?.Options.Gate is not null;
        o["gateHorizonSeconds"] = gated ? served!.GateHorizonNs / 1e9 : null;
        o["gateThreshold"] = gated ? served!.GateThreshold.ToString() : null;
    }
}
