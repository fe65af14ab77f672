using HftScalper.Binance.WsApi;
using HftScalper.Trading.Execution;

namespace HftScalper.Live;

// Replace as order.cancelReplace (sender task) and its outcome (network threads); the other outcomes are the shared
// OrderOutcomes'.
public sealed partial class BinanceSpotGateway
{
    private void ReplaceOrder(VenueOrder original, in OrderRequest request)
    {
        lock (original) original.ReplacePending = true;
        var replacement = OrderPath.Book.Track(request);
        _ = OnReplacedAsync(original, replacement, _orderApi.CancelReplaceAsync(original, replacement, OrderPath.Stopping));
    }

    private async Task OnReplacedAsync(VenueOrder original, VenueOrder replacement, Task<WsApiResponse> pending)
    {
        var outcomes = OrderPath.Outcomes;
        var response = await outcomes.OutcomeOf(pending).ConfigureAwait(false);
        switch (response?.Outcome ?? WsApiOutcome.Unknown)
        {
            case WsApiOutcome.Ok:
                lock (replacement)
                {
                    if (replacement.State == VenueOrderState.Sent) replacement.State = VenueOrderState.Live;
                    OrderPath.Reports.EmitAck(replacement);
                }
                break;
            case WsApiOutcome.Rejected or WsApiOutcome.NotSent:
                // STOP_ON_FAILURE: a refused cancel places nothing; the original lives on unless the stream says otherwise.
                var reason = outcomes.RefusalReason(response!);
                if (response!.Status == 409) reason = ExecutionReason.UnknownOrder;
                outcomes.FailReplace(original, replacement, reason);
                break;
            default:
                string cause = response?.ToString() ?? "request failed";
                await Task.WhenAll(outcomes.ResolveAsync(original, cause), outcomes.ResolveAsync(replacement, cause)).ConfigureAwait(false);
                break;
        }
    }
}
