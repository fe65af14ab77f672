using System.Runtime.InteropServices;

namespace HftScalper.Trading.Execution;

/// <summary>One order as the client side knows it (a slot of <see cref="OrderTracker"/>'s pre-allocated pool).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct TrackedOrder
{
    /// <summary>The order as sent.</summary>
    public OrderRequest Request;

    /// <summary>Current status.</summary>
    public OrderStatus Status;

    /// <summary>Filled so far in lots.</summary>
    public long FilledLots;

    /// <summary>Time of the last change, ns (request time, then report receive times).</summary>
    public long UpdatedNs;

    /// <summary>Quantity that may still trade, in lots.</summary>
    public readonly long LeavesLots => Request.QuantityLots - FilledLots;
}
