using System.Runtime.CompilerServices;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Native;

namespace HftScalper.Trading.Execution;

/// <summary>
/// The paper/backtest venue: an <see cref="IExecutionGateway"/> that matches our orders against the replayed
/// book. Its clock is the exchange time of the market events it is fed; everything is deterministic (seeded
/// latency models, fixed processing order) and allocation-free per event and per order after construction.
/// </summary>
/// <remarks>
/// <para>Per event (<see cref="OnMarketEvent"/>, called for every market event in ring order, with the symbol's
/// book after the event was applied, or null when that book is not synced):</para>
/// <list type="number">
///   <item>Resting orders of the symbol update their queue: trades at our price eat the queue ahead, then fill us
///   (maker); trades through our price fill us completely; depth updates at our price cap the queue ahead at the
///   visible quantity (and, with <see cref="QueueCancelModel.Proportional"/>, cancels advance it pro rata).</item>
///   <item>At a consistent book (not in the middle of a depth message), a resting order whose price the opposite
///   best has reached or crossed is filled completely at its price (maker); the remainder of an order that took
///   liquidity on arrival needs the book strictly through its price (the replay still shows what we took).</item>
///   <item>Requests whose entry latency has elapsed reach the matching engine (per symbol in FIFO order) and meet
///   that book: marketable quantity walks the opposite levels as taker (one fill per level), post-only orders
///   that would cross are rejected, IOC/market remainders are cancelled, limit remainders rest with the visible
///   quantity at their price ahead of them. An order is therefore live only from the first event at or after
///   its arrival time.</item>
///   <item>Reports whose response latency has elapsed are delivered to the sink, in the order they were made.</item>
/// </list>
/// <para>Our own impact: what our taker fills took from a level is remembered until the venue next updates that
/// level, so later orders do not take the same lots twice; beyond that the replayed book does not react to us
/// (no price impact), and hidden/iceberg quantity is not modelled.</para>
/// </remarks>
public sealed partial class PaperExchange : IExecutionGateway
{
    private readonly IExecutionReportSink _sink;
    private readonly PaperExchangeOptions _options;
    private readonly SimOrder[] _orders;
    private readonly int[] _freeSlots;
    private readonly int[] _active;
    private readonly PendingRequest[] _inflight;
    private readonly ExecutionReport[] _reports;
    private readonly BookLevel[] _levels;
    private readonly ConsumedLiquidity _consumed;
    private readonly long[] _inventory;
    private readonly bool[] _noShort;
    private readonly SymbolInfo?[] _grid; // each symbol's tick and lot; null (no symbols given): any integer is on the grid
    private readonly Ledger.SymbolAmounts? _amounts; // fees on the notional (an inverse contract's in the coin); null: linear
    private int _freeCount;
    private int _activeCount;
    private int _inflightCount;
    private int _reportHead;
    private int _reportCount;
    private long _lastArrivalNs;
    private long _lastReceiveNs;

