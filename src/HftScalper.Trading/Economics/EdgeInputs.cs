using System.Runtime.InteropServices;
using HftScalper.Trading.Execution;

namespace HftScalper.Trading.Economics;

/// <summary>What <see cref="EdgeModel.Estimate"/> needs for one entry (plain values; prices in ticks, sizes in lots).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct EdgeInputs
{
    /// <summary>+1 buy (long), -1 sell (short).</summary>
    public int Direction;

    /// <summary>Expected mid move over the horizon, bps of the mid, signed (positive = up).</summary>
    public double ExpectedMoveBps;

    /// <summary>Best bid, ticks.</summary>
    public long BidTicks;

    /// <summary>Best ask, ticks.</summary>
    public long AskTicks;

    /// <summary>Order size, lots.</summary>
    public long QuantityLots;

    /// <summary>Highest (buy) or lowest (sell) price a taker order may fill at, ticks; 0 = no limit (market).</summary>
    public long TakerLimitTicks;

    /// <summary>Lots traded against our side's best per second recently (sells hitting the bid for a buy, buys
    /// lifting the ask for a sell); 0 or NaN when unknown.</summary>
    public double TouchFlowLotsPerSecond;

    /// <summary>Model horizon, ns (the window a maker order has to fill).</summary>
    public long HorizonNs;

    /// <summary>Fee rates of the account.</summary>
    public FeeSchedule Fees;

    /// <summary>Expected mid move against a passive entry given that it fills, bps, beyond what the queue implies
    /// (added to the maker's adverse-selection term; <see cref="Risk.RiskOptions.MakerAdverseSelectionBps"/>).</summary>
    public double MakerAdverseSelectionBps;
}
