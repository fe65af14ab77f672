using HftScalper.Binance.WsApi;
using HftScalper.Trading.Execution;

namespace HftScalper.Live;

// Request outcomes (network threads) and the resolution of Unknown ones by order.status.
public sealed partial class BinanceUsdmGateway
{
    private async Task OnPlacedAsync(UsdmOrder order, Task<WsApiResponse> pending)
    {
        var response = await OutcomeOf(pending).ConfigureAwait(false);
        switch (response?.Outcome ?? WsApiOutcome.Unknown)
        {
            case WsApiOutcome.Ok:
                // Fills and the terminal state come from the user data stream (with prices and fees); the answer acks.
                lock (order)
                {
                    if (order.State == VenueOrderState.Sent) order.State = VenueOrderState.Live;
                    EmitAck(order);
                }
                break;
            case WsApiOutcome.Rejected:
                NoteReject(response!);
                lock (order) EmitReject(order, MapReject(response!));
                break;
            case WsApiOutcome.NotSent:
                lock (order) EmitReject(order, ExecutionReason.VenueRejected);
                break;
            default:
                await ResolveAsync(order, response?.ToString() ?? "request failed").ConfigureAwait(false);
                break;
        }
    }

    private async Task OnCancelledAsync(UsdmOrder order, Task<WsApiResponse> pending)
    {
        var response = await OutcomeOf(pending).ConfigureAwait(false);
        switch (response?.Outcome ?? WsApiOutcome.Unknown)
        {
            case WsApiOutcome.Ok:
                break; // the CANCELED ORDER_TRADE_UPDATE reports it
            case WsApiOutcome.Rejected:
            case WsApiOutcome.NotSent:
                if (response!.Outcome == WsApiOutcome.Rejected) NoteReject(response);
                lock (order)
                {
                    order.CancelRequested = false;
                    QueueRequestReject(order, response.Outcome == WsApiOutcome.Rejected ? MapReject(response) : ExecutionReason.VenueRejected);
                }
                break;
            default:
                await ResolveAsync(order, response?.ToString() ?? "request failed").ConfigureAwait(false);
                break;
        }
    }

    // Replace as cancel then place: the replacement leaves only once the venue confirmed the cancel (never two live
    // orders where the strategy asked for one).
    private async Task OnCancelThenPlaceAsync(UsdmOrder original, UsdmOrder replacement, Task<WsApiResponse> pendingCancel)
    {
        var response = await OutcomeOf(pendingCancel).ConfigureAwait(false);
        switch (response?.Outcome ?? WsApiOutcome.Unknown)
        {
            case WsApiOutcome.Ok:
                await OnPlacedAsync(replacement, _api.PlaceOrderAsync(ToVenue(replacement), _stop.Token)).ConfigureAwait(false);
                break;
            case WsApiOutcome.Rejected:
            case WsApiOutcome.NotSent:
                if (response!.Outcome == WsApiOutcome.Rejected) NoteReject(response);
                var reason = response.Outcome == WsApiOutcome.Rejected ? MapReject(response) : ExecutionReason.VenueRejected;
                lock (original)
                {
                    original.ReplacePending = false;
                    QueueRequestReject(original, reason);
                }
                lock (replacement) EmitReject(replacement, reason);
                break;
            default:
                // Was the original cancelled? Unknown: resolve it, and do not place the replacement blind.
                lock (replacement) EmitReject(replacement, ExecutionReason.VenueRejected);
                await ResolveAsync(original, response?.ToString() ?? "request failed").ConfigureAwait(false);
                break;
        }
    }

