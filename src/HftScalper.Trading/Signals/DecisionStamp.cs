namespace HftScalper.Trading.Signals;

/// <summary>
/// When and where a decision happened: the plain values a signal copies into <see cref="Signal"/> (Trading does not
/// reference the engine's <c>DecisionInfo</c>; the pipeline fills this from it).
/// </summary>
/// <param name="ExchangeTimeNs">Exchange time of the decision event (ns since the Unix epoch); drives cool-downs.</param>
/// <param name="LocalTimeNs">Local receive time of the triggering event (ns), for tick-to-decision latency.</param>
/// <param name="Sequence">Ring sequence of the decision event.</param>
public readonly record struct DecisionStamp(long ExchangeTimeNs, long LocalTimeNs, long Sequence);
