using HftScalper.Binance.WsApi;
using HftScalper.Trading.Execution;

namespace HftScalper.Live;

// Request outcomes (network threads) and the resolution of Unknown ones by query.
public sealed partial class BinanceSpotGateway
{
    private async Task OnPlacedAsync(VenueOrder order, Task<WsApiResponse> pending)
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

    private async Task OnCancelledAsync(VenueOrder order, Task<WsApiResponse> pending)
    {
        var response = await OutcomeOf(pending).ConfigureAwait(false);
        switch (response?.Outcome ?? WsApiOutcome.Unknown)
        {
            case WsApiOutcome.Ok:
                break; // the CANCELED executionReport reports it
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

    private async Task OnReplacedAsync(VenueOrder original, VenueOrder replacement, Task<WsApiResponse> pending)
    {
        var response = await OutcomeOf(pending).ConfigureAwait(false);
        switch (response?.Outcome ?? WsApiOutcome.Unknown)
        {
            case WsApiOutcome.Ok:
                lock (replacement)
                {
                    if (replacement.State == VenueOrderState.Sent) replacement.State = VenueOrderState.Live;
                    EmitAck(replacement);
                }
                break;
            case WsApiOutcome.Rejected:
            case WsApiOutcome.NotSent:
                // STOP_ON_FAILURE: a refused cancel places nothing; the original lives on unless the stream says otherwise.
                if (response!.Outcome == WsApiOutcome.Rejected) NoteReject(response);
                var reason = response.Outcome == WsApiOutcome.Rejected ? MapReject(response) : ExecutionReason.VenueRejected;
                if (response.Status == 409) reason = ExecutionReason.UnknownOrder;
                lock (original)
                {
                    original.ReplacePending = false;
                    QueueRequestReject(original, reason);
                }
                lock (replacement) EmitReject(replacement, reason);
                break;
            default:
                await Task.WhenAll(ResolveAsync(original, response?.ToString() ?? "request failed"), ResolveAsync(replacement, response?.ToString() ?? "request failed")).ConfigureAwait(false);
                break;
        }
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
            _options.Log?.Invoke($"binance gateway: request failed ({e.GetType().Name}: {e.Message}); resolving by query");
            return null;
        }
    }

    // Unknown outcome: ask the venue for the order by our id until it answers; never resend.
    private async Task ResolveAsync(VenueOrder order, string cause)
    {
        Interlocked.Increment(ref _unknownOutcomes);
        lock (order)
        {
            if (order.State == VenueOrderState.Done) return;
            order.State = VenueOrderState.Unknown;
        }
        _options.Log?.Invoke($"binance gateway: {order.VenueId} outcome unknown ({cause}); querying order.status");
        for (int attempt = 0; attempt < _options.MaxResolveQueries && !_stop.IsCancellationRequested; attempt++)
        {
            var query = await _api.Client.SendAsync("order.status",
                new WsApiParams().Add("symbol", order.Symbol).Add("origClientOrderId", order.VenueId),
                WsApiSecurity.Signed, _stop.Token).ConfigureAwait(false);
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
            try
            {
                await Task.Delay(_options.ResolveRetryDelay, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        _options.Log?.Invoke($"binance gateway: {order.VenueId} still unknown after {_options.MaxResolveQueries} queries");
    }

    private void ApplyQuery(VenueOrder order, WsApiResponse query)
    {
        query.TryGetResultString("status", out var status);
        query.TryGetResultString("executedQty", out var executed);
        query.TryGetResultString("cummulativeQuoteQty", out var quote);
        var sym = _symbols[order.Request.SymbolId];
        long cumLots = ParseOrZero(executed, sym.QuantityDecimals);
        long cumQuote = ParseOrZero(quote, sym.PriceDecimals + sym.QuantityDecimals);
        lock (order)
        {
            if (order.State == VenueOrderState.Done) return;
            order.State = VenueOrderState.Live;
            EmitAck(order);
            if (cumLots > order.ReportedLots)
            {
                long lots = cumLots - order.ReportedLots;
                long quoteUnits = cumQuote - order.ReportedQuote;
                long price = lots > 0 && quoteUnits > 0 ? (long)Math.Round((double)quoteUnits / lots) : order.Request.PriceTicks;
                EmitFill(order, lots, price, fee: 0, cumLots, maker: order.Request.Type is OrderType.Limit or OrderType.PostOnly,
                    exchangeNs: _clock());
                order.ReportedQuote = cumQuote;
            }
            switch (status)
            {
                case "FILLED":
                    order.State = VenueOrderState.Done;
                    break;
                case "CANCELED" or "EXPIRED" or "EXPIRED_IN_MATCH" or "PENDING_CANCEL":
                    EmitCancelled(order, _clock());
                    break;
                case "REJECTED":
                    EmitReject(order, ExecutionReason.VenueRejected);
                    break;
            }
        }
    }
}
