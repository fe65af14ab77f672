using HftScalper.Core.Settings;
using HftScalper.Inference.Contracts;

namespace HftScalper.Cli.Commands.Replay;

/// <summary>
/// The <c>model</c> section of <c>hft replay --config</c>: how the served model's baseline gate judges (<see cref="GateJudging"/>).
/// <code>
/// { "model": { "gateHorizonNs": 10000000000, "gateThreshold": "0ticks" } }
/// </code>
/// <c>replay --gate-horizon/--gate-threshold</c> override it.
/// </summary>
internal sealed class ModelConfig
{
    /// <summary>The horizon the baseline gate judges at, ns (0 = the model's own, the default).</summary>
    public long? GateHorizonNs { get; set; }

    /// <summary>The threshold the gate labels realised moves with (<c>0ticks</c>, <c>1bps</c>; default: the model's labelling).</summary>
    public string? GateThreshold { get; set; }

    /// <summary>The gate settings these keys give; out-of-range or malformed values are a <see cref="SettingException"/> naming the key.</summary>
    public GateJudging Gate(string prefix)
    {
        MoveThreshold? threshold = null;
        if (GateThreshold is { } t)
        {
            try { threshold = MoveThreshold.Parse(t); }
            catch (FormatException e) { throw new SettingException($"{prefix}gateThreshold: {e.Message}", e); }
        }
        var g = new GateJudging(GateHorizonNs ?? 0, threshold);
        g.Validate(prefix + "gateHorizonNs");
        return g;
    }
}
