namespace HftScalper.Training.Data;

/// <summary>
/// How many consecutive sample rows end at each row without a gap longer than the limit (or time going backwards):
/// a row with run length at least T ends a complete sequence window of T rows. The one rule that cuts training
/// sequences, evaluation windows and (for serving) the LSTM step's restarts.
/// </summary>
public static class SequenceRuns
{
    /// <summary>Run length at every row of <paramref name="times"/> (1 = the row starts a run).</summary>
    public static int[] Lengths(ReadOnlySpan<long> times, long maxGapNs)
    {
        var run = new int[times.Length];
        for (int i = 0; i < times.Length; i++)
            run[i] = i > 0 && times[i] - times[i - 1] <= maxGapNs && times[i] >= times[i - 1] ? run[i - 1] + 1 : 1;
        return run;
    }
}
