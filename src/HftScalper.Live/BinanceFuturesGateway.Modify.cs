using HftScalper.Binance.WsApi;
using HftScalper.Trading.Execution;

namespace HftScalper.Live;

// Replace (sender task) as order.modify or as cancel then place, and their outcomes (network threads); the other
// outcomes are the shared OrderOutcomes'.
public sealed partial class BinanceFuturesGateway
{
    private void ReplaceOrder(VenueOrder original, in OrderRequest request)
    {
        long baseLots;
        bool modify;
        lock (original)
        {
            var o = original.Request;
            modify = _options.ModifyInPlace && original.State == VenueOrderState.Live && original.Acked
                && !original.CancelRequested && !original.ReplacePending
                && o.Type == request.Type && o.Type is OrderType.Limit or OrderType.PostOnly
                && o.Side == request.Side && o.ReduceOnly == request.ReduceOnly && o.SymbolId == request.SymbolId;
            original.ReplacePending = true;
            baseLots = original.BaseLots + original.ReportedLots;
        }
        if (!modify)
        {
            Interlocked.Increment(ref _cancelThenPlace);
            var fresh = OrderPath.Book.Track(request);
            _ = OnCancelThenPlaceAsync(original, fresh, _orderApi.CancelAsync(original.Symbol, original.VenueId, OrderPath.Stopping));
            return;
        }
        Interlocked.Increment(ref _modifies);
        var replacement = OrderPath.Book.TrackSuccessor(original, request, baseLots);
        lock (original) original.Successor = replacement;
        _ = OnModifiedAsync(original, replacement, _orderApi.ModifyAsync(original, request, baseLots + request.QuantityLots, OrderPath.Stopping));
    }

    // Replace as cancel then place: the replacement leaves only once the venue confirmed the cancel (never two live
    // orders where the strategy asked for one).
    private async Task OnCancelThenPlaceAsync(VenueOrder original, VenueOrder replacement, Task<WsApiResponse> pendingCancel)
    {
        var outcomes = OrderPath.Outcomes;
        var response = await outcomes.OutcomeOf(pendingCancel).ConfigureAwait(false);
        switch (response?.Outcome ?? WsApiOutcome.Unknown)
        {
            case WsApiOutcome.Ok when OrderPath.NewOrdersBlocked:
                lock (replacement) OrderPath.Reports.EmitReject(replacement, ExecutionReason.VenueRejected); // the exit began
                break;
            case WsApiOutcome.Ok:
                await outcomes.OnPlacedAsync(replacement, _orderApi.PlaceAsync(replacement, OrderPath.Stopping)).ConfigureAwait(false);
                break;
            case WsApiOutcome.Rejected or WsApiOutcome.NotSent:
                outcomes.FailReplace(original, replacement, outcomes.RefusalReason(response!));
                break;
            default:
                // Was the original cancelled? Unknown: resolve it, and do not place the replacement blind.
                lock (replacement) OrderPath.Reports.EmitReject(replacement, ExecutionReason.VenueRejected);
                await outcomes.ResolveAsync(original, response?.ToString() ?? "request failed").ConfigureAwait(false);
                break;
        }
    }

    private async Task OnModifiedAsync(VenueOrder original, VenueOrder replacement, Task<WsApiResponse> pending)
    {
        var outcomes = OrderPath.Outcomes;
        var response = await outcomes.OutcomeOf(pending).ConfigureAwait(false);
        switch (response?.Outcome ?? WsApiOutcome.Unknown)
        {
            case WsApiOutcome.Ok:
                CompleteModify(original, replacement, _orderApi.Read(original, response!));
                break;
            case WsApiOutcome.Rejected or WsApiOutcome.NotSent:
                FailModify(original, replacement, outcomes.RefusalReason(response!));
                break;
            default:
                await ResolveModifyAsync(original, replacement, response?.ToString() ?? "request failed").ConfigureAwait(false);
                break;
        }
    }

    // The amendment happened (answer or AMENDMENT report, whichever first): the original is reported Cancelled/Replaced
    // (after any fill it got before the amendment), the replacement takes the venue order over.
    private void CompleteModify(VenueOrder original, VenueOrder replacement, QueriedOrder venue)
    {
        var reports = OrderPath.Reports;
        long executedLots = venue.ExecutedLots;
        lock (original)
        {
            if (original.Successor != replacement) return; // already completed or failed
            original.Successor = null;
            long cum = executedLots - original.BaseLots;
            if (cum > original.ReportedLots && original.State != VenueOrderState.Done)
                reports.EmitFill(original, cum - original.ReportedLots, venue.AvgPriceTicks > 0 ? venue.AvgPriceTicks : original.Request.PriceTicks,
                    0, cum, maker: true, reports.ClockNs());
            reports.EmitCancelled(original, reports.ClockNs());
            executedLots = Math.Max(executedLots, original.BaseLots + original.ReportedLots);
        }
        lock (replacement)
        {
            replacement.BaseLots = executedLots;
            if (replacement.State == VenueOrderState.Sent) replacement.State = VenueOrderState.Live;
            reports.EmitAck(replacement);
        }
        OrderPath.Book.Reroute(replacement);
    }

    private void FailModify(VenueOrder original, VenueOrder replacement, ExecutionReason reason)
    {
        lock (original)
        {
            if (original.Successor != replacement) return;
            original.Successor = null;
            original.ReplacePending = false;
            OrderPath.Reports.EmitRequestReject(original, reason);
        }
        lock (replacement) OrderPath.Reports.EmitReject(replacement, reason == ExecutionReason.VenueRejected ? reason : ExecutionReason.UnknownOrder);
    }

    // A modify with an Unknown outcome: the venue order shows the new price and quantity if it happened.
    private async Task ResolveModifyAsync(VenueOrder original, VenueOrder replacement, string cause)
    {
        var outcomes = OrderPath.Outcomes;
        outcomes.CountUnknown();
        _options.Log?.Invoke($"{LogName}: modify of {original.VenueId} outcome unknown ({cause}); querying order.status");
        for (int attempt = 0; attempt < _options.MaxResolveQueries && !OrderPath.Stopping.IsCancellationRequested; attempt++)
        {
            var query = await _orderApi.StatusAsync(original.Symbol, original.VenueId, OrderPath.Stopping).ConfigureAwait(false);
            if (query.Outcome == WsApiOutcome.Ok)
            {
                outcomes.CountResolved();
                var (price, qty) = _orderApi.ReadTerms(original, query);
                if (price == replacement.Request.PriceTicks && qty == replacement.BaseLots + replacement.Request.QuantityLots)
                {
                    CompleteModify(original, replacement, _orderApi.Read(original, query));
                    outcomes.ApplyQuery(replacement, query);
                }
                else
                {
                    FailModify(original, replacement, ExecutionReason.VenueRejected);
                    outcomes.ApplyQuery(original, query);
                }
                return;
            }
            if (query.Outcome == WsApiOutcome.Rejected && query.ErrorCode == -2013)
            {
                outcomes.CountResolved();
                FailModify(original, replacement, ExecutionReason.UnknownOrder);
                return;
            }
            if (!await outcomes.PauseAsync().ConfigureAwait(false)) return;
        }
        _options.Log?.Invoke($"{LogName}: modify of {original.VenueId} still unknown after {_options.MaxResolveQueries} queries");
    }
}
