using HftScalper.Trading.Execution;

namespace HftScalper.Live;

/// <summary>
/// A live venue gateway (Binance spot, Binance USD-M) as the live host sees it: order entry with queued reports, plus
/// what reconciliation, the fail-closed gate and shutdown need. The strategy thread uses only the
/// <see cref="IQueuedReportGateway"/> part; the host's control task uses the rest.
/// </summary>
public interface ILiveVenue : IQueuedReportGateway, IAsyncDisposable
{
    /// <summary>The market this venue trades ("spot" or "usdm"), for logs and the summary.</summary>
    string Market { get; }

    /// <summary>
    /// True while the order session and the user data stream are up; false means no new order may leave (the risk
    /// stage refuses with a venue verdict). Reconciliation state is the host's, not the venue's.
    /// </summary>
    bool StreamsUp { get; }

    /// <summary>
    /// Raised (on any thread) when the venue's view may differ from the ledger: a reconnect of the order session or of
    /// the user data stream, a terminated or expired stream, a malformed user data message. The text says why.
    /// The host answers with <see cref="QueryAccountAsync"/> and a reconciliation.
    /// </summary>
    event EventHandler<string>? ReconcileNeeded;

    /// <summary>The venue's view now for the traded symbols: open orders, base positions and the quote balance.</summary>
    Task<VenueAccountView> QueryAccountAsync(CancellationToken ct);

    /// <summary>Cancels every open order of the traded symbols at the venue (ours and foreign ones); returns how many
    /// were open and are now cancelled. Never sends a new order.</summary>
    Task<int> CancelAllAsync(CancellationToken ct);

    /// <summary>Open orders of the traded symbols at the venue now (a direct query, ours and foreign ones).</summary>
    /// <exception cref="IOException">A query was not answered Ok (<see cref="HttpRequestException"/> on REST).</exception>
    Task<IReadOnlyList<VenueOpenOrder>> QueryOpenOrdersAsync(CancellationToken ct);

    /// <summary>Exit: from now on no new order leaves (queued places and replaces are refused); cancels still go.</summary>
    void BlockNewOrders();

    /// <summary>Commands handed to the venue's sender and not yet sent or refused.</summary>
    int RequestsQueued { get; }

    /// <summary>Client order ids of our orders whose request has no answer yet (sent, Unknown, replace in flight).</summary>
    IReadOnlyList<string> UnansweredOrders();

    /// <summary>One status query per unanswered order, applied (never a resend); "no such order" ends one only once
    /// <paramref name="arrivalWindow"/> has passed since it was sent. Returns how many still have no answer.</summary>
    Task<int> ResolveUnansweredAsync(TimeSpan arrivalWindow, CancellationToken ct);

    /// <summary>Cancels one venue order of the traded symbol <paramref name="symbolId"/> by its client order id.</summary>
    Task<VenueCancelOutcome> CancelOrderAsync(int symbolId, string clientOrderId, CancellationToken ct);
}
