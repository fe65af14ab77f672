using System.Runtime.InteropServices;

namespace HftScalper.Native;

/// <summary>
/// Every microstructure figure of one book, computed natively in one call (blittable, 240 bytes; <c>hft_figures</c>).
/// Formulas are documented in native/include/hft/hft_native.h; b_i, a_i are the i-th best bid/ask prices in ticks,
/// qb_i, qa_i their quantities in lots.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct BookFigures
{
    /// <summary>Best bid price (0 when the bid side is empty).</summary>
    public long BidPrice;

    /// <summary>Quantity at the best bid.</summary>
    public long BidQuantity;

    /// <summary>Best ask price (0 when the ask side is empty).</summary>
    public long AskPrice;

    /// <summary>Quantity at the best ask.</summary>
    public long AskQuantity;

    /// <summary>a_1 - b_1 in ticks (0 when a side is empty, negative when crossed).</summary>
    public long Spread;

    /// <summary>(a_1 + b_1) / 2 in ticks (0 when a side is empty).</summary>
    public double Mid;

    /// <summary>(b_1 qa_1 + a_1 qb_1) / (qb_1 + qa_1) in ticks: the size-weighted mid (0 when a side is empty).</summary>
    public double Microprice;

    /// <summary>Depth imbalance of the best level: (qb - qa) / (qb + qa), in [-1, 1].</summary>
    public double Imbalance1;

    /// <summary>Depth imbalance over the best 5 levels per side.</summary>
    public double Imbalance5;

    /// <summary>Depth imbalance over the best 10 levels per side.</summary>
    public double Imbalance10;

    /// <summary>Depth imbalance over the best 20 levels per side.</summary>
    public double Imbalance20;

    /// <summary>Multi-level order-flow imbalance (Cont, Kukanov &amp; Stoikov 2014, per level) since the previous
    /// figures call, in lots; valid when <see cref="BookFigureFlags.OfiValid"/> is set.</summary>
    public OfiLevels Ofi;

    /// <summary>Sum of <see cref="Ofi"/> over all its levels.</summary>
    public long OfiTotal;

    /// <summary>VWAP of buying the requested notional from the asks minus a_1, in ticks (&gt;= 0).</summary>
    public double BuyImpact;

    /// <summary>b_1 minus the VWAP of selling the requested notional into the bids, in ticks (&gt;= 0).</summary>
    public double SellImpact;

    /// <summary>Notional the asks could fill (less than requested: <see cref="BookFigureFlags.BuyImpactPartial"/>).</summary>
    public double BuyFilledNotional;

    /// <summary>Notional the bids could fill (less than requested: <see cref="BookFigureFlags.SellImpactPartial"/>).</summary>
    public double SellFilledNotional;

    /// <summary>Bid depth over K levels divided by (mid - b_K + 0.5), lots per tick.</summary>
    public double BidSlope;

    /// <summary>Ask depth over K levels divided by (a_K - mid + 0.5), lots per tick.</summary>
    public double AskSlope;

    /// <summary>Number of bid levels.</summary>
    public int BidLevels;

    /// <summary>Number of ask levels.</summary>
    public int AskLevels;

    /// <summary>Validity flags.</summary>
    public BookFigureFlags Flags;

    private readonly int _reserved;

    /// <summary>True when both sides are present and best bid &gt;= best ask.</summary>
    public readonly bool IsCrossed => (Flags & BookFigureFlags.Crossed) != 0;
}
