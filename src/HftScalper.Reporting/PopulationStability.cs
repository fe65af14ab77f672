using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using HftScalper.Inference.Metadata;

namespace HftScalper.Reporting;

/// <summary>
/// The population stability index of one column of a row window against a <see cref="FeatureSketch"/>:
/// <c>PSI = sum_b (a_b - e_b) ln(a_b / e_b)</c> over the sketch's bins plus a NaN bin, with <c>a</c> the window's
/// shares and <c>e</c> the reference's (both floored at half a row of the window, so an empty bin counts but not
/// infinitely). With it, the autocorrelation time of the rows' bin numbers gives the window's effective size
/// <c>n / tau</c>, against which the PSI is tested (<c>n_eff PSI</c> ~ chi-square(bins - 1) without a change).
/// Zero allocation: the caller passes the count buffer.
/// </summary>
internal static class PopulationStability
{
    /// <summary>Result of one column.</summary>
    internal readonly record struct Result(double Psi, double EffectiveRows, int DegreesOfFreedom, int Rows);

    /// <summary>The bin of <paramref name="x"/> in <paramref name="sketch"/>: <see cref="FeatureSketch.Bin"/> for a finite
    /// value, else the NaN bin (<c>sketch.Bins</c>). What <see cref="Compute"/> reads, computed once per sampled value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int BinOf(float x, FeatureSketch sketch) => float.IsFinite(x) ? sketch.Bin(x) : sketch.Bins;

    /// <summary>
    /// PSI of column <paramref name="column"/> of the ring <paramref name="bins"/> (<paramref name="rows"/> rows of
    /// <paramref name="stride"/> bin numbers from <see cref="BinOf"/>, oldest at <paramref name="oldest"/>); rows whose
    /// <paramref name="mask"/> entry is false are skipped (empty mask = all). <paramref name="counts"/> needs
    /// <c>sketch.Bins + 1</c> entries and <paramref name="order"/> and <paramref name="centred"/> <paramref name="rows"/>
    /// each (scratch: the bin numbers in time order, and them less their mean).
    /// </summary>
    public static Result Compute(ReadOnlySpan<int> bins, int stride, int column, int rows, int oldest, ReadOnlySpan<bool> mask,
        FeatureSketch sketch, Span<long> counts, Span<int> order, Span<double> centred)
    {
        int nanBin = sketch.Bins;
        counts[..(nanBin + 1)].Clear();
        int n = 0;
        for (int k = 0, i = oldest % rows; k < rows; k++, i = i + 1 == rows ? 0 : i + 1)
        {
            if (!mask.IsEmpty && !mask[i]) continue;
            int b = bins[i * stride + column];
            counts[b]++;
            order[n++] = b;
        }
        if (n == 0) return new Result(0, 0, 0, 0);

        double floor = 0.5 / n, psi = 0, finite = 1 - sketch.NanShare;
        int used = 0;
        for (int b = 0; b <= nanBin; b++)
        {
            double e = b == nanBin ? sketch.NanShare : sketch.Shares[b] * finite;
            if (counts[b] == 0 && e <= 0) continue; // a bin neither side has
            used++;
            double a = Math.Max((double)counts[b] / n, floor);
            e = Math.Max(e, floor);
            psi += (a - e) * Math.Log(a / e);
        }
        return new Result(psi, n / AutocorrelationTime(order[..n], centred), Math.Max(1, used - 1), n);
    }

    /// <summary>Lags summed at most (bounds an evaluation's cost: rows x lags per column).</summary>
    public const int MaxLag = 32;

    // Integrated autocorrelation time of the bin numbers in time order, 1 + 2 sum_k r_k, summing the lag-k
    // autocorrelations while they stand above the noise (1.5 / sqrt(n)), up to lag MaxLag. Lag 1 alone would understate
    // it for a column cut into few bins (a mass point turns an autocorrelation of 0.9 into about 0.7 at lag 1, but it
    // decays slowly after).
    // Lags whose covariances one pass over the rows sums side by side (four vectors of four doubles).
    private const int LagsPerPass = 16;

