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

    /// <summary>
    /// PSI of column <paramref name="column"/> of the ring <paramref name="data"/> (<paramref name="rows"/> rows of
    /// <paramref name="stride"/> values, oldest at <paramref name="oldest"/>); rows whose <paramref name="mask"/> entry
    /// is false are skipped (empty mask = all). <paramref name="counts"/> needs <c>sketch.Bins + 1</c> entries and
    /// <paramref name="order"/> <paramref name="rows"/> (scratch: the bin numbers in time order).
    /// </summary>
    public static Result Compute(ReadOnlySpan<float> data, int stride, int column, int rows, int oldest, ReadOnlySpan<bool> mask,
        FeatureSketch sketch, Span<long> counts, Span<int> order)
    {
        int bins = sketch.Bins, nanBin = bins;
        counts[..(bins + 1)].Clear();
        int n = 0;
        for (int k = 0; k < rows; k++)
        {
            int i = (oldest + k) % rows;
            if (!mask.IsEmpty && !mask[i]) continue;
            float x = data[i * stride + column];
            int b = float.IsFinite(x) ? sketch.Bin(x) : nanBin;
            counts[b]++;
            order[n++] = b;
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
        return new Result(psi, n / AutocorrelationTime(order[..n]), Math.Max(1, used - 1), n);
    }

    /// <summary>
    /// Integrated autocorrelation time of the bin numbers in time order, <c>1 + 2 sum_k r_k</c>, summing the lag-k
    /// autocorrelations while they stand above the noise (1.5 / sqrt(n)), up to lag <see cref="MaxLag"/>. Lag 1 alone would
    /// understate it for a column cut into few bins (a mass point turns an autocorrelation of 0.9 into about 0.7 at lag 1,
    /// but it decays slowly after).
    /// </summary>
    /// <summary>Lags summed at most (bounds an evaluation's cost: rows x lags per column).</summary>
    public const int MaxLag = 32;

    private static double AutocorrelationTime(ReadOnlySpan<int> order)
    {
        int n = order.Length;
        if (n < 8) return 1;
        double mean = 0;
        foreach (var b in order) mean += b;
        mean /= n;
        double variance = 0;
        foreach (var b in order) variance += (b - mean) * (b - mean);
        if (variance <= 1e-12) return 1;
        double noise = 1.5 / Math.Sqrt(n), tau = 1;
        for (int lag = 1; lag <= Math.Min(MaxLag, n / 4); lag++)
        {
            double cov = 0;
            for (int i = lag; i < n; i++) cov += (order[i] - mean) * (order[i - lag] - mean);
            double r = cov / variance;
            if (r < noise) break;
            tau += 2 * r;
        }
        return tau;
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
