using System.Runtime.InteropServices;

namespace HftScalper.Trading.Ledger;

/// <summary>
/// Position and PnL of one symbol in integer units: lots, ticks, and the symbol's amount units (<see cref="SymbolAmounts"/>:
/// ticks x lots = 10^-(PriceDecimals+QuantityDecimals) of the quote asset for a linear symbol; coin units for an inverse
/// one). A slot of <see cref="PositionLedger"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct SymbolPosition
{
    /// <summary>Signed position in lots (+ long, - short).</summary>
    public long PositionLots;

    /// <summary>Signed cost of the open position, Σ signed lots x entry price, in quote units (+ long, - short).</summary>
    public long CostBasis;

    /// <summary>Realised PnL before fees, quote units.</summary>
    public long RealizedPnl;

    /// <summary>Fees paid (negative: rebates received), quote units.</summary>
    public long Fees;

    /// <summary>PnL of the open position at the conservative mark (long at the bid, short at the ask), quote units.</summary>
    public long UnrealizedPnl;

    /// <summary>Last best bid in ticks (0 before the first mark).</summary>
    public long BidTicks;

    /// <summary>Last best ask in ticks (0 before the first mark).</summary>
    public long AskTicks;

    /// <summary>Realised PnL minus fees of the round trip in progress (since the position left zero), quote units.</summary>
    public long OpenTradePnl;

    /// <summary>Fills applied.</summary>
    public long FillCount;

    /// <summary>Funding received (negative: paid) on USD-M perpetuals, quote units.</summary>
    public long Funding;

    /// <summary>Signed value of the open position at its entries, Σ <see cref="SymbolAmounts.Value"/>, in amount units:
    /// equal to <see cref="CostBasis"/> for a linear symbol, the coin value (-lots x size / price) for an inverse one.
    /// PnL is computed on it.</summary>
    public long ValueBasis;

    /// <summary>Average entry price in ticks (0 when flat). A double for display and sizing only.</summary>
    public readonly double AverageEntryTicks => PositionLots == 0 ? 0 : (double)CostBasis / PositionLots;

    /// <summary>Mark used for <see cref="UnrealizedPnl"/>: the bid for a long, the ask for a short (the price we
    /// could close at).</summary>
    public readonly long MarkTicks => PositionLots >= 0 ? BidTicks : AskTicks;
}
