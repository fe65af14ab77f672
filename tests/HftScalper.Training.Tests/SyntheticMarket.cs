using HftScalper.Features.Schema;
using HftScalper.Inference.Contracts;
using HftScalper.Training.Data;
using HftScalper.Training.Labels;

namespace HftScalper.Training.Tests;

/// <summary>
/// A small synthetic market with a known, learnable signal: one decision every 100 ms; a persistent AR(1) "flow"
/// feature drives the mid's drift over the next seconds; two noise features; a regime label that switches in
/// blocks and changes how strongly the flow matters (so regime models have something to find).
/// </summary>
internal static class SyntheticMarket
{
    public const long StepNs = 100_000_000;
    public const long T0 = 1_700_000_000_000_000_000;

    public static FeatureSchema Schema { get; } = new(1,
    [
        new FeatureDefinition("flow", "z"), new FeatureDefinition("noise_a", "z"),
        new FeatureDefinition("regime_label", "class"), new FeatureDefinition("noise_b", "z"),
    ]);

    public const int RegimeColumn = 2;

    /// <summary>Builds <paramref name="seconds"/> of decisions, sampled every <paramref name="sampleNs"/>.</summary>
    public static DatasetBuilder Build(int seconds, int seed, double signal = 0.15, long sampleNs = 1_000_000_000)
    {
        var rng = new Random(seed);
        var b = new DatasetBuilder(Schema.Count, sampleNs);
        double flow = 0, mid = 100_000;
        int regime = 0;
        Span<float> row = stackalloc float[Schema.Count];
        int steps = seconds * 10;
        for (int i = 0; i < steps; i++)
        {
            if (i % 3000 == 0) regime = rng.Next(3);
            flow = 0.995 * flow + 0.1 * Gauss(rng);
            double strength = regime == 1 ? 2 * signal : regime == 2 ? 0.3 * signal : signal;
            mid += strength * flow + 0.3 * Gauss(rng);
            row[0] = (float)flow;
            row[1] = (float)Gauss(rng);
            row[2] = regime;
            row[3] = (float)Gauss(rng);
            b.Add(T0 + i * StepNs, Math.Round(mid * 2) / 2, true, row);
        }
        return b;
    }

    public static LabeledDataset Labeled(int seconds, int seed, double signal = 0.15, double thresholdTicks = 1.0) =>
        Labeled(Build(seconds, seed, signal), thresholdTicks);

    public static LabeledDataset Labeled(DatasetBuilder b, double thresholdTicks = 1.0) =>
        new(b.Samples, b.Decisions, [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)], new MoveThreshold(thresholdTicks, false));

    private static double Gauss(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
}
