using HftScalper.Inference.Contracts;
using HftScalper.Training.Data;

namespace HftScalper.Training.Labels;

/// <summary>
/// Labels samples from the decision path in one forward pass per horizon (two pointers: samples and the path are
/// both time-ordered, so each pointer only moves forward; O(samples + decisions)). The mid "at t + h" is the mid of
/// the last decision at or before t + h (the market state as of that instant); a sample is labelled only when the
/// path continues past t + h, so the end of a recording never produces a fake "flat".
/// </summary>
internal static class ForwardLabeler
{
    /// <summary>Labels every sample of <paramref name="samples"/> at <paramref name="horizonNs"/>.</summary>
    public static HorizonLabels Label(FeatureMatrix samples, DecisionSeries path, long horizonNs, MoveThreshold threshold)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(horizonNs);
        int n = samples.Rows;
        var classes = new int[n];
        var forward = new float[n];
        var forwardBps = new float[n];
        var ends = new long[n];
        var persistence = new int[n];
        var times = path.TimesNs;
        var mids = path.MidTicks;
        var sampleTimes = samples.TimesNs;
        var sampleMids = samples.MidTicks;
        int ahead = 0;   // first decision after t + h
        int behind = 0;  // first decision after t - h
        for (int i = 0; i < n; i++)
        {
            long t = sampleTimes[i];
            double mid = sampleMids[i];
            long end = t + horizonNs;
            ends[i] = end;
            while (ahead < times.Length && times[ahead] <= end) ahead++;
            if (ahead >= times.Length || ahead == 0)
            {
                classes[i] = DirectionClass.Unlabelled;
                forward[i] = float.NaN;
                forwardBps[i] = float.NaN;
            }
            else
            {
                double delta = mids[ahead - 1] - mid;
                forward[i] = (float)delta;
                forwardBps[i] = mid > 0 ? (float)(delta / mid * 1e4) : float.NaN;
                classes[i] = threshold.Classify(delta, mid);
            }
            long start = t - horizonNs;
            while (behind < times.Length && times[behind] <= start) behind++;
            persistence[i] = behind == 0 ? DirectionClass.Flat : threshold.Classify(mid - mids[behind - 1], mids[behind - 1]);
        }
        return new HorizonLabels(horizonNs, classes, forward, ends, persistence, forwardBps);
    }
}
