using System.Globalization;

namespace HftScalper.Live;

/// <summary>
/// The last thing a testnet or live run does at the venue, on the control thread once trading has stopped, bounded as
/// a whole by <see cref="VenueExitOptions.Limit"/>:
/// <code>
///  block new orders --> wait for the answers of orders in flight --> still none: ask the venue (order.status, never a resend)
///    --> cancel-all of every traded symbol --> [ query open orders --> cancel each one left by client order id ] x rounds
///    --> confirmed only when the venue answers "none open" and every order we sent has its answer
/// </code>
/// Three windows this closes: an order still in the sender's queue or on the wire when the cancel-all went (it arrived
/// after and stayed open), a cancel the venue refused, and an answer that never came (status unknown). Anything left
/// is logged by client order id and returned; the caller must then not report success.
/// </summary>
public sealed class VenueExit
{
    private readonly ILiveVenue _venue;
    private readonly VenueExitOptions _options;
    private int _refused;

    /// <summary>An exit at <paramref name="venue"/> (default bounds when <paramref name="options"/> is null).</summary>
    public VenueExit(ILiveVenue venue, VenueExitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(venue);
        _venue = venue;
        _options = options ?? new VenueExitOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(_options.CancelRounds);
    }

    /// <summary>
    /// Before <c>--flatten-on-exit</c> sends its closing orders: waits (bounded) for the answers of orders in flight and
    /// cancels all, without blocking new orders. Returns the orders the cancel-all cancelled (0 when it failed: logged,
    /// counted as refused in <see cref="RunAsync"/>'s result).
    /// </summary>
    public async Task<int> SettleAsync(CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(_options.Limit);
        try
        {
            return await SettleStepAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            Log("exit: settling stopped at its limit");
            return 0;
        }
    }

    /// <summary>Runs the exit (see the class); returns what it confirmed. Never throws for the venue's failures: they
    /// are an unconfirmed result. Takes at most <see cref="VenueExitOptions.Limit"/> (sooner when <paramref name="ct"/> fires).</summary>
    public async Task<VenueExitResult> RunAsync(CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(_options.Limit);
        var token = limit.Token;
        _venue.BlockNewOrders();
        int cancelled = 0, retries = 0;
        IReadOnlyList<VenueOpenOrder>? open = null;
        bool finished = false;
        try
        {
            cancelled = await SettleStepAsync(token).ConfigureAwait(false);
            for (int round = 0; ; round++)
            {
                open = await QueryOpenAsync(token).ConfigureAwait(false);
                var unanswered = _venue.UnansweredOrders();
                if (open is { Count: 0 } && unanswered.Count == 0 && _venue.RequestsQueued == 0)
                {
                    finished = true;
                    break;
                }
                // Rounds are counted while nothing waits for an answer; an order that may still arrive keeps the exit
                // asking until the limit.
                if (round >= _options.CancelRounds && unanswered.Count == 0) break;
                if (unanswered.Count > 0) await _venue.ResolveUnansweredAsync(_options.ArrivalWindow, token).ConfigureAwait(false);
                foreach (var order in open ?? [])
                {
                    retries++;
                    var outcome = await _venue.CancelOrderAsync(order.SymbolId, order.ClientOrderId, token).ConfigureAwait(false);
                    if (outcome is VenueCancelOutcome.Refused or VenueCancelOutcome.Unanswered) _refused++;
                    if (outcome != VenueCancelOutcome.Cancelled) Log($"exit: cancel of {order.ClientOrderId}: {outcome}");
                }
                await Task.Delay(_options.RetryDelay, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            Log(string.Create(CultureInfo.InvariantCulture, $"exit: stopped at its limit ({_options.Limit.TotalSeconds:F0} s) before the venue confirmed"));
        }
        var openIds = open?.Select(o => o.ClientOrderId).ToArray() ?? [];
        var unansweredIds = _venue.UnansweredOrders();
        bool confirmed = finished && openIds.Length == 0 && unansweredIds.Count == 0;
        Log(confirmed
            ? $"exit: confirmed by the venue: no open order, every order answered (cancel-all {cancelled}, retried {retries})"
            : $"exit: NOT confirmed: open at the venue [{string.Join(", ", openIds)}]{(open is null ? " (open orders query not answered)" : "")}, " +
              $"without an answer [{string.Join(", ", unansweredIds)}], refused {_refused}");
        return new VenueExitResult
        {
            Confirmed = confirmed,
            CancelledByCancelAll = cancelled,
            CancelRetries = retries,
            Refused = _refused,
            OpenAtExit = open?.Count ?? -1,
            OpenOrderIds = openIds,
            UnansweredIds = unansweredIds,
        };
    }

    // Answers of orders in flight awaited, then cancel-all; a failed cancel-all is counted refused (the rounds follow up).
    private async Task<int> SettleStepAsync(CancellationToken ct)
    {
        await AwaitAnswersAsync(ct).ConfigureAwait(false);
        try
        {
            return await _venue.CancelAllAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (IsVenueFailure(e))
        {
            _refused++;
            Log($"exit: cancel-all failed ({e.Message}); cancelling one by one");
            return 0;
        }
    }

    // Polls until the sender has nothing queued and every order sent has its answer, or AnswerWait is up; then asks the
    // venue about those still unanswered (one query each).
    private async Task AwaitAnswersAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + _options.AnswerWait;
        while (_venue.RequestsQueued > 0 || _venue.UnansweredOrders().Count > 0)
        {
            if (DateTime.UtcNow >= deadline)
            {
                Log($"exit: no answer yet for [{string.Join(", ", _venue.UnansweredOrders())}]: asking the venue");
                await _venue.ResolveUnansweredAsync(_options.ArrivalWindow, ct).ConfigureAwait(false);
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), ct).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<VenueOpenOrder>?> QueryOpenAsync(CancellationToken ct)
    {
        try
        {
            return await _venue.QueryOpenOrdersAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (IsVenueFailure(e))
        {
            Log($"exit: open orders query failed: {e.Message}");
            return null;
        }
    }

    private static bool IsVenueFailure(Exception e) => e is IOException or HttpRequestException or InvalidOperationException;

    private void Log(string line) => _options.Log?.Invoke(line);
}
