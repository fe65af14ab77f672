namespace HftScalper.Core.Time;

/// <summary>
/// The run's clock: what "now" is when the trading stage decides on a market event, in ns since the Unix epoch.
/// Replay and backtest use the event's own exchange time (<see cref="EventTimeClock"/>: deterministic, no wall-clock
/// read on the hot path); a live run uses the wall clock (<see cref="WallClock"/>), so feed staleness, the order
/// rate limit and the trading day are measured in real time. One of the three seams (feed, clock, execution gateway)
/// by which a live run differs from a backtest.
/// </summary>
public interface ITradingClock
{
    /// <summary>
    /// Now, for a decision taken on an event stamped <paramref name="eventTimeNs"/> (its exchange time). Called once
    /// per decision on the trading thread: must not allocate, lock or throw.
    /// </summary>
    long NowNs(long eventTimeNs);
}
