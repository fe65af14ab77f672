using System.Runtime.InteropServices;

namespace HftScalper.Trading.Risk;

/// <summary>What risk needs to know about the market and the model for one decision (plain values; the
/// pipeline fills it from the book, the feature row and the model host).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct RiskMarketView
{
    /// <summary>True when the symbol's book is synced (snapshot plus an unbroken chain of updates), or, for an L1 feed
    /// whose quote is the market state (Lean ticks, Binance CSVs: no depth), when its quote is two-sided and uncrossed.</summary>
    public bool BookSynced;

    /// <summary>True when a healthy model produced (or could have produced) the signal.</summary>
    public bool ModelHealthy;

    /// <summary>True when the model is a sequence model whose history of this symbol is still filling (start, gap,
    /// resync, model swap): there is no prediction and no fallback, so nothing is decided (<see cref="RiskVerdict.ModelWarming"/>).</summary>
    public bool ModelWarming;

    /// <summary>Best bid in ticks.</summary>
    public long BidTicks;

    /// <summary>Best ask in ticks.</summary>
    public long AskTicks;

    /// <summary>Exchange time of the symbol's latest market event, ns (staleness check against <c>nowNs</c>).</summary>
    public long LastEventTimeNs;

    /// <summary>Current volatility (feature <c>realized_vol_fast</c>, same unit as
    /// <see cref="RiskOptions.TargetVolatility"/>); 0 or NaN when unknown (no scaling then).</summary>
    public float Volatility;

    /// <summary>True when <see cref="ExpectedMoveBps"/> holds the model's expected move: the expected-value gate
    /// applies (false = no estimate, entries are not EV-gated).</summary>
    public bool HasExpectedMove;

    /// <summary>Expected mid move over the horizon, bps of the mid, signed (positive = up).</summary>
    public double ExpectedMoveBps;

    /// <summary>Model horizon, ns (the window a maker order has to fill).</summary>
    public long HorizonNs;

    /// <summary>Lots per second recently traded against the bid (sell aggressors).</summary>
    public double BidFlowLotsPerSecond;

    /// <summary>Lots per second recently traded against the ask (buy aggressors).</summary>
    public double AskFlowLotsPerSecond;

    /// <summary>The visible top levels (counts 0 = unknown).</summary>
    public Economics.BookDepth Depth;
}
