using HftScalper.Inference.Metadata;

namespace HftScalper.Reporting;

/// <summary>
/// The population stability index of one column of a row window against a <see cref="FeatureSketch"/>:
/// <c>PSI = sum_b (a_b - e_b) ln(a_b / e_b)</c> over the sketch's bins plus a NaN bin, with <c>a</c> the window's
/// shares and <c>e</c> the reference's (both floored at half a row of the window, so an empty bin counts but not
/// infinitely). With it, the lag-1 autocorrelation of the rows' bin numbers gives the window's effective size
/// <c>n (1 - r) / (1 + r)</c>, against which the PSI is tested (<c>n_eff PSI</c> ~ chi-square(bins - 1) without a change).
/// Zero allocation: the caller passes the count buffer.
/// </summary>
internal static class PopulationStability
{
    /// <summary>Result of one column.</summary>
    internal readonly record struct Result(double Psi, double EffectiveRows, int DegreesOfFreedom, int Rows);

    /// <summary>
    /// PSI of column <paramref name="column"/> of the ring <paramref name="data"/> (<paramref name="rows"/> rows of
    /// <paramref name="stride"/> values, oldest at <paramref name="oldest"/>); rows whose <paramref name="mask"/> entry
    /// is false are skipped (empty mask = all). <paramref name="counts"/> needs <c>sketch.Bins + 1</c> entries.
    /// </summary>
    public static Result Compute(ReadOnlySpan<float> data, int stride, int column, int rows, int oldest, ReadOnlySpan<bool> mask,
        FeatureSketch sketch, Span<long> counts)
    {
        int bins = sketch.Bins, nanBin = bins;
        counts[..(bins + 1)].Clear();
        int n = 0, prev = -1;
        double sumB = 0, sumBB = 0, sumLag = 0, first = 0, last = 0;
        for (int k = 0; k < rows; k++)
        {
            int i = (oldest + k) % rows;
            if (!mask.IsEmpty && !mask[i]) continue;
            float x = data[i * stride + column];
            int b = float.IsFinite(x) ? sketch.Bin(x) : nanBin;
            counts[b]++;
            if (n == 0) first = b;
            if (prev >= 0) sumLag += (double)prev * b;
            sumB += b;
            sumBB += (double)b * b;
            last = b;
            prev = b;
            n++;
        }
        if (n == 0) return new Result(0, 0, 0, 0);

        double floor = 0.5 / n, psi = 0, finite = 1 - sketch.NanShare;
        int used = 0;
        for (int b = 0; b <= bins; b++)
        {
            double e = b == nanBin ? sketch.NanShare : sketch.Shares[b] * finite;
            if (counts[b] == 0 && e <= 0) continue; // a bin neither side has
            used++;
            double a = Math.Max((double)counts[b] / n, floor);
            e = Math.Max(e, floor);
            psi += (a - e) * Math.Log(a / e);
        }
        // Lag-1 autocorrelation of the bin numbers (the lag sums leave out the last and the first row respectively).
        double mean = sumB / n, variance = sumBB / n - mean * mean, r = 0;
        if (n > 2 && variance > 1e-12)
        {
            double lagCov = (sumLag - mean * (sumB - last) - mean * (sumB - first) + (n - 1) * mean * mean) / (n - 1);
            r = Math.Clamp(lagCov / variance, 0, 0.999);
        }
        return new Result(psi, n * (1 - r) / (1 + r), Math.Max(1, used - 1), n);
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