    private async Task OnModifiedAsync(UsdmOrder original, UsdmOrder replacement, Task<WsApiResponse> pending)
    {
        var response = await OutcomeOf(pending).ConfigureAwait(false);
        switch (response?.Outcome ?? WsApiOutcome.Unknown)
        {
            case WsApiOutcome.Ok:
                CompleteModify(original, replacement, ExecutedLots(response!, original), AvgPriceTicks(response!, original));
                break;
            case WsApiOutcome.Rejected:
            case WsApiOutcome.NotSent:
                if (response!.Outcome == WsApiOutcome.Rejected) NoteReject(response);
                FailModify(original, replacement, response.Outcome == WsApiOutcome.Rejected ? MapReject(response) : ExecutionReason.VenueRejected);
                break;
            default:
                await ResolveModifyAsync(original, replacement, response?.ToString() ?? "request failed").ConfigureAwait(false);
                break;
        }
    }

    // The amendment happened (answer or AMENDMENT report, whichever first): the original is reported Cancelled/Replaced
    // (after any fill it got before the amendment), the replacement takes the venue order over.
    private void CompleteModify(UsdmOrder original, UsdmOrder replacement, long executedLots, long avgPriceTicks)
    {
        lock (original)
        {
            if (original.Successor != replacement) return; // already completed or failed
            original.Successor = null;
            long cum = executedLots - original.BaseLots;
            if (cum > original.ReportedLots && original.State != VenueOrderState.Done)
                EmitFill(original, cum - original.ReportedLots, avgPriceTicks > 0 ? avgPriceTicks : original.Request.PriceTicks, 0, cum,
                    maker: true, _clock());
            EmitCancelled(original, _clock());
            executedLots = Math.Max(executedLots, original.BaseLots + original.ReportedLots);
        }
        lock (replacement)
        {
            replacement.BaseLots = executedLots;
            if (replacement.State == VenueOrderState.Sent) replacement.State = VenueOrderState.Live;
            EmitAck(replacement);
        }
        _routes[replacement.RouteKey] = replacement;
    }

    private void FailModify(UsdmOrder original, UsdmOrder replacement, ExecutionReason reason)
    {
        lock (original)
        {
            if (original.Successor != replacement) return;
            original.Successor = null;
            original.ReplacePending = false;
            QueueRequestReject(original, reason);
        }
        lock (replacement) EmitReject(replacement, reason == ExecutionReason.VenueRejected ? reason : ExecutionReason.UnknownOrder);
    }

    // A modify with an Unknown outcome: the venue order shows the new price and quantity if it happened.
    private async Task ResolveModifyAsync(UsdmOrder original, UsdmOrder replacement, string cause)
    {
        Interlocked.Increment(ref _unknownOutcomes);
        _options.Log?.Invoke($"binance usdm gateway: modify of {original.VenueId} outcome unknown ({cause}); querying order.status");
        for (int attempt = 0; attempt < _options.MaxResolveQueries && !_stop.IsCancellationRequested; attempt++)
        {
            var query = await _api.OrderStatusAsync(original.Symbol, clientOrderId: original.VenueId, ct: _stop.Token).ConfigureAwait(false);
            if (query.Outcome == WsApiOutcome.Ok)
            {
                Interlocked.Increment(ref _resolved);
                var sym = _symbols[original.Request.SymbolId];
                query.TryGetResultString("price", out var priceText);
                query.TryGetResultString("origQty", out var qtyText);
                long price = ParseOrZero(priceText, sym.PriceDecimals);
                long qty = ParseOrZero(qtyText, sym.QuantityDecimals);
                if (price == replacement.Request.PriceTicks && qty == replacement.BaseLots + replacement.Request.QuantityLots)
                {
                    CompleteModify(original, replacement, ExecutedLots(query, original), AvgPriceTicks(query, original));
                    ApplyQuery(replacement, query);
                }
                else
                {
                    FailModify(original, replacement, ExecutionReason.VenueRejected);
                    ApplyQuery(original, query);
                }
                return;
            }
            if (query.Outcome == WsApiOutcome.Rejected && query.ErrorCode == -2013)
            {
                Interlocked.Increment(ref _resolved);
                FailModify(original, replacement, ExecutionReason.UnknownOrder);
                return;
            }
            if (!await PauseAsync().ConfigureAwait(false)) return;
        }
        _options.Log?.Invoke($"binance usdm gateway: modify of {original.VenueId} still unknown after {_options.MaxResolveQueries} queries");
    }

