namespace HftScalper.Trading.Execution;

/// <summary>
/// Client-side order life cycle. Pure function of (status, report): used by <see cref="OrderTracker"/> and
/// by any gateway that needs the same rules.
/// <code>
/// PendingNew --Ack--> New --PartialFill--> PartiallyFilled --Fill--> Filled
///     |                |  \                   |        \
///     +--Rejected      |   Cancel sent        |         Cancel/Replace sent
///                      v                      v
///            PendingCancel / PendingReplace --Cancelled--> Cancelled
///                 (fills keep it pending; a cancel reject returns it to New/PartiallyFilled)
/// Unknown (lost track) --any report--> the status that report implies
/// </code>
/// </summary>
internal static class OrderStateMachine
{
    /// <summary>True when no report can change the status any more.</summary>
    public static bool IsTerminal(OrderStatus status) =>
        status is OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Rejected;

    /// <summary>True when the order may still trade (counts against open-order limits).</summary>
    public static bool IsOpen(OrderStatus status) => status is not (OrderStatus.None or OrderStatus.Filled
        or OrderStatus.Cancelled or OrderStatus.Rejected);

    /// <summary>
    /// The status after <paramref name="kind"/>; false (and <paramref name="next"/> = <paramref name="current"/>)
    /// when the report is not valid in this status (a duplicate or out-of-order report: count it, keep the state).
    /// <paramref name="filledLots"/> is the cumulative fill after the report (decides where a rejected cancel
    /// returns to).
    /// </summary>
    public static bool TryApply(OrderStatus current, ExecutionReportKind kind, long filledLots, out OrderStatus next)
    {
        next = current;
        switch (current)
        {
            case OrderStatus.PendingNew:
            case OrderStatus.New:
            case OrderStatus.PartiallyFilled:
            case OrderStatus.Unknown:
                switch (kind)
                {
                    case ExecutionReportKind.Ack:
                        if (current is OrderStatus.PendingNew or OrderStatus.Unknown)
                            next = filledLots > 0 ? OrderStatus.PartiallyFilled : OrderStatus.New;
                        return true;
                    case ExecutionReportKind.PartialFill: next = OrderStatus.PartiallyFilled; return true;
                    case ExecutionReportKind.Fill: next = OrderStatus.Filled; return true;
                    case ExecutionReportKind.Cancelled: next = OrderStatus.Cancelled; return true;
                    case ExecutionReportKind.Rejected:
                        if (current is OrderStatus.PendingNew or OrderStatus.Unknown)
                        {
                            next = OrderStatus.Rejected;
                            return true;
                        }
                        return false;
                    default: return false;
                }
            case OrderStatus.PendingCancel:
            case OrderStatus.PendingReplace:
                switch (kind)
                {
                    case ExecutionReportKind.Ack:
                    case ExecutionReportKind.PartialFill: return true; // still waiting for the cancel's answer
                    case ExecutionReportKind.Fill: next = OrderStatus.Filled; return true;
                    case ExecutionReportKind.Cancelled: next = OrderStatus.Cancelled; return true;
                    case ExecutionReportKind.Rejected: // the cancel/replace was refused: the order lives on
                        next = filledLots > 0 ? OrderStatus.PartiallyFilled : OrderStatus.New;
                        return true;
                    default: return false;
                }
            default:
                return false;
        }
    }
}
