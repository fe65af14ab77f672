using System.Runtime.CompilerServices;

namespace HftScalper.Core.Time;

/// <summary>
/// Replay and backtest time: now is the exchange time of the event being handled, so the same events give the same
/// decisions whatever the machine or its load (the decision digest depends on it). Stateless.
/// </summary>
public sealed class EventTimeClock : ITradingClock
{
    private EventTimeClock() { }

    /// <summary>The one instance.</summary>
    public static EventTimeClock Instance { get; } = new();

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long NowNs(long eventTimeNs) => eventTimeNs;
}
