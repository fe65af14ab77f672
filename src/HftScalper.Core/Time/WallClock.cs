using System.Diagnostics;

namespace HftScalper.Core.Time;

/// <summary>
/// Live time: Unix-epoch ns from the monotonic <see cref="Stopwatch"/> anchored to one wall-clock reading taken at
/// construction (one timestamp read per call; never jumps backwards when NTP steps the system clock), plus
/// <see cref="OffsetNs"/>, the venue's clock minus ours as measured by a time sync (Binance <c>serverTime</c>), so
/// "now" is the exchange's now. Thread-safe.
/// </summary>
public sealed class WallClock : ITradingClock
{
    private readonly long _epochNsAtStart = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
    private readonly long _timestampAtStart = Stopwatch.GetTimestamp();
    private readonly double _nsPerTick = 1e9 / Stopwatch.Frequency;
    private long _offsetNs;

    /// <summary>Venue clock minus local clock, ns (0 until a time sync sets it); any thread.</summary>
    public long OffsetNs
    {
        get => Volatile.Read(ref _offsetNs);
        set => Volatile.Write(ref _offsetNs, value);
    }

    /// <summary>Now, ns since the Unix epoch, on the venue's clock as far as <see cref="OffsetNs"/> is known.</summary>
    public long Now() => _epochNsAtStart + (long)((Stopwatch.GetTimestamp() - _timestampAtStart) * _nsPerTick) + Volatile.Read(ref _offsetNs);

    /// <inheritdoc />
    /// <remarks>The event's time is ignored: a live decision happens now, however old the event it reacts to.</remarks>
    public long NowNs(long eventTimeNs) => Now();
}
