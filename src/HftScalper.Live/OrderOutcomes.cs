using HftScalper.Binance.WsApi;
using HftScalper.Trading.Execution;

namespace HftScalper.Live;

/// <summary>
/// What a request's answer does to its order, for both markets (network threads): Ok acks, a refusal rejects (noted,
/// counted, mapped by the market's <see cref="IVenueOrderApi.MapReject"/>), an Unknown outcome (timeout, disconnect,
/// 5XX, a client failure) is resolved by <c>order.status</c> by our client order id — never by sending again.
/// </summary>
internal sealed class OrderOutcomes(IVenueOrderApi api, OrderReportEmitter reports, BinanceGatewayOptions options,
    string logName, CancellationToken stopping)
{
    private long _unknownOutcomes, _resolved, _venueRejects;
    private int _lastRejectCode;
    private string? _lastRejectMessage;

    /// <summary>Requests whose outcome was Unknown (each resolved by query).</summary>
    public long UnknownOutcomes => Interlocked.Read(ref _unknownOutcomes);

    /// <summary>Unknown orders resolved by a query.</summary>
    public long Resolved => Interlocked.Read(ref _resolved);

    /// <summary>Requests the venue refused (4XX).</summary>
    public long VenueRejects => Interlocked.Read(ref _venueRejects);

    /// <summary>The last venue refusal's Binance code and message.</summary>
    public (int Code, string? Message) LastReject => (Volatile.Read(ref _lastRejectCode), Volatile.Read(ref _lastRejectMessage));

    /// <summary>A place (or the place of a replace): Ok acks (fills and the terminal state come from the user data
    /// stream, with prices and fees), a refusal rejects, Unknown is resolved.</summary>
    public async Task OnPlacedAsync(VenueOrder order, Task<WsApiResponse> pending)
    {
        var response = await OutcomeOf(pending).ConfigureAwait(false);
        switch (response?.Outcome ?? WsApiOutcome.Unknown)
        {
            case WsApiOutcome.Ok:
                lock (order)
                {
                    if (order.State == VenueOrderState.Sent) order.State = VenueOrderState.Live;
                    reports.EmitAck(order);
                }
                break;
            case WsApiOutcome.Rejected or WsApiOutcome.NotSent:
                var reason = RefusalReason(response!);
                lock (order) reports.EmitReject(order, reason);
                break;
            default:
                await ResolveAsync(order, response?.ToString() ?? "request failed").ConfigureAwait(false);
                break;
        }
    }

    /// <summary>A cancel: Ok says nothing (the stream's CANCELED report ends the order), a refusal is a request
    /// reject (the order lives on), Unknown is resolved.</summary>
    public async Task OnCancelledAsync(VenueOrder order, Task<WsApiResponse> pending)
    {
        var response = await OutcomeOf(pending).ConfigureAwait(false);
        switch (response?.Outcome ?? WsApiOutcome.Unknown)
        {
            case WsApiOutcome.Ok:
                break;
            case WsApiOutcome.Rejected or WsApiOutcome.NotSent:
                var reason = RefusalReason(response!);
                lock (order)
                {
                    order.CancelRequested = false;
                    reports.EmitRequestReject(order, reason);
                }
                break;
            default:
                await ResolveAsync(order, response?.ToString() ?? "request failed").ConfigureAwait(false);
                break;
        }
    }

    /// <summary>The request's answer; null when the client failed in an unexpected way (an Unknown outcome).</summary>
    public async Task<WsApiResponse?> OutcomeOf(Task<WsApiResponse> pending)
    {
        try
        {
            return await pending.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            options.Log?.Invoke($"{logName}: request failed ({e.GetType().Name}: {e.Message}); resolving by query");
            return null;
        }
    }

    /// <summary>The reason of a Rejected (noted: counted, logged, <see cref="LastReject"/>) or NotSent answer.</summary>
    public ExecutionReason RefusalReason(WsApiResponse response)
    {
        if (response.Outcome != WsApiOutcome.Rejected) return ExecutionReason.VenueRejected;
        Interlocked.Increment(ref _venueRejects);
        Volatile.Write(ref _lastRejectCode, response.ErrorCode);
        Volatile.Write(ref _lastRejectMessage, response.ErrorMessage);
        options.Log?.Invoke($"{logName}: {response}");
        return api.MapReject(response);
    }

    /// <summary>A refused replace: the original lives on (a request reject), the replacement is rejected.</summary>
    public void FailReplace(VenueOrder original, VenueOrder replacement, ExecutionReason reason)
    {
        lock (original)
        {
            original.ReplacePending = false;
            reports.EmitRequestReject(original, reason);
        }
        lock (replacement) reports.EmitReject(replacement, reason);
    }

    /// <summary>Counts an Unknown outcome resolved elsewhere (a USD-M modify).</summary>
    public void CountUnknown() => Interlocked.Increment(ref _unknownOutcomes);

    /// <summary>Counts an Unknown outcome resolved elsewhere as resolved.</summary>
    public void CountResolved() => Interlocked.Increment(ref _resolved);

    /// <summary>Unknown outcome: asks the venue for the order by our id until it answers (at most
    /// <see cref="BinanceGatewayOptions.MaxResolveQueries"/> times); never resends.</summary>
    public async Task ResolveAsync(VenueOrder order, string cause)
    {
        CountUnknown();
        lock (order)
        {
            if (order.State == VenueOrderState.Done) return;
            order.State = VenueOrderState.Unknown;
        }
        options.Log?.Invoke($"{logName}: {order.VenueId} outcome unknown ({cause}); querying order.status");
        for (int attempt = 0; attempt < options.MaxResolveQueries && !stopping.IsCancellationRequested; attempt++)
        {
            var query = await api.StatusAsync(order.Symbol, order.VenueId, stopping).ConfigureAwait(false);
            lock (order) order.Queries++;
            if (query.Outcome == WsApiOutcome.Ok)
            {
                ApplyQuery(order, query);
                CountResolved();
                return;
            }
            if (query.Outcome == WsApiOutcome.Rejected && query.ErrorCode == -2013)
            {
                // The venue never had it: the request did not arrive.
                lock (order) reports.EmitReject(order, ExecutionReason.VenueRejected);
                CountResolved();
                return;
            }
            if (!await PauseAsync().ConfigureAwait(false)) return;
        }
        options.Log?.Invoke($"{logName}: {order.VenueId} still unknown after {options.MaxResolveQueries} queries");
    }

    /// <summary>
    /// Exit: one <c>order.status</c> of an order still without an answer, applied as <see cref="ApplyQuery"/> does. The
    /// venue not knowing it (-2013) ends it as never arrived only once <paramref name="arrivalWindow"/> (the venue's
    /// recvWindow) has passed since it was sent: until then it may still arrive. Never resends. True when the order
    /// has its answer now.
    /// </summary>
    public async Task<bool> QueryOnceAsync(VenueOrder order, TimeSpan arrivalWindow, CancellationToken ct)
    {
        var query = await OutcomeOf(api.StatusAsync(order.Symbol, order.VenueId, ct)).ConfigureAwait(false);
        lock (order) order.Queries++;
        if (query?.Outcome == WsApiOutcome.Ok)
        {
            ApplyQuery(order, query);
            return true;
        }
        if (query is { Outcome: WsApiOutcome.Rejected, ErrorCode: -2013 } && Environment.TickCount64 - order.SentMs > arrivalWindow.TotalMilliseconds)
        {
            lock (order) reports.EmitReject(order, ExecutionReason.VenueRejected);
            return true;
        }
        return false;
    }

    /// <summary>Waits <see cref="BinanceGatewayOptions.ResolveRetryDelay"/>; false when the gateway is stopping.</summary>
    public async Task<bool> PauseAsync()
    {
        try
        {
            await Task.Delay(options.ResolveRetryDelay, stopping).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// An Ok status answer applied to the order: it is live (acked), a fill beyond the reported quantity is reported
    /// (priced by the venue's cumulative quote where given, else its average price, else the order's limit; no fee:
    /// the stream's report of it, if it comes, is covered), and a terminal status ends the remainder.
    /// </summary>
    public void ApplyQuery(VenueOrder order, WsApiResponse answer)
    {
        var q = api.Read(order, answer);
        lock (order)
        {
            if (order.State == VenueOrderState.Done) return;
            order.State = VenueOrderState.Live;
            reports.EmitAck(order);
            long cum = q.ExecutedLots - order.BaseLots;
            if (cum > order.ReportedLots)
            {
                long lots = cum - order.ReportedLots;
                long price = q.CumulativeQuote is { } quote
                    ? (quote - order.ReportedQuote is > 0 and var units ? (long)Math.Round((double)units / lots) : order.Request.PriceTicks)
                    : (q.AvgPriceTicks > 0 ? q.AvgPriceTicks : order.Request.PriceTicks);
                reports.EmitFill(order, lots, price, fee: 0, cum, maker: order.Request.Type is OrderType.Limit or OrderType.PostOnly,
                    exchangeNs: reports.ClockNs());
                order.ReportedQuote = q.CumulativeQuote ?? order.ReportedQuote + lots * price;
            }
            switch (q.Status)
            {
                case "FILLED":
                    reports.EmitCancelled(order, reports.ClockNs()); // no-op unless filled short of our quantity
                    break;
                case "CANCELED" or "EXPIRED" or "EXPIRED_IN_MATCH" or "PENDING_CANCEL":
                    reports.EmitCancelled(order, reports.ClockNs());
                    break;
                case "REJECTED":
                    reports.EmitReject(order, ExecutionReason.VenueRejected);
                    break;
            }
        }
    }
}
