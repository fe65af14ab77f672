using HftScalper.Training.Data;

namespace HftScalper.DeepLearning.Sequences;

/// <summary>
/// Standardises feature columns: <c>clip((x - mean) * scale, -Limit, Limit)</c>, with mean and scale (1/std) fitted on
/// training rows only. The exported ONNX graph applies the same three operations, so served rows are the raw
/// feature rows.
/// </summary>
public sealed class FeatureScaler
{
    /// <summary>Standardised values are clipped to ±this (a spread spike must not saturate every gate).</summary>
    public const float Limit = 8f;

    /// <summary>Creates a scaler from fitted parameters.</summary>
    public FeatureScaler(float[] mean, float[] scale)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(scale);
        if (mean.Length != scale.Length) throw new ArgumentException("mean and scale differ in width");
        Mean = mean;
        Scale = scale;
    }

    /// <summary>Per-column mean.</summary>
    public float[] Mean { get; }

    /// <summary>Per-column 1/std (1 for a constant column).</summary>
    public float[] Scale { get; }

    /// <summary>Fits on <paramref name="rows"/> of <paramref name="samples"/> (double accumulation, deterministic).</summary>
    public static FeatureScaler Fit(FeatureMatrix samples, IEnumerable<int> rows)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(rows);
        int w = samples.Width;
        var sum = new double[w];
        var sq = new double[w];
        long n = 0;
        foreach (int r in rows)
        {
            var row = samples.Row(r);
            for (int j = 0; j < w; j++) { sum[j] += row[j]; sq[j] += (double)row[j] * row[j]; }
            n++;
        }
        var mean = new float[w];
        var scale = new float[w];
        for (int j = 0; j < w; j++)
        {
            double m = n > 0 ? sum[j] / n : 0;
            double v = n > 0 ? Math.Max(0, sq[j] / n - m * m) : 0;
            double sd = Math.Sqrt(v);
            mean[j] = (float)m;
            scale[j] = sd > 1e-9 && double.IsFinite(sd) ? (float)(1 / sd) : 1f;
        }
        return new FeatureScaler(mean, scale);
    }

    /// <summary>All rows of <paramref name="samples"/> scaled, row-major (the same float operations as the graph).</summary>
    public float[] Transform(FeatureMatrix samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var values = samples.Values;
        var result = new float[values.Length];
        int w = samples.Width;
        for (int i = 0; i < values.Length; i++)
        {
            int j = i % w;
            result[i] = Math.Clamp((values[i] - Mean[j]) * Scale[j], -Limit, Limit);
        }
        return result;
    }
}
