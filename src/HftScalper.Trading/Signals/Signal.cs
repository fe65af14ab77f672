using System.Runtime.InteropServices;

namespace HftScalper.Trading.Signals;

/// <summary>
/// What the strategy wants for one symbol after a decision: a direction with a confidence and an expected edge.
/// Blittable and small, so the signal stage hands it to risk by reference without allocating.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct Signal
{
    /// <summary>Symbol id from the <see cref="Core.Symbols.SymbolRegistry"/>.</summary>
    public int SymbolId;

    /// <summary>Wanted direction: long, short or flat (flat = no new exposure; risk may still reduce).</summary>
    public SignalDirection Direction;

    /// <summary>Where the signal came from (a model, an ensemble, or the rule-based fallback).</summary>
    public SignalSource Source;

    /// <summary>Probability in [0, 1] that the price moves in <see cref="Direction"/> over the horizon.</summary>
    public float Confidence;

    /// <summary>Expected favourable move over the horizon in price ticks (before fees; may be 0 when unknown).</summary>
    public float ExpectedEdgeTicks;

    /// <summary>Exchange time of the decision event, in ns since the Unix epoch (the simulated or live clock).</summary>
    public long TimeNs;

    /// <summary>Local receive time of the event that triggered the decision, in ns (for tick-to-decision latency).</summary>
    public long EventLocalTimeNs;

    /// <summary>Ring sequence of the decision event (ties signals, orders and reports back to the input).</summary>
    public long Sequence;
}