    // The request's answer; null when the client failed in an unexpected way (treated as an Unknown outcome).
    private async Task<WsApiResponse?> OutcomeOf(Task<WsApiResponse> pending)
    {
        try
        {
            return await pending.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _options.Log?.Invoke($"binance usdm gateway: request failed ({e.GetType().Name}: {e.Message}); resolving by query");
            return null;
        }
    }

    // Unknown outcome: ask the venue for the order by our id until it answers; never resend.
    private async Task ResolveAsync(UsdmOrder order, string cause)
    {
        Interlocked.Increment(ref _unknownOutcomes);
        lock (order)
        {
            if (order.State == VenueOrderState.Done) return;
            order.State = VenueOrderState.Unknown;
        }
        _options.Log?.Invoke($"binance usdm gateway: {order.VenueId} outcome unknown ({cause}); querying order.status");
        for (int attempt = 0; attempt < _options.MaxResolveQueries && !_stop.IsCancellationRequested; attempt++)
        {
            var query = await _api.OrderStatusAsync(order.Symbol, clientOrderId: order.VenueId, ct: _stop.Token).ConfigureAwait(false);
            lock (order) order.Queries++;
            if (query.Outcome == WsApiOutcome.Ok)
            {
                ApplyQuery(order, query);
                Interlocked.Increment(ref _resolved);
                return;
            }
            if (query.Outcome == WsApiOutcome.Rejected && query.ErrorCode == -2013)
            {
                // The venue never had it: the request did not arrive.
                lock (order) EmitReject(order, ExecutionReason.VenueRejected);
                Interlocked.Increment(ref _resolved);
                return;
            }
            if (!await PauseAsync().ConfigureAwait(false)) return;
        }
        _options.Log?.Invoke($"binance usdm gateway: {order.VenueId} still unknown after {_options.MaxResolveQueries} queries");
    }

    private async Task<bool> PauseAsync()
    {
        try
        {
            await Task.Delay(_options.ResolveRetryDelay, _stop.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void ApplyQuery(UsdmOrder order, WsApiResponse query)
    {
        query.TryGetResultString("status", out var status);
        long executed = ExecutedLots(query, order);
        long price = AvgPriceTicks(query, order);
        lock (order)
        {
            if (order.State == VenueOrderState.Done) return;
            order.State = VenueOrderState.Live;
            EmitAck(order);
            long cum = executed - order.BaseLots;
            if (cum > order.ReportedLots)
                EmitFill(order, cum - order.ReportedLots, price > 0 ? price : order.Request.PriceTicks, fee: 0, cum,
                    maker: order.Request.Type is OrderType.Limit or OrderType.PostOnly, exchangeNs: _clock());
            switch (status)
            {
                case "FILLED":
                    if (order.State != VenueOrderState.Done) EmitCancelled(order, _clock()); // filled short of our quantity
                    break;
                case "CANCELED" or "EXPIRED" or "EXPIRED_IN_MATCH":
                    EmitCancelled(order, _clock());
                    break;
                case "REJECTED":
                    EmitReject(order, ExecutionReason.VenueRejected);
                    break;
            }
        }
    }

    private long ExecutedLots(WsApiResponse r, UsdmOrder o)
    {
        r.TryGetResultString("executedQty", out var text);
        return ParseOrZero(text, _symbols[o.Request.SymbolId].QuantityDecimals);
    }

    private long AvgPriceTicks(WsApiResponse r, UsdmOrder o)
    {
        r.TryGetResultString("avgPrice", out var text);
        return ToTicks(text, _symbols[o.Request.SymbolId].PriceDecimals);
    }
}
