using HftScalper.Inference.Contracts;
using HftScalper.Training.Adaptation;
using HftScalper.Training.Data;
using HftScalper.Training.Labels;

namespace HftScalper.Training.Tests;

/// <summary>
/// Transfer by pooling (<c>--transfer-below</c>): two symbols' windows, each labelled on its own prices, merged into one
/// dataset in sample-time order; every row keeps the label its own symbol's path gave it (a row is never labelled on
/// the other symbol's prices).
/// </summary>
public sealed class PooledSamplesTests
{
    private const long Ms = 1_000_000, T0 = 1_700_000_000_000_000_000;
    private static readonly TimeSpan Horizon = TimeSpan.FromSeconds(1);

    // A symbol whose mid climbs (or falls) one tick every 100 ms, sampled every 100 ms from its offset; the first column is its tag.
    private static (FeatureMatrix Samples, DecisionSeries Path) Series(float tag, double startMid, double step, long offsetNs)
    {
        var samples = new FeatureMatrix(2);
        var path = new DecisionSeries();
        for (int i = 0; i < 100; i++)
        {
            long t = T0 + offsetNs + i * 100 * Ms;
            double mid = startMid + step * i;
            path.Add(t, mid);
            samples.Add([tag, i], t, mid);
        }
        return (samples, path);
    }

    [Fact]
    public void Rows_of_both_symbols_are_merged_in_time_order_each_with_its_own_symbols_label()
    {
        var up = Series(1, 1000, +1, 0);
        var down = Series(2, 50_000, -1, 30 * Ms); // another price level, interleaved in time
        var threshold = new MoveThreshold(0, false);

        var pooled = PooledSamples.Label([up, down], Horizon, threshold);
        var alone = new LabeledDataset(up.Samples, up.Path, [Horizon], threshold).At(Horizon);

        Assert.Equal(200, pooled.Samples.Rows);
        var times = pooled.Samples.TimesNs.ToArray();
        Assert.Equal(times.Order(), times);
        var labels = pooled.At(Horizon);
        int ups = 0;
        for (int i = 0; i < pooled.Samples.Rows; i++)
        {
            bool isUp = pooled.Samples[i, 0] == 1;
            int c = labels.Classes[i];
            if (c < 0) continue; // the last second of each series has no label
            Assert.Equal(isUp ? DirectionClass.Up : DirectionClass.Down, c);
            if (isUp) Assert.Equal(alone.Classes[(int)pooled.Samples[i, 1]], c);
            if (isUp) ups++;
        }
        Assert.Equal(alone.LabelledCount, ups);
    }
}
