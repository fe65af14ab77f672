namespace HftScalper.Disruptor;

/// <summary>Millisecond timeout arithmetic on the monotonic tick count (waiting paths only, never per event).</summary>
internal static class TimeoutMs
{
    /// <summary>No timeout.</summary>
    public const long Infinite = -1;

    public static long From(TimeSpan? timeout)
    {
        if (timeout is not { } t)
        {
            return Infinite;
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(t, TimeSpan.Zero);
        return Math.Max(1, (long)t.TotalMilliseconds);
    }

    public static long Deadline(long timeoutMs) =>
        timeoutMs == Infinite ? long.MaxValue : Environment.TickCount64 + timeoutMs;

    public static bool Expired(long deadline) => deadline != long.MaxValue && Environment.TickCount64 >= deadline;

    /// <summary>Milliseconds left until <paramref name="deadline"/> as a Monitor.Wait argument (-1 = infinite).</summary>
    public static int Remaining(long deadline) =>
        deadline == long.MaxValue ? Timeout.Infinite : (int)Math.Clamp(deadline - Environment.TickCount64, 0, int.MaxValue);
}
