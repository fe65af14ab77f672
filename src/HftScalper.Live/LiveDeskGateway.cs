using System.Runtime.CompilerServices;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Ledger;
using HftScalper.Trading.Margin;

namespace HftScalper.Live;

/// <summary>
/// The desk's gateway in a live run: the venue (<see cref="ILiveVenue"/>) behind the fail-closed gate, with the hook
/// by which reconciliation reaches the tracker and the ledger without a lock.
/// <code>
/// strategy thread: Submit/Cancel/Replace --> venue          risk reads AcceptsNewOrders (gate open and streams up)
///                  DeliverReports -------> venue reports --> this (fill cash) --> desk's sink (tracker, ledger)
///                                  '-----> a posted CompareRequest? compare now, on this thread, complete its task
/// control task:    ReconcileAsync posts a request and awaits it (answered at the next market event)
/// </code>
/// Not disposable on purpose: the desk disposes its gateway when the pipeline ends, and the host still needs the venue
/// for cancel-all and the last account query; the host disposes the venue.
/// </summary>
public sealed class LiveDeskGateway : IVenueGatedGateway, IExecutionReportSink, IVenueRiskSource, IReferencePriceSink
{
    private readonly IExecutionReportSink _next;
    private readonly AccountComparer _comparer;
    private ILiveVenue? _venue;
    private IVenueRiskSource? _risk;
    private IReferencePriceSink? _reference;
    private OrderTracker? _orders;
    private PositionLedger? _ledger;
    private CompareRequest? _request;
    private volatile bool _tradingStopped;

    internal LiveDeskGateway(SymbolRegistry symbols, IExecutionReportSink next, VenueGate gate, LiveReconcilerOptions options)
    {
        _next = next;
        Gate = gate;
        _comparer = new AccountComparer(symbols) { PositionToleranceLots = options.PositionToleranceLots, QuoteTolerance = options.QuoteTolerance };
    }

    /// <summary>The venue (set right after construction by <see cref="LiveDeskFactory"/>).</summary>
    public ILiveVenue Venue => _venue ?? throw new InvalidOperationException("no venue yet");

    /// <summary>The fail-closed gate.</summary>
    public VenueGate Gate { get; }

    /// <summary>The desk's tracker (null until the desk bound it).</summary>
    public OrderTracker? Orders => _orders;

    /// <summary>The desk's ledger (null until the desk bound it).</summary>
    public PositionLedger? Ledger => _ledger;

    internal void SetVenue(ILiveVenue venue)
    {
        _venue = venue;
        _risk = venue as IVenueRiskSource; // USD-M: the exchange's liquidation prices
        _reference = venue as IReferencePriceSink; // the Binance gateways: the percent-price band checked before sending
    }

    /// <inheritdoc />
    /// <remarks>Handed to the venue when it checks the band before sending (the Binance gateways).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetReferencePrice(int symbolId, long priceTicks) => _reference?.SetReferencePrice(symbolId, priceTicks);

    /// <inheritdoc />
    /// <remarks>The venue's figures when it has them (USD-M), else false (spot).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetLiquidation(int symbolId, out long positionLots, out long liquidationTicks)
    {
        if (_risk is { } r) return r.TryGetLiquidation(symbolId, out positionLots, out liquidationTicks);
        positionLots = liquidationTicks = 0;
        return false;
    }

    /// <inheritdoc />
    public bool AcceptsNewOrders
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Gate.IsOpen && _venue!.StreamsUp;
    }

    /// <inheritdoc />
    public void Bind(OrderTracker orders, PositionLedger ledger)
    {
        _orders = orders ?? throw new ArgumentNullException(nameof(orders));
        _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
    }

    /// <inheritdoc />
    public bool Submit(in OrderRequest request) => _venue!.Submit(in request);

    /// <inheritdoc />
    public bool Cancel(ClientOrderId clientOrderId, int symbolId, long nowNs) => _venue!.Cancel(clientOrderId, symbolId, nowNs);

    /// <inheritdoc />
    public bool Replace(ClientOrderId original, in OrderRequest replacement) => _venue!.Replace(original, in replacement);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DeliverReports()
    {
        int n = _venue!.DeliverReports();
        if (Volatile.Read(ref _request) is not null) Serve();
        return n;
    }

    /// <inheritdoc />
    public void OnExecutionReport(in ExecutionReport report)
    {
        if (report.IsFill) _comparer.OnFill(in report);
        _next.OnExecutionReport(in report);
    }

    /// <summary>
    /// Compares <paramref name="view"/> with the tracker and the ledger on the trading thread (at its next market event),
    /// or right here once <see cref="TradingStopped"/> was called. Null when the trading thread did not answer within
    /// <paramref name="timeout"/> (no market event) or the desk does not exist yet.
    /// </summary>
    public async Task<ReconcileResult?> CompareAsync(VenueAccountView view, IReadOnlySet<string> adopted, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (_orders is null) return null;
        var request = new CompareRequest(view, adopted);
        if (_tradingStopped)
        {
            DeliverReportsAfterStop();
            return _comparer.Compare(view, _orders, _ledger!, adopted);
        }
        Volatile.Write(ref _request, request);
        try
        {
            return await request.Done.Task.WaitAsync(timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Interlocked.CompareExchange(ref _request, null, request);
            return null;
        }
    }

    /// <summary>The host calls this once the pipeline has returned: the trading thread is gone, and from now on the
    /// calling (control) thread delivers reports and compares.</summary>
    public void TradingStopped()
    {
        _tradingStopped = true;
        Interlocked.Exchange(ref _request, null)?.Done.TrySetResult(null);
    }

    /// <summary>After the pipeline stopped: delivers the venue's queued reports to the desk's sink on the calling thread.</summary>
    public int DeliverReportsAfterStop() => _tradingStopped ? _venue!.DeliverReports() : 0;

    /// <summary>
    /// After the pipeline stopped, with no order open: sends reduce-only market orders closing each position the ledger
    /// holds (what open reducing orders do not cover). Returns the number of orders sent.
    /// </summary>
    public int SubmitFlatten(long nowNs)
    {
        if (!_tradingStopped || _orders is null || _ledger is null) return 0;
        int sent = 0;
        for (int s = 0; s < _ledger.SymbolCount; s++)
        {
            long pos = _ledger.Position(s).PositionLots;
            long uncovered = Math.Abs(pos) - (pos > 0 ? _orders.OpenSellLots(s) : _orders.OpenBuyLots(s));
            if (pos == 0 || uncovered <= 0) continue;
            var close = new OrderRequest
            {
                SymbolId = s, Side = pos > 0 ? OrderSide.Sell : OrderSide.Buy, Type = OrderType.Market,
                ReduceOnly = true, QuantityLots = uncovered, TimeNs = nowNs,
            };
            if (!_orders.TryCreate(ref close)) break;
            _venue!.Submit(in close);
            sent++;
        }
        return sent;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Serve()
    {
        var request = Interlocked.Exchange(ref _request, null);
        if (request is null || _orders is null) return;
        try
        {
            request.Done.TrySetResult(_comparer.Compare(request.View, _orders, _ledger!, request.Adopted));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            request.Done.TrySetException(e); // never on the trading thread's stack
        }
    }

    private sealed class CompareRequest(VenueAccountView view, IReadOnlySet<string> adopted)
    {
        public readonly VenueAccountView View = view;
        public readonly IReadOnlySet<string> Adopted = adopted;
        public readonly TaskCompletionSource<ReconcileResult?> Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
