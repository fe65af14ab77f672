using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;
using HftScalper.Trading.Execution;
using BinanceStatus = HftScalper.Binance.UserData.OrderStatus;

namespace HftScalper.Live;

// The user data executionReports (the client's receive thread) and reconcile requests.
public sealed partial class BinanceSpotGateway
{
    private void OnUserData(object? sender, UserDataEvent e)
    {
        OnStreamEvent(e);
        if (e is not OrderUpdate u || u.Market != UserDataMarket.Spot) return;
        if (!_session.TryParse(u.OriginalClientOrderId ?? u.ClientOrderId, out var id) || !_orders.TryGetValue(id.Value, out var order))
        {
            Interlocked.Increment(ref _foreignReports);
            return;
        }
        lock (_sequencerGate)
        {
            if (_sequencer.Classify(u) != ReportOrder.Fresh) return;
        }
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
                    EmitAck(order);
                    break;
                case ExecutionType.Trade:
                    if (u.CumulativeQuantity <= order.ReportedLots)
                    {
                        Interlocked.Increment(ref _coveredFills);
                        break;
                    }
                    long lots = u.CumulativeQuantity - order.ReportedLots;
                    EmitFill(order, lots, u.LastPrice, FeeOf(order.Request.SymbolId, u), u.CumulativeQuantity, u.IsMaker, exchangeNs);
                    order.ReportedQuote += lots * u.LastPrice;
                    if (u.Status == BinanceStatus.Filled) order.State = VenueOrderState.Done;
                    break;
                case ExecutionType.Canceled or ExecutionType.Expired or ExecutionType.TradePrevention:
                    if (u.Status is BinanceStatus.Canceled or BinanceStatus.Expired or BinanceStatus.ExpiredInMatch)
                        EmitCancelled(order, exchangeNs);
                    break;
                case ExecutionType.Rejected:
                    EmitReject(order, ExecutionReason.VenueRejected);
                    break;
            }
            if (order.State == VenueOrderState.Done)
                lock (_sequencerGate) _sequencer.Forget(UserDataMarket.Spot, u.OrderId);
        }
    }

    private void OnReconcileRequested(object? sender, ReconcileRequestedEventArgs e)
    {
        OnSessionReady(e);
        if (e.Reason == ReconcileReason.Started) return;
        // Events may have been missed: query every order not known to be done.
        foreach (var order in _orders.Values)
        {
            bool open;
            lock (order) open = order.State != VenueOrderState.Done;
            if (open) _ = ResolveAsync(order, $"reconcile: {e.Reason}");
        }
    }
}
