using System.Globalization;
using HftScalper.Trading.Execution;

namespace HftScalper.Live;

/// <summary>
/// What both Binance gateways (<see cref="BinanceSpotGateway"/>, <see cref="BinanceFuturesGateway"/>) are to the engine:
/// a queued-report gateway over one order path (checks on the strategy thread, one sender task, every report once
/// whichever source brings it first, Unknown outcomes resolved by query and never by resending), with its counters.
/// Only this assembly derives from it; each market adds its requests, its Replace and its account view.
/// </summary>
public abstract partial class BinanceGateway : IQueuedReportGateway, IReferencePriceSink, IAsyncDisposable, IDisposable
{
    private IExecutionReportSink _sink = null!;

    private protected BinanceGateway()
    {
    }

    /// <summary>Orders refused before sending (filters, unknown symbol, bad side/type).</summary>
    public long LocalRejects => OrderPath.LocalRejects;

    /// <summary>Requests refused because the sender queue was full.</summary>
    public long QueueFull => OrderPath.QueueFull;

    /// <summary>Requests whose outcome was Unknown (each resolved by query).</summary>
    public long UnknownOutcomes => OrderPath.Outcomes.UnknownOutcomes;

    /// <summary>Unknown orders resolved by a query.</summary>
    public long Resolved => OrderPath.Outcomes.Resolved;

    /// <summary>Requests the venue refused (4XX).</summary>
    public long VenueRejects => OrderPath.Outcomes.VenueRejects;

    /// <summary>The last venue refusal's Binance code (e.g. -2010 on spot, -5022 on USD-M) and message.</summary>
    public (int Code, string? Message) LastReject => OrderPath.Outcomes.LastReject;

    /// <summary>User data reports dropped as duplicates (same trade, or same state) by the sequencer.</summary>
    public long DuplicateReports => OrderPath.Book.DuplicateReports;

    /// <summary>User data reports dropped as stale (behind what the order already showed).</summary>
    public long StaleReports => OrderPath.Book.StaleReports;

    /// <summary>Fills dropped because another source (response, query) had already reported their quantity.</summary>
    public long CoveredFills => OrderPath.Book.CoveredFills;

    /// <summary>User data reports for orders already done (e.g. a duplicate after the sequencer forgot the order): dropped.</summary>
    public long LateReports => OrderPath.Book.LateReports;

    /// <summary>Order reports of ids that are not this session's (another process, a previous run).</summary>
    public long ForeignReports => OrderPath.Book.ForeignReports;

    /// <summary>Reports waiting for <see cref="DeliverReports"/>.</summary>
    public int PendingReports => OrderPath.Reports.Pending;

    /// <summary>The shared order path (set by the market's constructor through <see cref="Start"/>).</summary>
    private protected VenueGatewayCore OrderPath { get; private set; } = null!;

    /// <summary>The gateway's view of an order (false when it never reached the sender).</summary>
    public bool TryGetState(ClientOrderId id, out VenueOrderState state) => OrderPath.Book.TryGetState(id, out state);

    /// <summary>A symbol's reference price in ticks (the desk gives the book's mid at each decision and mark; Binance
    /// itself centres the band on spot's avgPrice and the USD-M mark price), used for market orders' notional and the
    /// percent-price band checked before sending; 0 = unknown (band not checked).</summary>
    public void SetReferencePrice(int symbolId, long priceTicks) => OrderPath.Symbols.SetReferencePrice(symbolId, priceTicks);

    /// <inheritdoc />
    public bool Submit(in OrderRequest request) => OrderPath.Submit(in request);

    /// <inheritdoc />
    public bool Cancel(ClientOrderId clientOrderId, int symbolId, long nowNs) => OrderPath.Cancel(clientOrderId, symbolId, nowNs);

    /// <inheritdoc />
    public bool Replace(ClientOrderId original, in OrderRequest replacement) => OrderPath.Replace(original, in replacement);

    /// <inheritdoc />
    public int DeliverReports() => OrderPath.Reports.Deliver(_sink);

    /// <summary>Stops the sender (queued requests not yet sent are dropped) and detaches from the connections (not
    /// disposed); a no-op when stopped already.</summary>
    public async ValueTask DisposeAsync()
    {
        if (OrderPath.Stopped) return;
        Detach();
        await OrderPath.StopAsync().ConfigureAwait(false);
    }

    /// <summary>Synchronous <see cref="DisposeAsync"/> (the desk disposes its gateway this way at shutdown).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{GetType().Name}({OrderPath.Book.Count} orders)");

    /// <summary>Takes the market's order path and its report sink and starts the sender: once, in the market's
    /// constructor before it subscribes to its connections (their handlers use the core; nothing is queued before the
    /// constructor returns).</summary>
    private protected void Start(VenueGatewayCore core, IExecutionReportSink sink, ReplaceHandler replace)
    {
        OrderPath = core;
        _sink = sink;
        core.Start(replace);
    }

    /// <summary>Unsubscribes from the market's connections (on dispose).</summary>
    private protected abstract void Detach();
}
