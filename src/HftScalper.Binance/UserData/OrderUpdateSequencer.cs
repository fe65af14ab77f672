namespace HftScalper.Binance.UserData;

/// <summary>
/// Tells fresh order reports from duplicates and stale (out-of-order) ones, per exchange order id, using what every
/// report carries: the fill's trade id, the cumulative filled quantity (never decreases for one order), the
/// transaction time and the status. Binance re-sends reports after reconnects and may reorder them; the ledger must
/// apply each fill exactly once.
/// </summary>
/// <remarks>Keeps one small entry per order until <see cref="Forget"/> (call it once an order is terminal and
/// reconciled). Not thread-safe: one per user data consumer.</remarks>
public sealed class OrderUpdateSequencer
{
    private readonly Dictionary<(UserDataMarket, long), Track> _orders = [];
    private long _duplicates;
    private long _stale;

    /// <summary>Reports classified <see cref="ReportOrder.Duplicate"/>.</summary>
    public long Duplicates => _duplicates;

    /// <summary>Reports classified <see cref="ReportOrder.Stale"/>.</summary>
    public long Stale => _stale;

    /// <summary>Orders tracked.</summary>
    public int Count => _orders.Count;

    /// <summary>
    /// Classifies <paramref name="report"/> and, when fresh, records it. A fill is fresh exactly when its trade id is
    /// new for the order (a late fill is still applied once); another report is stale when its cumulative quantity or
    /// transaction time is behind, or it is not terminal after a terminal one.
    /// </summary>
    public ReportOrder Classify(OrderUpdate report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var key = (report.Market, report.OrderId);
        if (!_orders.TryGetValue(key, out var t))
        {
            t = new Track();
            _orders[key] = t;
            Record(t, report);
            return ReportOrder.Fresh;
        }
        var verdict = Judge(t, report);
        if (verdict == ReportOrder.Fresh) Record(t, report);
        else if (verdict == ReportOrder.Duplicate) _duplicates++;
        else _stale++;
        return verdict;
    }

    /// <summary>Stops tracking an order.</summary>
    public bool Forget(UserDataMarket market, long orderId) => _orders.Remove((market, orderId));

    private static ReportOrder Judge(Track t, OrderUpdate r)
    {
        if (r.IsFill)
        {
            // Every fill is applied exactly once, by trade id, even when it arrives after a later one: its quantity
            // is not in any other report's LastQuantity.
            return t.TradeIds.Contains(r.TradeId) ? ReportOrder.Duplicate : ReportOrder.Fresh;
        }
        if (t.Seen.Contains((r.ExecutionType, r.Status, r.CumulativeQuantity))) return ReportOrder.Duplicate;
        if (r.CumulativeQuantity < t.CumulativeQuantity) return ReportOrder.Stale;
        if (IsTerminal(t.Status) && !IsTerminal(r.Status)) return ReportOrder.Stale;
        if (r.TransactionTimeMs != 0 && r.TransactionTimeMs < t.TransactionTimeMs
            && r.ExecutionType != ExecutionType.Amendment) return ReportOrder.Stale;
        return ReportOrder.Fresh;
    }

    private static void Record(Track t, OrderUpdate r)
    {
        if (r.IsFill) t.TradeIds.Add(r.TradeId);
        else t.Seen.Add((r.ExecutionType, r.Status, r.CumulativeQuantity));
        t.CumulativeQuantity = Math.Max(t.CumulativeQuantity, r.CumulativeQuantity);
        if (!IsTerminal(t.Status)) t.Status = r.Status;
        t.TransactionTimeMs = Math.Max(t.TransactionTimeMs, r.TransactionTimeMs);
    }

    private static bool IsTerminal(OrderStatus s) =>
        s is OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.Rejected or OrderStatus.Expired or OrderStatus.ExpiredInMatch;

    private sealed class Track
    {
        public readonly HashSet<long> TradeIds = [];
        public readonly HashSet<(ExecutionType, OrderStatus, long)> Seen = [];
        public long CumulativeQuantity;
        public long TransactionTimeMs;
        public OrderStatus Status;
    }
}
