using System.Runtime.CompilerServices;

namespace HftScalper.Inference.Metadata;

/// <summary>
/// The distribution of one column on the training rows, small enough for a model's metadata (about 150 bytes as
/// JSON): the quantile cut points (deciles by default, repeated cuts of a mass point merged), the share of the
/// finite values in each bin those cuts make, and the share of values that were not finite (NaN: a feature not
/// ready yet). A value <c>x</c> falls in bin <see cref="Bin"/> = the number of cuts below it, so bin 0 is
/// <c>x &lt;= Cuts[0]</c> and the last bin <c>x &gt; Cuts[^1]</c>. Population stability (PSI) against live rows
/// compares these shares with the live rows' shares of the same bins.
/// </summary>
public sealed class FeatureSketch
{
    /// <summary>Creates a sketch; <paramref name="shares"/> has one entry more than <paramref name="cuts"/>.</summary>
    /// <exception cref="ArgumentException">Cuts not strictly ascending or not finite, shares of the wrong length, negative, or not finite.</exception>
    public FeatureSketch(float[] cuts, double[] shares, double nanShare)
    {
        ArgumentNullException.ThrowIfNull(cuts);
        ArgumentNullException.ThrowIfNull(shares);
        if (shares.Length != cuts.Length + 1) throw new ArgumentException($"{cuts.Length} cuts need {cuts.Length + 1} shares, got {shares.Length}", nameof(shares));
        for (int i = 0; i < cuts.Length; i++)
            if (!float.IsFinite(cuts[i]) || (i > 0 && !(cuts[i] > cuts[i - 1]))) throw new ArgumentException("cuts must be finite and strictly ascending", nameof(cuts));
        foreach (var s in shares)
            if (!(s >= 0) || !double.IsFinite(s)) throw new ArgumentException("shares must be finite and >= 0", nameof(shares));
        if (!(nanShare >= 0 && nanShare <= 1)) throw new ArgumentException($"NaN share {nanShare} is not in [0, 1]", nameof(nanShare));
        Cuts = cuts;
        Shares = shares;
        NanShare = nanShare;
    }

    /// <summary>Quantile cut points, strictly ascending.</summary>
    public float[] Cuts { get; }

    /// <summary>Share of the finite values in each bin (sums to 1 when any value was finite).</summary>
    public double[] Shares { get; }

    /// <summary>Share of all values that were NaN or infinite.</summary>
    public double NanShare { get; }

    /// <summary>Bins of finite values (cuts + 1).</summary>
    public int Bins => Shares.Length;

    /// <summary>The bin of a finite value: the number of cuts strictly below it (binary search, no allocation).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Bin(float x)
    {
        var cuts = Cuts;
        int lo = 0, hi = cuts.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (cuts[mid] < x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>
    /// The sketch of <paramref name="values"/>: cuts at the <c>i / quantiles</c> quantiles (i = 1 .. quantiles - 1) of
    /// the finite values, repeated cuts merged, then each bin's share counted with <see cref="Bin"/>.
    /// </summary>
    public static FeatureSketch Build(ReadOnlySpan<float> values, int quantiles = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantiles, 2);
        var finite = new List<float>(values.Length);
        foreach (var v in values)
            if (float.IsFinite(v)) finite.Add(v);
        double nan = values.Length == 0 ? 0 : (double)(values.Length - finite.Count) / values.Length;
        if (finite.Count == 0) return new FeatureSketch([], [1.0], values.Length == 0 ? 0 : 1);
        finite.Sort();
        var cuts = new List<float>(quantiles - 1);
        for (int i = 1; i < quantiles; i++)
        {
            float c = finite[(int)Math.Min(finite.Count - 1, (long)i * finite.Count / quantiles)];
            // The top value as a cut would leave the last bin empty by construction; a repeated cut adds nothing.
            if (c < finite[^1] && (cuts.Count == 0 || c > cuts[^1])) cuts.Add(c);
        }
        var sketch = new FeatureSketch([.. cuts], new double[cuts.Count + 1], nan);
        var counts = new long[sketch.Bins];
        foreach (var v in finite) counts[sketch.Bin(v)]++;
        for (int b = 0; b < counts.Length; b++) sketch.Shares[b] = Math.Round((double)counts[b] / finite.Count, 5);
        return sketch;
    }
}
