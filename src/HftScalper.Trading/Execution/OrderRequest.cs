using System.Runtime.InteropServices;

namespace HftScalper.Trading.Execution;

/// <summary>
/// A new order (or the replacement half of a replace) as risk hands it to a gateway: blittable, integer price in
/// ticks and quantity in lots in the symbol's scales (<see cref="Core.Symbols.SymbolInfo"/>).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct OrderRequest
{
    /// <summary>Our id for the order (unique for the run).</summary>
    public ClientOrderId ClientOrderId;

    /// <summary>Symbol id from the registry.</summary>
    public int SymbolId;

    /// <summary>Buy or sell.</summary>
    public OrderSide Side;

    /// <summary>Market, limit, post-only or IOC.</summary>
    public OrderType Type;

    /// <summary>True when the order may only reduce the position (exits and kill-switch flattening).</summary>
    public bool ReduceOnly;

    /// <summary>Limit price in ticks (ignored for <see cref="OrderType.Market"/>).</summary>
    public long PriceTicks;

    /// <summary>Quantity in lots (&gt; 0, a multiple of the symbol's lot size).</summary>
    public long QuantityLots;

    /// <summary>Time the order was decided, in ns of the run's clock (exchange time in backtest and paper).</summary>
    public long TimeNs;

    /// <summary>Ring sequence of the decision event (0 when not tied to one, e.g. flattening).</summary>
    public long Sequence;

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp of when the market-data frame behind the decision
    /// was received (0 when none, e.g. flattening): the start of tick-to-order latency, which the gateway ends when
    /// the order's bytes are written (<c>tickToOrderNs</c>). A measurement only: no decision reads it.</summary>
    public long IngressTicks;

    /// <summary>Signed position change of a full fill (+qty for a buy, -qty for a sell).</summary>
    public readonly long SignedQuantity => Side == OrderSide.Sell ? -QuantityLots : QuantityLots;
}
