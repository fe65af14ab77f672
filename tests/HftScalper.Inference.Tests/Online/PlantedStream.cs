namespace HftScalper.Inference.Tests.Online;

/// <summary>
/// Synthetic decision rows with a planted relationship: feature 0 uniform in [-2, 2] decides the label (up above 0.5,
/// down below -0.5, else flat; reversed for <see cref="Inverted"/> symbols), the other features are noise, and the
/// frozen model knows nothing (uniform probabilities). Seeded, so every run is the same.
/// </summary>
internal sealed class PlantedStream(int seed, int features = 4)
{
    private readonly Random _random = new(seed);

    public static readonly float[] Uniform = [1f / 3, 1f / 3, 1f / 3];

    public int Features { get; } = features;

    public Func<int, bool> Inverted { get; init; } = _ => false;

    public int Next(int symbol, Span<float> row)
    {
        for (int i = 0; i < Features; i++) row[i] = (float)(_random.NextDouble() * 4 - 2);
        int label = row[0] > 0.5f ? 2 : row[0] < -0.5f ? 0 : 1;
        return Inverted(symbol) ? 2 - label : label;
    }
}
