using System.Runtime.CompilerServices;

namespace HftScalper.Trading.Signals;

/// <summary>
/// Combines several classifiers' probability rows into one row for <see cref="SignalGenerator"/>.
/// <para>Confidence-weighted average: member i with static weight w_i and row p_i (normalised to sum 1) gets
/// confidence c_i = max_k p_ik, and <c>p_k = Σ w_i c_i p_ik / Σ w_i c_i</c>, so a member that is sure of its call
/// counts more than one that is near uniform.</para>
/// <para>Regime selection: when members carry a regime tag (0 ranging, 1 trending, 2 volatile — the feature
/// <c>regime_label</c>), only the members tagged with the current regime are averaged (same weighting); when none
/// of them is usable (or the regime is unknown), the untagged generalists are; when there are none either, every
/// usable member is.</para>
/// Members whose row is not finite, negative or all zero are skipped and counted. One writer thread; no allocation.
/// </summary>
internal sealed class EnsembleCombiner
{
    private readonly float[] _weights;
    private readonly int[] _regimes;
    private long _skipped, _regimeSelected, _failed;

    /// <summary>Creates a combiner of <paramref name="members"/> models with <paramref name="classes"/> scores each, all weight 1 and untagged.</summary>
    public EnsembleCombiner(int members, int classes = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(members);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        Classes = classes;
        _weights = new float[members];
        _regimes = new int[members];
        Array.Fill(_weights, 1f);
        Array.Fill(_regimes, -1);
    }

    /// <summary>Number of member models.</summary>
    public int Members => _weights.Length;

    /// <summary>Scores per member row.</summary>
    public int Classes { get; }

    /// <summary>Member rows skipped as unusable.</summary>
    public long SkippedMembers => _skipped;

    /// <summary>Combinations that used only the members of the current regime.</summary>
    public long RegimeSelected => _regimeSelected;

    /// <summary>Combinations with no usable member (the method returned false).</summary>
    public long Failed => _failed;

    /// <summary>Sets member <paramref name="index"/>'s static weight (> 0) and regime tag (-1 = all regimes).</summary>
    public void SetMember(int index, float weight, int regimeTag = -1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _weights.Length);
        if (!float.IsFinite(weight) || weight <= 0) throw new ArgumentOutOfRangeException(nameof(weight), $"weight must be finite and > 0, not {weight}");
        ArgumentOutOfRangeException.ThrowIfLessThan(regimeTag, -1);
        _weights[index] = weight;
        _regimes[index] = regimeTag;
    }

    /// <summary>
    /// Combines <paramref name="probabilities"/> (<c>Members*Classes</c> floats, member-major) into
    /// <paramref name="combined"/> (<c>Classes</c> floats). <paramref name="regimeLabel"/> is the current
    /// <c>regime_label</c> feature (NaN or negative = unknown: no regime selection). Returns false, leaving
    /// <paramref name="combined"/> cleared, when no member row is usable.
    /// </summary>
    public bool Combine(ReadOnlySpan<float> probabilities, float regimeLabel, Span<float> combined)
    {
        int k = Classes, n = _weights.Length;
        if (probabilities.Length < n * k || combined.Length < k) return Fail(combined);
        int regime = regimeLabel >= 0 && float.IsFinite(regimeLabel) ? (int)regimeLabel : -1;
        bool any = false, anyRegime = false, anyGeneralist = false;
        for (int i = 0; i < n; i++)
        {
            if (!Usable(probabilities.Slice(i * k, k))) { _skipped++; continue; }
            any = true;
            if (regime >= 0 && _regimes[i] == regime) anyRegime = true;
            if (_regimes[i] < 0) anyGeneralist = true;
        }
        if (!any) return Fail(combined);
        // 0: every usable member; 1: the current regime's; 2: the generalists.
        int mode = anyRegime ? 1 : anyGeneralist ? 2 : 0;
        if (mode == 1) _regimeSelected++;

        combined[..k].Clear();
        float total = 0;
        for (int i = 0; i < n; i++)
        {
            var row = probabilities.Slice(i * k, k);
            if (!Usable(row)) continue;
            if (mode == 1 && _regimes[i] != regime) continue;
            if (mode == 2 && _regimes[i] >= 0) continue;
            float sum = 0, max = 0;
            foreach (var p in row) { sum += p; if (p > max) max = p; }
            float w = _weights[i] * (max / sum) / sum; // weight * confidence, and 1/sum to normalise the row
            for (int c = 0; c < k; c++) combined[c] += w * row[c];
            total += _weights[i] * (max / sum);
        }
        float inv = 1f / total;
        for (int c = 0; c < k; c++) combined[c] *= inv;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Usable(ReadOnlySpan<float> row)
    {
        float sum = 0;
        foreach (var p in row)
        {
            if (!(p >= 0) || !float.IsFinite(p)) return false;
            sum += p;
        }
        return sum > 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Fail(Span<float> combined)
    {
        _failed++;
        combined[..Math.Min(Classes, combined.Length)].Clear();
        return false;
    }
}
