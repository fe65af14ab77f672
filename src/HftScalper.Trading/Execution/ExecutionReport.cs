using System.Runtime.InteropServices;

namespace HftScalper.Trading.Execution;

/// <summary>
/// One event in an order's life as a gateway reports it: ack, partial fill, fill, cancel or reject. Blittable;
/// prices in ticks, quantities in lots, fees in the symbol's quote units (ticks x lots, i.e.
/// 10^-(PriceDecimals+QuantityDecimals) of the quote asset, an inverse contract's coin units; see <see cref="FeeSchedule"/> and <see cref="Ledger.SymbolAmounts"/>).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct ExecutionReport
{
    /// <summary>What happened.</summary>
    public ExecutionReportKind Kind;

    /// <summary>Why (rejects and cancels), else <see cref="ExecutionReason.None"/>.</summary>
    public ExecutionReason Reason;

    /// <summary>Buy or sell (of the order).</summary>
    public OrderSide Side;

    /// <summary>Order type.</summary>
    public OrderType OrderType;

    /// <summary>Maker or taker for fills; <see cref="Execution.Liquidity.None"/> otherwise.</summary>
    public Liquidity Liquidity;

    /// <summary>Symbol id.</summary>
    public int SymbolId;

    /// <summary>The order this report is about.</summary>
    public ClientOrderId ClientOrderId;

    /// <summary>Limit price of the order in ticks (0 for market orders).</summary>
    public long OrderPriceTicks;

    /// <summary>Price of this fill in ticks (fills only).</summary>
    public long LastPriceTicks;

    /// <summary>Quantity of this fill in lots (fills only).</summary>
    public long LastQuantityLots;

    /// <summary>Total filled so far in lots, this fill included.</summary>
    public long CumulativeQuantityLots;

    /// <summary>Quantity still open in lots (0 once the order is done).</summary>
    public long LeavesQuantityLots;

    /// <summary>Fee of this fill in the symbol's quote units (negative = rebate).</summary>
    public long Fee;

    /// <summary>When the venue processed the event, ns (exchange time in paper and backtest).</summary>
    public long ExchangeTimeNs;

    /// <summary>When the report reached us, ns (exchange time + response latency in paper and backtest).</summary>
    public long ReceiveTimeNs;

    /// <summary>True for fills (partial or complete).</summary>
    public readonly bool IsFill => Kind is ExecutionReportKind.PartialFill or ExecutionReportKind.Fill;

    /// <summary>Signed position change of this fill (+ for buys, - for sells; 0 when not a fill).</summary>
    public readonly long SignedFillQuantity => !IsFill ? 0 : Side == OrderSide.Sell ? -LastQuantityLots : LastQuantityLots;
}
