using HftScalper.Inference.Metadata;

namespace HftScalper.Reporting.Tests;

/// <summary>
/// The drift test's effective window size: <see cref="PopulationStability"/> sums several lags' autocorrelations in
/// one pass (one vector lane per lag); its result must be the one-lag-at-a-time sum's to the bit, on columns from
/// independent to slowly decorrelating, with few and many bins, NaN rows and windows of every length around the lag
/// blocks' edges.
/// </summary>
public sealed class PopulationStabilityTests
{
    [Theory]
    [InlineData(0.0, 10)]
    [InlineData(0.5, 10)]
    [InlineData(0.9, 10)]
    [InlineData(0.99, 10)]
    [InlineData(0.95, 3)]
    [InlineData(0.8, 40)]
    public void Effective_rows_equal_the_one_lag_at_a_time_sum_to_the_bit(double rho, int quantiles)
    {
        var rng = new Random((int)(rho * 100) + quantiles);
        var reference = new float[5000];
        for (int i = 0; i < reference.Length; i++) reference[i] = (float)Normal(rng);
        var sketch = FeatureSketch.Build(reference, quantiles);
        foreach (int rows in new[] { 8, 9, 31, 37, 128, 129, 130, 131, 1200, 3001 })
        {
            var data = new float[rows];
            double x = 0;
            for (int i = 0; i < rows; i++)
            {
                x = rho * x + Math.Sqrt(1 - rho * rho) * Normal(rng);
                data[i] = i % 97 == 5 ? float.NaN : (float)x;
            }
            int oldest = rows / 3;
            var counts = new long[sketch.Bins + 1];
            var order = new int[rows];
            var ring = data.Select(v => PopulationStability.BinOf(v, sketch)).ToArray();
            var result = PopulationStability.Compute(ring, 1, 0, rows, oldest, default, sketch, counts, order, new double[rows]);

            var bins = new int[rows];
            for (int k = 0; k < rows; k++)
            {
                float v = data[(oldest + k) % rows];
                bins[k] = float.IsFinite(v) ? sketch.Bin(v) : sketch.Bins;
            }
            double expected = rows / OneLagAtATime(bins);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(result.EffectiveRows),
                $"rho {rho}, {quantiles} quantiles, {rows} rows: effective rows {result.EffectiveRows:R}, one lag at a time {expected:R}");
        }
    }

    // The definition, as it was computed before lags were summed side by side.
    private static double OneLagAtATime(int[] order)
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
        for (int lag = 1; lag <= Math.Min(PopulationStability.MaxLag, n / 4); lag++)
        {
            double cov = 0;
            for (int i = lag; i < n; i++) cov += (order[i] - mean) * (order[i - lag] - mean);
            double r = cov / variance;
            if (r < noise) break;
            tau += 2 * r;
        }
        return tau;
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
