namespace HftScalper.DeepLearning.Sequences;

/// <summary>
/// Which sample rows can end a sequence of <c>length</c> consecutive rows: the rows <c>[end-length+1, end]</c> must
/// follow each other without a gap longer than <c>maxGapNs</c> (a paused feed, a reconnect, the day between dataset
/// segments), so no window spans two markets, two symbols or an outage. Serving resets its state on the same rule.
/// </summary>
public static class SequenceWindows
{
    /// <summary>
    /// The rows among <paramref name="rows"/> that end a complete window: <paramref name="length"/> rows taken every
    /// <paramref name="stride"/> rows back, so <c>(length-1)·stride + 1</c> gap-free rows end there.
    /// </summary>
    public static int[] Ends(ReadOnlySpan<long> times, IEnumerable<int> rows, int length, long maxGapNs, int stride = 1)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        long span = (long)(length - 1) * stride + 1;
        var run = Training.Data.SequenceRuns.Lengths(times, maxGapNs);
        var ends = new List<int>();
        foreach (int r in rows)
            if (run[r] >= span) ends.Add(r);
        return [.. ends];
    }
}
