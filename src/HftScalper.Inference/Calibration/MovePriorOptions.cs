using System.Text.Json;
using System.Text.Json.Nodes;
using HftScalper.Core.Settings;

namespace HftScalper.Inference.Calibration;

/// <summary>
/// Settings of the per-symbol move-prior correction (<see cref="MovePriorTracker"/>): how fast it follows a symbol's
/// realised move share, how many samples of evidence it needs before it trusts it, and how far it may move a logit.
/// A model that should be served with the correction carries them in its metadata (key <c>hft.move_prior</c>,
/// <see cref="ToJson"/>); <c>hft train --move-prior</c> writes it.
/// </summary>
public sealed record MovePriorOptions
{
    /// <summary>Half-life of the exponentially weighted shares, in samples of the model's sampling clock.</summary>
    public double HalfLifeSamples { get; init; } = 240;

    /// <summary>Pseudo-samples of "the model is right about how often the mid moves": the realised share is shrunk
    /// toward the model's own mean P(move) with this weight, so the correction starts at 0 and grows with evidence.</summary>
    public double PriorSamples { get; init; } = 40;

    /// <summary>Largest correction lowering the move logit (toward "flat").</summary>
    public double MaxOffset { get; init; } = 4;

    /// <summary>Largest correction raising the move logit (toward "a move"). 0 by default: on a book that moves more
    /// often than the model thinks, calling more moves whose direction is near a coin flip costs accuracy (seen on the
    /// real BTCUSDT of 08-08), so the correction only ever says "flat" more often.</summary>
    public double MaxRaise { get; init; }

    /// <summary>Where a cold symbol's correction starts, in the move logit: the <see cref="PriorSamples"/> pseudo-samples
    /// stand for the share <c>sigmoid(logit(predicted) + ColdOffset)</c> instead of the model's own, so the correction
    /// is exactly this before the first resolved pair and moves toward the realised share as pairs accrue (a Bayesian
    /// count: after <c>n</c> pairs the cold share weighs <c>PriorSamples / (n + PriorSamples)</c>, with the decay).
    /// 0 = the model is trusted from the first decision (every model before session 18); negative = a symbol starts
    /// "flat" and earns its moves, which matters where a window is short next to the warm-up (a 30 s recording, a
    /// symbol that just started trading). Omitted from the JSON when 0, so older settings keep their text.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public double ColdOffset { get; init; }

    /// <summary>The <see cref="PriorSamples"/> pseudo-samples are forgotten like samples: they count as evidence seen
    /// before the symbol's first resolved pair, so each pair multiplies their weight by the shares' decay (half-life
    /// <see cref="HalfLifeSamples"/>) and the pull toward the cold (or the model's) share fades to 0: after <c>k</c> pairs
    /// it weighs <c>n0 d^k / (W_k + n0 d^k)</c> (<c>n0</c> = <see cref="PriorSamples"/>, <c>d</c> the decay, <c>W_k</c> the
    /// samples' own weight). False = the pseudo-samples keep their weight for good, the arithmetic of every model before
    /// session 19: under the 240-sample half-life the samples' weight saturates at ~347, so 40 pseudo-samples keep ~10 %
    /// of the estimate in a long window (with a <see cref="ColdOffset"/> that is a lasting pull, not a warm-up). Omitted
    /// from the JSON when false, so older settings keep their text and their arithmetic.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool PriorFades { get; init; }

    /// <summary>Shares are clamped into [Floor, 1 − Floor] before their logits are taken.</summary>
    public double Floor { get; init; } = 0.01;

    /// <summary>Also serve the model behind the per-symbol <see cref="BaselineGate"/> (after the correction), at the
    /// model's own horizon, clock and threshold; null = no gate.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public BaselineGateOptions? Gate { get; init; }

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        Gate?.Validate();
        if (!(HalfLifeSamples >= 1) || double.IsInfinity(HalfLifeSamples)) throw new ArgumentOutOfRangeException(nameof(HalfLifeSamples), HalfLifeSamples, "must be >= 1 sample");
        if (!(PriorSamples >= 0) || double.IsInfinity(PriorSamples)) throw new ArgumentOutOfRangeException(nameof(PriorSamples), PriorSamples, "must be >= 0");
        if (!(MaxOffset >= 0) || double.IsInfinity(MaxOffset)) throw new ArgumentOutOfRangeException(nameof(MaxOffset), MaxOffset, "must be >= 0");
        if (!(MaxRaise >= 0) || double.IsInfinity(MaxRaise)) throw new ArgumentOutOfRangeException(nameof(MaxRaise), MaxRaise, "must be >= 0");
        if (!double.IsFinite(ColdOffset) || ColdOffset < -MaxOffset || ColdOffset > MaxRaise)
            throw new ArgumentOutOfRangeException(nameof(ColdOffset), ColdOffset, $"must be in [-MaxOffset, MaxRaise] = [{-MaxOffset}, {MaxRaise}]");
        if (!(Floor > 0 && Floor < 0.5)) throw new ArgumentOutOfRangeException(nameof(Floor), Floor, "must be in (0, 0.5)");
    }

    /// <summary>The settings as the JSON object of the <c>hft.move_prior</c> metadata key.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, MovePriorJsonContext.Default.MovePriorOptions);

    /// <summary>Reads <see cref="ToJson"/>'s form (missing keys keep their defaults).</summary>
    /// <exception cref="FormatException">Not such an object, or a setting out of range.</exception>
    public static MovePriorOptions Parse(string json)
    {
        try
        {
            // Omitted members keep their defaults (Core.Settings.JsonInitDefaults), the gate's too when it is given.
            var ctx = MovePriorJsonContext.Default;
            if (JsonNode.Parse(json) is not JsonObject node) throw new FormatException("not a JSON object");
            JsonInitDefaults.Fill(node, JsonSerializer.SerializeToNode(new MovePriorOptions(), ctx.MovePriorOptions)!.AsObject());
            if (JsonInitDefaults.Member(node, nameof(Gate)) is { } gate)
                JsonInitDefaults.Fill(gate, JsonSerializer.SerializeToNode(new BaselineGateOptions(), ctx.BaselineGateOptions)!.AsObject());
            var o = JsonSerializer.Deserialize(node, ctx.MovePriorOptions) ?? throw new FormatException("null object");
            o.Validate();
            return o;
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new FormatException(e.Message, e);
        }
    }
}
