using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace HftScalper.Binance.Transport;

/// <summary>
/// Receive-time clock: Unix-epoch nanoseconds derived from the monotonic <see cref="Stopwatch"/> and one
/// wall-clock reading taken at start-up, so stamping a frame costs one timestamp read and never jumps backwards
/// when NTP steps the wall clock.
/// </summary>
internal static class LocalClock
{
    private static readonly long EpochNsAtStart = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
    private static readonly long TimestampAtStart = Stopwatch.GetTimestamp();
    private static readonly double NsPerTick = 1e9 / Stopwatch.Frequency;

    /// <summary>Now, in nanoseconds since the Unix epoch (monotonic within the process).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long NowNs() => EpochNsAtStart + (long)((Stopwatch.GetTimestamp() - TimestampAtStart) * NsPerTick);
}
