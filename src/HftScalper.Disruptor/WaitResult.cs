namespace HftScalper.Disruptor;

/// <summary>
/// Sentinel values a wait returns instead of a sequence. Both are far below any real sequence (which starts at -1),
/// so callers test <c>available &gt;= wanted</c> and only look at these on the rare "no" path — no exceptions are
/// used for control flow.
/// </summary>
internal static class WaitResult
{
    /// <summary>The wait was interrupted by an <see cref="AlertFlag"/> (halt or stop).</summary>
    public const long Alerted = long.MinValue;

    /// <summary>The wait strategy's timeout elapsed before the sequence became available.</summary>
    public const long TimedOut = long.MinValue + 1;
}
