namespace HftScalper.Training.Labels;

/// <summary>
/// Labels of every sample at one horizon, in sample order: the direction class (-1 when the data ends before the
/// horizon), the forward mid change in ticks, the label end time (sample time + horizon, what purging checks) and
/// the persistence class (the move over the previous horizon, the baseline "the last move continues").
/// </summary>
public sealed class HorizonLabels
{
    /// <summary>Wraps label arrays of equal length; <paramref name="forwardBps"/> null = not computed (NaN everywhere).</summary>
    public HorizonLabels(long horizonNs, int[] classes, float[] forwardTicks, long[] endTimesNs, int[] persistence, float[]? forwardBps = null)
    {
        if (forwardTicks.Length != classes.Length || endTimesNs.Length != classes.Length || persistence.Length != classes.Length
            || (forwardBps is not null && forwardBps.Length != classes.Length))
            throw new ArgumentException("label arrays differ in length");
        if (forwardBps is null)
        {
            forwardBps = new float[classes.Length];
            Array.Fill(forwardBps, float.NaN);
        }
        ForwardBps = forwardBps;
        HorizonNs = horizonNs;
        Classes = classes;
        ForwardTicks = forwardTicks;
        EndTimesNs = endTimesNs;
        Persistence = persistence;
    }

    /// <summary>The horizon in ns of exchange time.</summary>
    public long HorizonNs { get; }

    /// <summary>Direction class per sample (<see cref="Data.DirectionClass"/>), -1 when unlabelled.</summary>
    public int[] Classes { get; }

    /// <summary>Mid at t + horizon minus mid at t, ticks (NaN when unlabelled).</summary>
    public float[] ForwardTicks { get; }

    /// <summary>Mid at t + horizon minus mid at t, in basis points of the mid at t (NaN when unlabelled): the
    /// scale-free target of the return regressor and of the class-conditional mean moves.</summary>
    public float[] ForwardBps { get; }

    /// <summary>Sample time + horizon: the label depends on prices up to this time.</summary>
    public long[] EndTimesNs { get; }

    /// <summary>Class of the move over <c>[t - horizon, t]</c> (flat when there is no history).</summary>
    public int[] Persistence { get; }

    /// <summary>Number of labelled samples.</summary>
    public int LabelledCount => Classes.Count(c => c >= 0);
}
