using System.Diagnostics;

namespace HftScalper.Recording.Replay;

/// <summary>
/// Paces a replay at recorded speed times a factor (2 = twice as fast), for demos and soak runs; backtests do not
/// use it and run as fast as possible. The first recorded timestamp is anchored to the moment it is seen; each
/// later record waits until its recorded offset, divided by the speed, has elapsed on the monotonic clock.
/// Records with no timestamp (0) or going back in time are released at once.
/// </summary>
public sealed class ReplayPacer
{
    private readonly double _speed;
    private long _anchorRecordedNs;
    private long _anchorTicks;
    private bool _anchored;

    /// <summary>Creates a pacer; <paramref name="speed"/> must be positive.</summary>
    public ReplayPacer(double speed)
    {
        if (!(speed > 0) || double.IsInfinity(speed)) throw new ArgumentOutOfRangeException(nameof(speed), speed, "speed must be a positive finite factor");
        _speed = speed;
    }

    /// <summary>The speed factor.</summary>
    public double Speed => _speed;

    /// <summary>Total time spent waiting, in ns.</summary>
    public long WaitedNs { get; private set; }

    /// <summary>How long a record at <paramref name="recordedNs"/> must still wait, given the anchor and elapsed time (0 or more).</summary>
    public static long DelayNs(long anchorRecordedNs, long recordedNs, long elapsedNs, double speed)
    {
        if (recordedNs <= anchorRecordedNs) return 0;
        double due = (recordedNs - anchorRecordedNs) / speed;
        return due > elapsedNs ? (long)(due - elapsedNs) : 0;
    }

    /// <summary>Blocks until the record at <paramref name="recordedNs"/> is due.</summary>
    public void Pace(long recordedNs)
    {
        if (recordedNs == 0) return;
        if (!_anchored)
        {
            _anchored = true;
            _anchorRecordedNs = recordedNs;
            _anchorTicks = Stopwatch.GetTimestamp();
            return;
        }
        long delay = DelayNs(_anchorRecordedNs, recordedNs, ElapsedNs(), _speed);
        if (delay > 0) Wait(delay);
    }

    private long ElapsedNs() => (long)((Stopwatch.GetTimestamp() - _anchorTicks) * (1e9 / Stopwatch.Frequency));

    // Sleep for the bulk (cheap on a shared box), then yield for the last stretch (sleep granularity is ~1 ms).
    private void Wait(long delayNs)
    {
        long until = ElapsedNs() + delayNs;
        long start = ElapsedNs();
        while (true)
        {
            long left = until - ElapsedNs();
            if (left <= 0) break;
            if (left > 2_000_000) Thread.Sleep((int)Math.Min(left / 1_000_000 - 1, int.MaxValue));
            else Thread.Yield();
        }
        WaitedNs += ElapsedNs() - start;
    }
}