    /// <summary>Creates the venue; reports go to <paramref name="sink"/>. With <paramref name="symbols"/>, spot
    /// symbols among them sell only what the account holds (unless <see cref="PaperExchangeOptions.SpotMargin"/>), and
    /// an inverse contract's fee is charged in its coin; without, every fee is linear (ticks x lots).</summary>
    public PaperExchange(IExecutionReportSink sink, PaperExchangeOptions? options = null, SymbolRegistry? symbols = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _sink = sink;
        _options = options ?? new PaperExchangeOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxOrders, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MessageCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxWalkLevels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxSymbols, 1);
        _orders = new SimOrder[_options.MaxOrders];
        _freeSlots = new int[_options.MaxOrders];
        for (int i = 0; i < _freeSlots.Length; i++) _freeSlots[i] = _freeSlots.Length - 1 - i;
        _freeCount = _freeSlots.Length;
        _active = new int[_options.MaxOrders];
        _inflight = new PendingRequest[_options.MessageCapacity];
        _reports = new ExecutionReport[_options.MessageCapacity];
        _levels = new BookLevel[_options.MaxWalkLevels];
        _consumed = new ConsumedLiquidity(_options.MaxWalkLevels);
        _inventory = new long[_options.MaxSymbols];
        _noShort = new bool[_options.MaxSymbols];
        _grid = new SymbolInfo?[_options.MaxSymbols];
        if (symbols is null) return;
        for (int i = 0; i < Math.Min(symbols.Count, _noShort.Length); i++)
        {
            _noShort[i] = !Risk.ShortSelling.IsAllowed(symbols[i], _options.SpotMargin);
            _grid[i] = symbols[i];
        }
        _amounts = Ledger.SymbolAmounts.Create(symbols, contractSizes: _options.ContractSizes);
    }

    /// <summary>Base asset the account holds (or owes, when short), in lots: the sum of this venue's fills.</summary>
    public long Inventory(int symbolId) => _inventory[symbolId];

    /// <summary>The simulated clock: the latest exchange time seen, ns.</summary>
    public long NowNs { get; private set; }

    /// <summary>Orders resting in the simulated book.</summary>
    public int RestingOrders => _activeCount;

    /// <summary>Requests sent but not yet arrived at the matching engine.</summary>
    public int InFlightRequests => _inflightCount;

    /// <summary>Reports made but not yet delivered (response latency).</summary>
    public int PendingReports => _reportCount;

    /// <summary>Whether <see cref="OnMarketEvent"/> reads the book it is handed: only while orders rest (their queue
    /// and the touch) or travel (their arrival matches against the book). When false, any book (or null) gives the same
    /// result, so a venue may apply its book's levels later (<c>PaperVenue</c> does, after the decision).</summary>
    public bool ReadsBook => _activeCount > 0 || _inflightCount > 0;

    /// <summary>Requests refused locally because the pool or the request ring was full.</summary>
    public long CapacityRejects { get; private set; }

    /// <summary>Orders the venue's filters rejected on arrival: its tick and lot grid (<see cref="OffGridRejects"/>) and
    /// <see cref="PaperExchangeOptions.Filters"/>.</summary>
    public long FilterRejects { get; private set; }

    /// <summary>Orders rejected on arrival (<see cref="ExecutionReason.FilterFailure"/>, as Binance's PRICE_FILTER and
    /// LOT_SIZE refuse them) because their price is not a whole number of the symbol's <see cref="SymbolInfo.TickSize"/> or
    /// their quantity of its <see cref="SymbolInfo.LotSize"/>: so an order the exchange would refuse never fills on paper.
    /// Checked whenever the venue is given the symbols, with or without <see cref="PaperExchangeOptions.Filters"/>.</summary>
    public long OffGridRejects { get; private set; }

    /// <summary>Reports delivered early because the report ring was full (none lost; the latency was shortened).</summary>
    public long ReportOverflows { get; private set; }

    /// <inheritdoc />
    public bool Submit(in OrderRequest request) =>
        Send(PendingRequestKind.New, in request, request.ClientOrderId, request.SymbolId, request.TimeNs);

    /// <inheritdoc />
    public bool Cancel(ClientOrderId clientOrderId, int symbolId, long nowNs)
    {
        var target = new OrderRequest { ClientOrderId = clientOrderId, SymbolId = symbolId, TimeNs = nowNs };
        return Send(PendingRequestKind.Cancel, in target, clientOrderId, symbolId, nowNs);
    }

    /// <inheritdoc />
    public bool Replace(ClientOrderId original, in OrderRequest replacement) =>
        Send(PendingRequestKind.Replace, in replacement, original, replacement.SymbolId, replacement.TimeNs);

    // Checks locally (as a venue client library would), then puts the request on the wire with its entry latency.
    private bool Send(PendingRequestKind kind, in OrderRequest request, ClientOrderId target, int symbolId, long timeNs)
    {
        var reason = kind == PendingRequestKind.Cancel
            ? (uint)symbolId >= (uint)_options.MaxSymbols ? ExecutionReason.InvalidOrder : ExecutionReason.None
            : Validate(in request);
        if (reason == ExecutionReason.None && _inflightCount == _inflight.Length) reason = ExecutionReason.CapacityExceeded;
        if (reason != ExecutionReason.None)
        {
            RejectLocally(in request, reason);
            return false;
        }
        ref var p = ref _inflight[_inflightCount++];
        p.Kind = kind;
        p.Request = kind == PendingRequestKind.Cancel ? default : request;
        p.Target = target;
        p.SymbolId = symbolId;
        p.ArrivalNs = ArrivalTime(timeNs);
        return true;
    }

    /// <summary>
    /// Feeds one market event (every event, in ring order) with its symbol's book after the event was applied,
    /// or null when that book is not synced (new orders arriving then are rejected with
    /// <see cref="ExecutionReason.NoLiquidity"/>). Advances the clock to the event's exchange time.
    /// </summary>
    public void OnMarketEvent(in MarketEvent e, NativeOrderBook? book)
    {
        if (e.ExchangeTimeNs > NowNs) NowNs = e.ExchangeTimeNs;
        bool consistent = e.Kind is not (MarketEventKind.BookDelta or MarketEventKind.SnapshotLevel) || e.IsLastInMessage;
        if (_consumed.Count > 0) _consumed.OnMarketEvent(in e);
        if (_activeCount > 0) UpdateResting(in e, book, consistent);
        if (_inflightCount > 0 && consistent) ProcessArrivals(e.SymbolId, book);
        if (_reportCount > 0) Deliver(NowNs);
    }

    /// <summary>Advances the clock without market data (e.g. a clock tick) and delivers due reports.</summary>
    public void AdvanceTo(long nowNs)
    {
        if (nowNs > NowNs) NowNs = nowNs;
        if (_reportCount > 0) Deliver(NowNs);
    }

    /// <summary>Delivers every pending report now, whatever its latency (end of a backtest).</summary>
    public void FlushReports() => Deliver(long.MaxValue);

    private ExecutionReason Validate(in OrderRequest r)
    {
        if (r.QuantityLots <= 0 || r.Side == OrderSide.None || r.Type == OrderType.None
            || (uint)r.SymbolId >= (uint)_options.MaxSymbols || !r.ClientOrderId.IsValid
            || (r.Type != OrderType.Market && r.PriceTicks <= 0))
            return ExecutionReason.InvalidOrder;
        return IsKnown(r.ClientOrderId) ? ExecutionReason.DuplicateClientOrderId : ExecutionReason.None;
    }

    // A limit price off the symbol's tick grid, or a quantity off its lot grid (a market order has no price to check).
    private bool OffGrid(in OrderRequest r) =>
        _grid[r.SymbolId] is { } info && ((r.Type != OrderType.Market && !info.IsOnTick(r.PriceTicks)) || !info.IsOnLot(r.QuantityLots));

    // Open or in-flight orders are few (bounded by risk's open-order limit), so a scan beats a hash map here.
    private bool IsKnown(ClientOrderId id)
    {
        if (FindActive(id) >= 0) return true;
        for (int i = 0; i < _inflightCount; i++)
            if (_inflight[i].Kind != PendingRequestKind.Cancel && _inflight[i].Request.ClientOrderId == id) return true;
        return false;
    }

    // FIFO per connection: a later request never overtakes an earlier one, whatever the sampled delay.
    private long ArrivalTime(long requestTimeNs)
    {
        long t = Math.Max(requestTimeNs, NowNs) + _options.EntryLatency.NextNs();
        if (t < _lastArrivalNs) t = _lastArrivalNs;
        _lastArrivalNs = t;
        return t;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RejectLocally(in OrderRequest r, ExecutionReason reason)
    {
        if (reason == ExecutionReason.CapacityExceeded) CapacityRejects++;
        var report = new ExecutionReport
        {
            Kind = ExecutionReportKind.Rejected, Reason = reason, Side = r.Side, OrderType = r.Type,
            SymbolId = r.SymbolId, ClientOrderId = r.ClientOrderId, OrderPriceTicks = r.PriceTicks,
            LeavesQuantityLots = 0, ExchangeTimeNs = NowNs, ReceiveTimeNs = Math.Max(NowNs, r.TimeNs),
        };
        _sink.OnExecutionReport(in report); // local refusal: no venue round trip, delivered at once
    }

    private void Enqueue(in ExecutionReport report)
    {
        if (_reportCount == _reports.Length)
        {
            ReportOverflows++;
            Deliver(long.MaxValue, 1); // deliver the oldest early rather than drop anything
        }
        _reports[(_reportHead + _reportCount) % _reports.Length] = report;
        _reportCount++;
    }

    private void Deliver(long nowNs, int max = int.MaxValue)
    {
        while (_reportCount > 0 && max-- > 0)
        {
            ref var r = ref _reports[_reportHead];
            if (r.ReceiveTimeNs > nowNs) break;
            var copy = r; // the sink may submit and so enqueue into this ring while it runs
            _reportHead = (_reportHead + 1) % _reports.Length;
            _reportCount--;
            _sink.OnExecutionReport(in copy);
        }
    }
}
