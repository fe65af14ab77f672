using System.Runtime.InteropServices;

namespace HftScalper.Trading.Economics;

/// <summary>
/// The economics of one entry decision, in basis points of the mid (see <see cref="EdgeModel"/>): the expected move
/// in the trade's direction, each cost term, and the net expected value of entering as a taker (IOC) or as a maker
/// (post-only at our own best), round trip included (the exit is assumed to take liquidity at the touch).
/// <see cref="Risk.RiskManager.LastEdge"/> keeps the latest per symbol, for quote management to read.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct EdgeEstimate
{
    /// <summary>Exchange time of the decision, ns (0 = no estimate yet).</summary>
    public long TimeNs;

    /// <summary>+1 long, -1 short.</summary>
    public int Direction;

    /// <summary>Expected mid move over the horizon in the trade's direction, bps (positive = favourable).</summary>
    public double ExpectedMoveBps;

    /// <summary>Half the quoted spread, bps of the mid.</summary>
    public double HalfSpreadBps;

    /// <summary>Entry fee of a taker plus the exit's taker fee, bps of notional.</summary>
    public double TakerFeesBps;

    /// <summary>Entry fee of a maker (negative = rebate) plus the exit's taker fee, bps.</summary>
    public double MakerFeesBps;

    /// <summary>Spread a taker round trip pays: half a spread in, half a spread out, bps.</summary>
    public double TakerSpreadBps;

    /// <summary>Extra cost of walking the visible levels beyond the touch for the order's size, bps.</summary>
    public double SlippageBps;

    /// <summary>Probability that a post-only order at our best fills before the horizon (queue ahead vs the flow).</summary>
    public double MakerFillProbability;

    /// <summary>Expected adverse selection of a maker fill, bps (fills that need the level taken out come with the
    /// mid a spread against us).</summary>
    public double AdverseSelectionBps;

    /// <summary>Net expected value of a taker round trip: move - fees - spread - slippage, bps.</summary>
    public double TakerEvBps;

    /// <summary>Net expected value of a maker round trip given a fill: move - fees - adverse selection (the spread
    /// earned on entry pays the exit's crossing), bps.</summary>
    public double MakerEvBps;
}
