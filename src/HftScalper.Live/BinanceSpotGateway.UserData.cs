using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;

namespace HftScalper.Live;

// The user data executionReports (the client's receive thread) and reconcile requests.
public sealed partial class BinanceSpotGateway
{
    private void OnUserData(object? sender, UserDataEvent e)
    {
        OnStreamEvent(e);
        if (e is not OrderUpdate u || u.Market != UserDataMarket.Spot) return;
        // A cancel's report carries the cancel request's id in c and the order's in C.
        if (OrderPath.Book.TryRoute(u.OriginalClientOrderId ?? u.ClientOrderId, out var order) && OrderPath.Book.IsFresh(u))
            OrderPath.Book.Apply(order, u);
    }

    private void OnReconcileRequested(object? sender, ReconcileRequestedEventArgs e)
    {
        OnSessionReady(e);
        if (e.Reason == ReconcileReason.Started) return;
        // Events may have been missed: query every order not known to be done.
        foreach (var order in OrderPath.Book.Orders)
        {
            bool open;
            lock (order) open = order.State != VenueOrderState.Done;
            if (open) _ = OrderPath.Outcomes.ResolveAsync(order, $"reconcile: {e.Reason}");
        }
    }
}