    // The covariances of LagsPerPass lags are summed in one pass over the rows, each lag in its own lane and in the
    // same order (rows ascending) with the same operations as one lag at a time, so tau is the same to the bit. Each
    // lane is one chain of additions whatever the lanes beside it do, so a pass of sixteen lags takes about the time
    // one lag did: a slowly decorrelating column (all MaxLag lags) costs two passes instead of 32.
    private static double AutocorrelationTime(ReadOnlySpan<int> order, Span<double> centred)
    {
        int n = order.Length;
        if (n < 8) return 1;
        double mean = 0;
        foreach (var b in order) mean += b;
        mean /= n;
        double variance = 0;
        for (int i = 0; i < n; i++)
        {
            double d = order[i] - mean;
            centred[i] = d;
            variance += d * d;
        }
        if (variance <= 1e-12) return 1;
        double noise = 1.5 / Math.Sqrt(n), tau = 1;
        int maxLag = Math.Min(MaxLag, n / 4);
        Span<double> cov = stackalloc double[LagsPerPass];
        for (int first = 1; first <= maxLag; first += LagsPerPass)
        {
            Covariances(centred, first, cov);
            for (int j = 0; j < LagsPerPass && first + j <= maxLag; j++)
            {
                double r = cov[j] / variance;
                if (r < noise) return tau;
                tau += 2 * r;
            }
        }
        return tau;
    }

    // cov[j] = sum over i = first + j .. n - 1, ascending, of d[i] * d[i - first - j], for j = 0 .. LagsPerPass - 1.
    // Vector v holds lags first + 4v .. first + 4v + 3, lane k lag first + 4v + 3 - k (a load at i - first - 4v - 3
    // reads the four partners in that order).
    private static void Covariances(ReadOnlySpan<double> d, int first, Span<double> cov)
    {
        int n = d.Length, last = first + LagsPerPass - 1;
        Span<double> head = stackalloc double[LagsPerPass];
        head.Clear();
        // Rows where only the shorter lags have a partner: their terms come first in those lags' sums.
        for (int i = first; i < Math.Min(last, n); i++)
            for (int lag = first; lag <= i; lag++) head[lag - first] += d[i] * d[i - lag];
        var acc0 = Vector256.Create(head[3], head[2], head[1], head[0]);
        var acc1 = Vector256.Create(head[7], head[6], head[5], head[4]);
        var acc2 = Vector256.Create(head[11], head[10], head[9], head[8]);
        var acc3 = Vector256.Create(head[15], head[14], head[13], head[12]);
        ref double d0 = ref MemoryMarshal.GetReference(d);
        for (int i = last; i < n; i++)
        {
            var x = Vector256.Create(Unsafe.Add(ref d0, i));
            nuint at = (nuint)(i - last);
            acc3 += x * Vector256.LoadUnsafe(ref d0, at);
            acc2 += x * Vector256.LoadUnsafe(ref d0, at + 4);
            acc1 += x * Vector256.LoadUnsafe(ref d0, at + 8);
            acc0 += x * Vector256.LoadUnsafe(ref d0, at + 12);
        }
        for (int k = 0; k < 4; k++)
        {
            cov[3 - k] = acc0[k];
            cov[7 - k] = acc1[k];
            cov[11 - k] = acc2[k];
            cov[15 - k] = acc3[k];
        }
    }

    /// <summary>
    /// True when <paramref name="result"/>'s PSI is significant at the one-sided normal quantile <paramref name="z"/>:
    /// <c>n_eff PSI</c> above the chi-square quantile (Wilson-Hilferty approximation).
    /// </summary>
    public static bool Significant(in Result result, double z)
    {
        double k = result.DegreesOfFreedom, c = 2.0 / (9 * k);
        double quantile = k * Math.Pow(1 - c + z * Math.Sqrt(c), 3);
        return result.EffectiveRows * result.Psi > quantile;
    }
}
