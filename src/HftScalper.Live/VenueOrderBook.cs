using System.Collections.Concurrent;
using HftScalper.Binance.UserData;
using HftScalper.Trading.Execution;
using BinanceStatus = HftScalper.Binance.UserData.OrderStatus;

namespace HftScalper.Live;

/// <summary>
/// A gateway's orders (<see cref="VenueOrder"/> by engine id, and by the route key their venue order's user data
/// reports carry) and what a user data order report does to them: the same for spot <c>executionReport</c> and USD-M
/// <c>ORDER_TRADE_UPDATE</c>. Reports pass <see cref="OrderUpdateSequencer"/> (duplicates and stale ones dropped and
/// counted) and then add only what the order's record does not hold yet (<see cref="OrderReportEmitter"/>), so a
/// fill is reported once whichever source (stream, response, query) brings it first.
/// </summary>
internal sealed class VenueOrderBook(ClientOrderIdSession session, VenueSymbols symbols, OrderReportEmitter reports)
{
    private readonly ConcurrentDictionary<long, VenueOrder> _orders = new();
    private readonly ConcurrentDictionary<long, VenueOrder> _routes = new();
    private readonly OrderUpdateSequencer _sequencer = new();
    private readonly object _sequencerGate = new();
    private long _coveredFills, _foreignReports, _lateReports;

    /// <summary>Orders tracked.</summary>
    public int Count => _orders.Count;

    /// <summary>Every order tracked (a live view).</summary>
    public ICollection<VenueOrder> Orders => _orders.Values;

    /// <summary>User data reports dropped as duplicates (same trade, or same state) by the sequencer.</summary>
    public long DuplicateReports { get { lock (_sequencerGate) return _sequencer.Duplicates; } }

    /// <summary>User data reports dropped as stale (behind what the order already showed).</summary>
    public long StaleReports { get { lock (_sequencerGate) return _sequencer.Stale; } }

    /// <summary>Fills dropped because another source (response, query) had already reported their quantity.</summary>
    public long CoveredFills => Interlocked.Read(ref _coveredFills);

    /// <summary>User data reports for orders already done: dropped.</summary>
    public long LateReports => Interlocked.Read(ref _lateReports);

    /// <summary>Order reports of ids that are not this session's (another process, a previous run).</summary>
    public long ForeignReports => Interlocked.Read(ref _foreignReports);

    /// <summary>The order of an engine id, if it reached the sender.</summary>
    public bool TryGet(ClientOrderId id, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out VenueOrder order) =>
        _orders.TryGetValue(id.Value, out order);

    /// <summary>The gateway's view of an order (false when it never reached the sender).</summary>
    public bool TryGetState(ClientOrderId id, out VenueOrderState state)
    {
        state = default;
        if (!_orders.TryGetValue(id.Value, out var o)) return false;
        lock (o) state = o.State;
        return true;
    }

    /// <summary>Orders whose request has no answer yet: sent and not answered, an Unknown outcome, or a replace in flight
    /// (a new allocation per call: the exit's, never the hot path's).</summary>
    public List<VenueOrder> Unanswered()
    {
        var list = new List<VenueOrder>();
        foreach (var o in _orders.Values)
            lock (o)
                if (o.State is VenueOrderState.Sent or VenueOrderState.Unknown || (o.ReplacePending && o.State != VenueOrderState.Done))
                    list.Add(o);
        return list;
    }

    /// <summary>A new order with its own venue order (our id as the session formats it): tracked and routed.</summary>
    public VenueOrder Track(in OrderRequest r)
    {
        var order = new VenueOrder(r, session.Format(r.ClientOrderId), r.ClientOrderId.Value, symbols.Info[r.SymbolId].Name);
        _orders[r.ClientOrderId.Value] = order;
        _routes[order.RouteKey] = order;
        return order;
    }

    /// <summary>A replacement that takes <paramref name="original"/>'s venue order over (USD-M <c>order.modify</c>):
    /// tracked; routed by <see cref="Reroute"/> once the amendment happened.</summary>
    public VenueOrder TrackSuccessor(VenueOrder original, in OrderRequest r, long baseLots)
    {
        var order = new VenueOrder(r, original.VenueId, original.RouteKey, original.Symbol) { BaseLots = baseLots };
        _orders[r.ClientOrderId.Value] = order;
        return order;
    }

    /// <summary>Routes the venue order's reports to <paramref name="order"/> from now on.</summary>
    public void Reroute(VenueOrder order) => _routes[order.RouteKey] = order;

    /// <summary>The order a report is for, by our id text <paramref name="clientOrderId"/>; false (counted foreign)
    /// when the id is not this session's or not one we placed.</summary>
    public bool TryRoute(string? clientOrderId, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out VenueOrder order)
    {
        order = null;
        if (session.TryParse(clientOrderId, out var id) && _routes.TryGetValue(id.Value, out order)) return true;
        Interlocked.Increment(ref _foreignReports);
        return false;
    }

    /// <summary>True when the sequencer finds the report fresh (neither a duplicate nor stale; those are counted).</summary>
    public bool IsFresh(OrderUpdate u)
    {
        lock (_sequencerGate) return _sequencer.Classify(u) == ReportOrder.Fresh;
    }

    /// <summary>
    /// A fresh order report applied to its order: New acks, Trade fills what the record does not hold yet (above the
    /// order's base), Canceled/Expired/TradePrevention end the remainder, Rejected rejects; a report for an order
    /// already done is late (counted, dropped). The sequencer forgets a venue order once a report says it is terminal.
    /// </summary>
    public void Apply(VenueOrder order, OrderUpdate u)
    {
        long exchangeNs = u.TransactionTimeMs * 1_000_000;
        lock (order)
        {
            if (order.State == VenueOrderState.Done)
            {
                Interlocked.Increment(ref _lateReports);
                return;
            }
            if (order.State != VenueOrderState.Unknown) order.State = VenueOrderState.Live;
            switch (u.ExecutionType)
            {
                case ExecutionType.New:
                    reports.EmitAck(order);
                    break;
                case ExecutionType.Trade:
                    long cum = u.CumulativeQuantity - order.BaseLots;
                    if (cum <= order.ReportedLots)
                    {
                        Interlocked.Increment(ref _coveredFills);
                        break;
                    }
                    long lots = cum - order.ReportedLots;
                    reports.EmitFill(order, lots, u.LastPrice, symbols.FeeOf(order.Request.SymbolId, u), cum, u.IsMaker, exchangeNs);
                    order.ReportedQuote += lots * u.LastPrice;
                    if (u.Status == BinanceStatus.Filled) reports.EmitCancelled(order, exchangeNs); // no-op unless filled short of our quantity
                    break;
                case ExecutionType.Canceled or ExecutionType.Expired or ExecutionType.TradePrevention:
                    if (u.Status is BinanceStatus.Canceled or BinanceStatus.Expired or BinanceStatus.ExpiredInMatch)
                        reports.EmitCancelled(order, exchangeNs);
                    break;
                case ExecutionType.Rejected:
                    reports.EmitReject(order, ExecutionReason.VenueRejected);
                    break;
            }
        }
        if (u.Status is BinanceStatus.Filled or BinanceStatus.Canceled or BinanceStatus.Expired or BinanceStatus.ExpiredInMatch or BinanceStatus.Rejected)
            lock (_sequencerGate) _sequencer.Forget(u.Market, u.OrderId);
    }
}
