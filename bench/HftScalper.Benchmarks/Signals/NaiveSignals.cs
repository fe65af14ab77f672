using HftScalper.Features.Schema;

namespace HftScalper.Benchmarks.Signals;

/// <summary>
/// The obvious implementation of the signal rules (same thresholds and results as the defaults of
/// <c>SignalRouter</c>), written the way application code usually is: the baseline of
/// <see cref="SignalRoutingBenchmarks"/>.
/// </summary>
public sealed class NaiveSignals(FeatureSchema schema, long cooldownNs)
{
    private sealed class State { public int Direction; public long LastChange; public bool Changed; }

    /// <summary>A signal as an object.</summary>
    public sealed record NaiveSignal(int Symbol, int Direction, float Confidence);

    private readonly Dictionary<int, State> _states = [];

    /// <summary>One decision.</summary>
    public NaiveSignal Route(int symbol, bool healthy, float[] probs, float[] row, long timeNs)
    {
        if (!_states.TryGetValue(symbol, out var st)) _states[symbol] = st = new State();
        float longScore, shortScore, enter, exit;
        if (healthy && probs.All(float.IsFinite))
        {
            float inv = 1f / probs.Sum();
            var p = probs.Select(v => v * inv).ToArray();
            (longScore, shortScore, enter, exit) = (p[2], p[0], 0.55f, 0.45f);
        }
        else
        {
            var features = schema.Features.Select(f => f.Name).ToList();
            float ofi = row[features.IndexOf("ofi_norm_fast")], micro = row[features.IndexOf("microprice_minus_mid_bps")], imb = row[features.IndexOf("imbalance_1")];
            float wSum = 0.4f + 0.3f + 0.3f;
            float score = 0.4f / wSum * MathF.Tanh(ofi * (1f / 0.5f)) + 0.3f / wSum * Math.Clamp(micro * (1f / 0.5f), -1f, 1f) + 0.3f / wSum * Math.Clamp(imb, -1f, 1f);
            (longScore, shortScore, enter, exit) = (Math.Max(score, 0), Math.Max(-score, 0), 0.5f, 0.2f);
        }
        int want = st.Direction > 0 && longScore >= exit ? 1
            : st.Direction < 0 && shortScore >= exit ? -1
            : longScore >= enter && longScore > shortScore ? 1
            : shortScore >= enter && shortScore > longScore ? -1 : 0;
        if (want != st.Direction)
        {
            if (want != 0 && st.Changed && timeNs - st.LastChange < cooldownNs) want = 0;
            if (want != st.Direction) { st.Direction = want; st.LastChange = timeNs; st.Changed = true; }
        }
        return new NaiveSignal(symbol, want, Math.Max(longScore, shortScore));
    }
}
