using HftScalper.Inference.Calibration;
using HftScalper.Inference.Contracts;

namespace HftScalper.Inference.Tests.Calibration;

/// <summary>The hand-computed move-prior tests' model: 2 s horizon, sampled every 250 ms, any move counts; the k-th
/// pair of a stream starting at 0 resolves at 2,000 + 250 (k − 1) ms.</summary>
internal static class TwoSecondTracker
{
    /// <summary>Nanoseconds per millisecond.</summary>
    public const long Ms = 1_000_000;

    /// <summary>A tracker with these settings.</summary>
    public static MovePriorTracker New(MovePriorOptions o) => new(2_000 * Ms, 250 * Ms, new MoveThreshold(0, false), o);

    /// <summary>Feeds the samples at <paramref name="fromMs"/>, +250, ... ms up to <paramref name="untilMs"/> (exclusive).</summary>
    public static void Feed(MovePriorTracker t, long fromMs, long untilMs, Func<long, double> midAt, float pMove = 0.5f)
    {
        for (long ms = fromMs; ms < untilMs; ms += 250) t.OnDecision(ms * Ms, midAt(ms), pMove);
    }
}
