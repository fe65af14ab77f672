using HftScalper.Core.Settings;
using HftScalper.Inference.Calibration;
using HftScalper.Inference.Contracts;

namespace HftScalper.Cli.Commands;

/// <summary>
/// Where the served baseline gate of a model that asks for one (<c>hft.move_prior</c>) judges the model against the
/// symbol's baseline: at <see cref="HorizonNs"/> (0 = the model's own horizon, the default) labelled with
/// <see cref="Threshold"/> (null = the model's labelling, else 0.1 bps: <c>hft evaluate</c>'s rule). Set by
/// <c>replay</c>/<c>run --gate-horizon/--gate-threshold</c> or their <c>--config</c> <c>model.gateHorizonNs</c> /
/// <c>model.gateThreshold</c>; the engine then serves exactly what <c>hft evaluate --horizon H</c> scores
/// (<see cref="MovePriorServing.JudgedAt"/>).
/// </summary>
/// <param name="HorizonNs">The horizon the gate resolves samples at, ns; 0 = the model's.</param>
/// <param name="Threshold">The threshold realised moves are classified by; null = the model's labelling.</param>
internal sealed record GateJudging(long HorizonNs, MoveThreshold? Threshold)
{
    /// <summary>The default: the gate judges at the model's own horizon and labelling (today's serving).</summary>
    public static readonly GateJudging Own = new(0, null);

    /// <summary>Shortest horizon the gate may be asked to judge at (1 ms; 0 = the model's own).</summary>
    public const long MinHorizonNs = 1_000_000;

    /// <summary>True when the gate judges the model's own question (nothing asked).</summary>
    public bool IsOwn => HorizonNs == 0 && Threshold is null;

    /// <summary>Checks the range; <paramref name="horizonKey"/> names the key in the error.</summary>
    public void Validate(string horizonKey)
    {
        SettingRange.Check(horizonKey, HorizonNs, 0, MovePriorServing.MaxGateHorizonNs);
        if (HorizonNs is > 0 and < MinHorizonNs)
            throw new SettingException($"{horizonKey} = {HorizonNs} ns is below 1 ms (0 = the model's own horizon)");
    }

    /// <summary>Reads the command-line forms (<c>10s</c>, <c>0</c>; <c>1bps</c>, <c>0ticks</c>) over <paramref name="configured"/>.</summary>
    public static GateJudging Parse(string? horizon, string? threshold, GateJudging? configured = null)
    {
        var g = configured ?? Own;
        if (horizon is not null)
        {
            long ns;
            try { ns = TrainCommandArgs.ParseNs(horizon, allowZero: true); }
            catch (FormatException e) { throw new ArgumentException($"--gate-horizon: {e.Message}", e); }
            g = g with { HorizonNs = ns };
        }
        if (threshold is not null)
        {
            try { g = g with { Threshold = MoveThreshold.Parse(threshold) }; }
            catch (FormatException e) { throw new ArgumentException($"--gate-threshold: {e.Message}", e); }
        }
        g.Validate("--gate-horizon");
        return g;
    }

    /// <summary><paramref name="serving"/> judged where these settings say (unchanged when <see cref="IsOwn"/>).</summary>
    public MovePriorServing Apply(MovePriorServing serving, ModelContract contract)
    {
        ArgumentNullException.ThrowIfNull(serving);
        if (IsOwn) return serving;
        var horizon = HorizonNs > 0 ? TimeSpan.FromTicks(HorizonNs / 100) : contract.Horizon;
        return serving.JudgedAt(horizon, MovePriorServing.AskedThreshold(contract, Threshold));
    }
}
