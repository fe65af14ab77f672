using HftScalper.Binance.WsApi;

namespace HftScalper.Live;

// What the exit (VenueExit) needs of both Binance gateways' shared order path: no new order from now on, the orders
// still without an answer, one query each (never a resend), and a cancel by client order id. Control task only.
public abstract partial class BinanceGateway
{
    /// <summary>From now on no new order leaves: places and replaces still queued, or sent later, are refused with a
    /// Rejected report and no request; cancels still go.</summary>
    public void BlockNewOrders() => OrderPath.BlockNewOrders();

    /// <summary>Commands queued for the sender (or being dispatched now).</summary>
    public int RequestsQueued => OrderPath.RequestsQueued;

    /// <summary>Client order ids (as the venue knows them) of our orders whose request has no answer yet: sent and not
    /// answered, an Unknown outcome being resolved, or a replace in flight.</summary>
    public IReadOnlyList<string> UnansweredOrders() => [.. OrderPath.Book.Unanswered().Select(o => o.VenueId)];

    /// <summary>Asks the venue once for each order still without an answer (<c>order.status</c> by client order id) and
    /// applies what it says; "no such order" counts only once <paramref name="arrivalWindow"/> has passed since the
    /// order was sent. Never resends. Returns how many are still without an answer.</summary>
    public async Task<int> ResolveUnansweredAsync(TimeSpan arrivalWindow, CancellationToken ct)
    {
        int left = 0;
        foreach (var order in OrderPath.Book.Unanswered())
            if (!await OrderPath.Outcomes.QueryOnceAsync(order, arrivalWindow, ct).ConfigureAwait(false))
                left++;
        return left;
    }

    /// <summary>Cancels the venue order of the traded symbol <paramref name="symbolId"/> whose client order id is
    /// <paramref name="clientOrderId"/> (ours or a foreign one); the user data stream reports the cancel of ours.</summary>
    public async Task<VenueCancelOutcome> CancelOrderAsync(int symbolId, string clientOrderId, CancellationToken ct)
    {
        if ((uint)symbolId >= (uint)OrderPath.Symbols.Count) return VenueCancelOutcome.Refused;
        var response = await OrderPath.Outcomes.OutcomeOf(OrderPath.Api.CancelAsync(OrderPath.Symbols.Info[symbolId].Name, clientOrderId, ct))
            .ConfigureAwait(false);
        return response?.Outcome switch
        {
            WsApiOutcome.Ok => VenueCancelOutcome.Cancelled,
            WsApiOutcome.Rejected when response.ErrorCode is -2011 or -2013 => VenueCancelOutcome.NotOpen,
            WsApiOutcome.Rejected or WsApiOutcome.NotSent => VenueCancelOutcome.Refused,
            _ => VenueCancelOutcome.Unanswered,
        };
    }
}
