using HftScalper.Features.Schema;

namespace HftScalper.Training.Models;

/// <summary>
/// Soft regime weights (ranging, trending, volatile) that replace the hard switch of <c>regime_label</c>: volatile =
/// <c>σ(VolSlope·(x_vol − VolCenter))</c>, trending = <c>(1 − volatile)·σ(TrendSlope·(x_trend − TrendCenter))·valid</c>,
/// ranging = the rest. On the engine's schema x_vol is <c>garch_vol_ratio</c> (centre 1.5, the label's threshold)
/// and x_trend the ADX (centre 25, valid = its warm-up flag): a regime switch is blended while the smoothed indicator
/// crosses a band around the threshold (±1/slope spans σ = 0.27..0.73: ±0.25 of the ratio, ±5 ADX points), which takes
/// as long as the indicators' own windows (the 14-bar ADX, the GARCH recursion) take to cross it, instead of flipping
/// between two models on one tick. Without those columns (a schema with only <c>regime_label</c>) the weights follow
/// the label (steep slopes: a hard switch).
/// </summary>
/// <param name="VolColumn">Column of the volatility indicator.</param>
/// <param name="VolCenter">Its regime threshold.</param>
/// <param name="VolSlope">Logistic slope (1 / half-band).</param>
/// <param name="TrendColumn">Column of the trend indicator.</param>
/// <param name="TrendCenter">Its regime threshold.</param>
/// <param name="TrendSlope">Logistic slope.</param>
/// <param name="TrendValidColumn">Column of the trend indicator's warm-up flag (-1 = always valid).</param>
public sealed record RegimeBlend(int VolColumn, float VolCenter, float VolSlope, int TrendColumn, float TrendCenter, float TrendSlope, int TrendValidColumn)
{
    /// <summary>Half-band of <c>garch_vol_ratio</c> over which volatile blends in.</summary>
    public const float VolBand = 0.25f;

    /// <summary>Half-band of ADX points over which trending blends in.</summary>
    public const float TrendBand = 5f;

    /// <summary>The blend for <paramref name="schema"/>: soft on the engine's regime inputs, hard on <c>regime_label</c> alone; null without either.</summary>
    public static RegimeBlend? For(FeatureSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        int vol = schema.IndexOf("garch_vol_ratio");
        int adx = -1, valid = -1;
        for (int i = 0; i < schema.Count; i++)
        {
            var name = schema.Features[i].Name;
            if (adx < 0 && name.StartsWith("adx_", StringComparison.Ordinal) && !name.StartsWith("adx_valid_", StringComparison.Ordinal)) adx = i;
            if (valid < 0 && name.StartsWith("adx_valid_", StringComparison.Ordinal)) valid = i;
        }
        if (vol >= 0 && adx >= 0) return new RegimeBlend(vol, 1.5f, 1 / VolBand, adx, 25f, 1 / TrendBand, valid);
        int label = schema.IndexOf("regime_label");
        return label >= 0 ? new RegimeBlend(label, 1.5f, 1e4f, label, 0.5f, 1e4f, -1) : null;
    }

    /// <summary>Writes the weights (ranging, trending, volatile) of one feature row.</summary>
    public void Weights(ReadOnlySpan<float> row, Span<float> weights)
    {
        float v = Sigmoid(VolSlope * (row[VolColumn] - VolCenter));
        float t = (1f - v) * Sigmoid(TrendSlope * (row[TrendColumn] - TrendCenter)) * (TrendValidColumn >= 0 ? row[TrendValidColumn] : 1f);
        weights[0] = 1f - v - t;
        weights[1] = t;
        weights[2] = v;
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
}
