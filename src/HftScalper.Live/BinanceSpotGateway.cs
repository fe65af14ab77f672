using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using HftScalper.Binance.Rules;
using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;
using BinanceSide = HftScalper.Binance.Orders.OrderSide;
using CoreSide = HftScalper.Core.Events.Side;

namespace HftScalper.Live;

/// <summary>
/// The Binance spot venue behind the engine's gateway seam, over the WebSocket API (<see cref="SpotTradingApi"/>).
/// <para>Strategy thread (<see cref="Submit"/>, <see cref="Cancel"/>, <see cref="Replace"/>): checks the order against
/// the symbol's exchangeInfo filters (<see cref="OrderValidator"/>; a refusal is a Rejected report, no request), then
/// hands a value to a bounded queue read by one sender task. Never waits on the network.</para>
/// <para>Sender task and network callbacks: send the requests, read the outcomes and the user data
/// <c>executionReport</c>s (through <see cref="OrderUpdateSequencer"/>: duplicates and stale ones dropped and
/// counted), and queue <see cref="ExecutionReport"/>s; the strategy thread delivers them with
/// <see cref="DeliverReports"/> (the desk does on every market event). Every source reports only what the order's
/// record does not hold yet (cumulative filled quantity, ack, terminal state), so a fill is reported once whichever
/// source brings it first.</para>
/// <para>An Unknown outcome (timeout, disconnect, 5XX) leaves the order <see cref="VenueOrderState.Unknown"/> and is
/// resolved by <c>order.status</c> by client order id, never by sending the request again.</para>
/// </summary>
public sealed partial class BinanceSpotGateway : IQueuedReportGateway, IAsyncDisposable, IDisposable
{
    private readonly SpotTradingApi _api;
    private readonly IExecutionReportSink _sink;
    private readonly ClientOrderIdSession _session;
    private readonly BinanceSpotGatewayOptions _options;
    private readonly SymbolInfo[] _symbols;
    private readonly SymbolRules?[] _rules;
    private readonly string?[] _quoteAsset;
    private readonly string?[] _baseAsset;
    private readonly long[] _reference;
    private readonly Channel<GatewayCommand> _commands;
    private readonly ConcurrentQueue<ExecutionReport> _reports = new();
    private readonly ConcurrentDictionary<long, VenueOrder> _orders = new();
    private readonly OrderUpdateSequencer _sequencer = new();
    private readonly object _sequencerGate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<long> _clock;
    private readonly Task _sender;
    private long _localRejects, _queueFull, _unknownOutcomes, _resolved, _coveredFills, _foreignReports, _venueRejects, _lateReports;
    private int _lastRejectCode;
    private string? _lastRejectMessage;

    /// <summary>
    /// A gateway for the symbols of <paramref name="symbols"/> (ids below its count now) trading through
    /// <paramref name="api"/>; <paramref name="filters"/> are exchangeInfo's symbols (a symbol without filters refuses
    /// every order), <paramref name="session"/> the order tracker's id session (the venue's ids are its text).
    /// The client must parse user data with the same registry (<see cref="UserDataParser"/>).
    /// </summary>
    public BinanceSpotGateway(SpotTradingApi api, SymbolRegistry symbols, IReadOnlyDictionary<string, SymbolFilters> filters,
        ClientOrderIdSession session, IExecutionReportSink sink, BinanceSpotGatewayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(sink);
        _api = api;
        _sink = sink;
        _session = session;
        _options = options ?? new BinanceSpotGatewayOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.QueueCapacity, 1);
        _clock = _options.ClockNs ?? (() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100);
        int n = symbols.Count;
        _symbols = new SymbolInfo[n];
        _rules = new SymbolRules?[n];
        _quoteAsset = new string?[n];
        _baseAsset = new string?[n];
        _reference = new long[n];
        for (int i = 0; i < n; i++)
        {
            _symbols[i] = symbols[i];
            if (!filters.TryGetValue(symbols[i].Name, out var f)) continue;
            _rules[i] = SymbolRules.Create(f, symbols[i].PriceDecimals, symbols[i].QuantityDecimals);
            _quoteAsset[i] = f.QuoteAsset;
            _baseAsset[i] = f.BaseAsset;
        }
        _commands = Channel.CreateBounded<GatewayCommand>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _api.Client.UserData += OnUserData;
        _api.Client.ReconcileRequested += OnReconcileRequested;
        _sender = Task.Run(SendLoopAsync);
    }

    /// <summary>Orders refused before sending (filters, unknown symbol, bad side/type).</summary>
    public long LocalRejects => Interlocked.Read(ref _localRejects);

    /// <summary>Requests refused because the sender queue was full.</summary>
    public long QueueFull => Interlocked.Read(ref _queueFull);

    /// <summary>Requests whose outcome was Unknown (each resolved by query).</summary>
    public long UnknownOutcomes => Interlocked.Read(ref _unknownOutcomes);

    /// <summary>Unknown orders resolved by a query.</summary>
    public long Resolved => Interlocked.Read(ref _resolved);

    /// <summary>Requests the venue refused (4XX).</summary>
    public long VenueRejects => Interlocked.Read(ref _venueRejects);

    /// <summary>The last venue refusal's Binance code (e.g. -2010) and message.</summary>
    public (int Code, string? Message) LastReject => (Volatile.Read(ref _lastRejectCode), Volatile.Read(ref _lastRejectMessage));

    /// <summary>User data reports dropped as duplicates (same trade, or same state) by the sequencer.</summary>
    public long DuplicateReports { get { lock (_sequencerGate) return _sequencer.Duplicates; } }

    /// <summary>User data reports dropped as stale (behind what the order already showed).</summary>
    public long StaleReports { get { lock (_sequencerGate) return _sequencer.Stale; } }

    /// <summary>Fills dropped because a query had already reported their quantity.</summary>
    public long CoveredFills => Interlocked.Read(ref _coveredFills);

    /// <summary>User data reports for orders already done (e.g. a duplicate after the sequencer forgot the order): dropped.</summary>
    public long LateReports => Interlocked.Read(ref _lateReports);

    /// <summary>Order reports of ids that are not this session's (another process, a previous run).</summary>
    public long ForeignReports => Interlocked.Read(ref _foreignReports);

    /// <summary>Reports waiting for <see cref="DeliverReports"/>.</summary>
    public int PendingReports => _reports.Count;

    /// <summary>The gateway's view of an order (false when it never reached the sender).</summary>
    public bool TryGetState(ClientOrderId id, out VenueOrderState state)
    {
        state = default;
        if (!_orders.TryGetValue(id.Value, out var o)) return false;
        lock (o) state = o.State;
        return true;
    }

    /// <summary>The venue's reference price of a symbol in ticks (spot avgPrice; e.g. the mid), used for market
    /// orders' notional and the percent-price band; 0 = unknown (band not checked).</summary>
    public void SetReferencePrice(int symbolId, long priceTicks)
    {
        if ((uint)symbolId < (uint)_reference.Length) Volatile.Write(ref _reference[symbolId], priceTicks);
    }

    /// <inheritdoc />
    public bool Submit(in OrderRequest request)
    {
        var reason = Check(in request);
        if (reason != ExecutionReason.None)
        {
            long n = Interlocked.Increment(ref _localRejects);
            if ((n & (n - 1)) == 0) LogLocalReject(in request, n); // 1st, 2nd, 4th, ...: a clear line without a flood
            QueueReject(in request, reason);
            return false;
        }
        if (_commands.Writer.TryWrite(new GatewayCommand(GatewayCommandKind.Place, request, default, request.SymbolId))) return true;
        Interlocked.Increment(ref _queueFull);
        QueueReject(in request, ExecutionReason.CapacityExceeded);
        return false;
    }

    /// <inheritdoc />
    public bool Cancel(ClientOrderId clientOrderId, int symbolId, long nowNs)
    {
        if (_commands.Writer.TryWrite(new GatewayCommand(GatewayCommandKind.Cancel, default, clientOrderId, symbolId))) return true;
        Interlocked.Increment(ref _queueFull);
        var r = new OrderRequest { ClientOrderId = clientOrderId, SymbolId = symbolId, TimeNs = nowNs };
        QueueReject(in r, ExecutionReason.CapacityExceeded);
        return false;
    }

    /// <inheritdoc />
    public bool Replace(ClientOrderId original, in OrderRequest replacement)
    {
        var reason = Check(in replacement);
        if (reason == ExecutionReason.None
            && _commands.Writer.TryWrite(new GatewayCommand(GatewayCommandKind.Replace, replacement, original, replacement.SymbolId)))
            return true;
        if (reason == ExecutionReason.None)
        {
            Interlocked.Increment(ref _queueFull);
            reason = ExecutionReason.CapacityExceeded;
        }
        else Interlocked.Increment(ref _localRejects);
        QueueReject(in replacement, reason);
        return false;
    }

    /// <inheritdoc />
    public int DeliverReports()
    {
        int n = 0;
        while (_reports.TryDequeue(out var report))
        {
            _sink.OnExecutionReport(in report);
            n++;
        }
        return n;
    }

    /// <summary>Stops the sender (queued requests not yet sent are dropped) and detaches from the client (not disposed).</summary>
    public async ValueTask DisposeAsync()
    {
        _api.Client.UserData -= OnUserData;
        _api.Client.ReconcileRequested -= OnReconcileRequested;
        _commands.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _sender.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        _stop.Dispose();
    }

    /// <summary>Synchronous <see cref="DisposeAsync"/> (the desk disposes its gateway this way at shutdown).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    // ---- strategy thread ----

    private ExecutionReason Check(in OrderRequest r)
    {
        int s = r.SymbolId;
        if ((uint)s >= (uint)_rules.Length || _rules[s] is not { } rules || !r.ClientOrderId.IsValid
            || r.Side == Trading.Execution.OrderSide.None || r.Type == OrderType.None)
            return ExecutionReason.InvalidOrder;
        bool market = r.Type == OrderType.Market;
        var side = r.Side == Trading.Execution.OrderSide.Buy ? BinanceSide.Buy : BinanceSide.Sell;
        var check = OrderValidator.Check(rules, side, market, r.PriceTicks, r.QuantityLots, Volatile.Read(ref _reference[s]));
        // A market order with no reference price yet: the venue checks its notional.
        return check == OrderCheck.Ok || (market && check == OrderCheck.NoReferencePrice) ? ExecutionReason.None : ExecutionReason.InvalidOrder;
    }

    private void QueueReject(in OrderRequest r, ExecutionReason reason)
    {
        long now = _clock();
        _reports.Enqueue(new ExecutionReport
        {
            Kind = ExecutionReportKind.Rejected,
            Reason = reason,
            Side = r.Side,
            OrderType = r.Type,
            SymbolId = r.SymbolId,
            ClientOrderId = r.ClientOrderId,
            OrderPriceTicks = r.PriceTicks,
            LeavesQuantityLots = 0,
            ExchangeTimeNs = now,
            ReceiveTimeNs = now,
        });
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void LogLocalReject(in OrderRequest r, long count) =>
        _options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"binance gateway: order refused before sending by the exchangeInfo filters (#{count}): symbol #{r.SymbolId} {r.Side} {r.Type} {r.QuantityLots} lots at {r.PriceTicks} ticks"));

    // ---- sender task ----

    private async Task SendLoopAsync()
    {
        var reader = _commands.Reader;
        var ct = _stop.Token;
        try
        {
            while (await reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                while (reader.TryRead(out var cmd))
                {
                    try
                    {
                        Dispatch(in cmd);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        _options.Log?.Invoke($"binance gateway: {cmd.Kind} {cmd.Request.ClientOrderId} failed before sending: {e.Message}");
                        QueueReject(cmd.Kind == GatewayCommandKind.Cancel
                            ? new OrderRequest { ClientOrderId = cmd.Target, SymbolId = cmd.SymbolId }
                            : cmd.Request, ExecutionReason.VenueRejected);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // disposed
        }
    }

    private void Dispatch(in GatewayCommand cmd)
    {
        switch (cmd.Kind)
        {
            case GatewayCommandKind.Place:
            {
                var order = Track(cmd.Request);
                _ = OnPlacedAsync(order, _api.PlaceOrderAsync(ToVenue(order), _stop.Token));
                break;
            }
            case GatewayCommandKind.Cancel:
            {
                if (!_orders.TryGetValue(cmd.Target.Value, out var order))
                {
                    QueueReject(new OrderRequest { ClientOrderId = cmd.Target, SymbolId = cmd.SymbolId }, ExecutionReason.UnknownOrder);
                    return;
                }
                lock (order) order.CancelRequested = true;
                _ = OnCancelledAsync(order, _api.CancelOrderAsync(order.Symbol, clientOrderId: order.VenueId, ct: _stop.Token));
                break;
            }
            case GatewayCommandKind.Replace:
            {
                if (!_orders.TryGetValue(cmd.Target.Value, out var original))
                {
                    QueueReject(cmd.Request, ExecutionReason.UnknownOrder);
                    return;
                }
                lock (original) original.ReplacePending = true;
                var replacement = Track(cmd.Request);
                _ = OnReplacedAsync(original, replacement,
                    _api.CancelReplaceAsync(ToVenue(replacement), cancelClientOrderId: original.VenueId, ct: _stop.Token));
                break;
            }
        }
    }

    private VenueOrder Track(in OrderRequest r)
    {
        var order = new VenueOrder(r, _session.Format(r.ClientOrderId), _symbols[r.SymbolId].Name);
        _orders[r.ClientOrderId.Value] = order;
        return order;
    }

    private SpotOrderRequest ToVenue(VenueOrder o)
    {
        var r = o.Request;
        var (type, tif) = r.Type switch
        {
            OrderType.Market => ("MARKET", (string?)null),
            OrderType.PostOnly => ("LIMIT_MAKER", null),
            OrderType.Ioc => ("LIMIT", "IOC"),
            _ => ("LIMIT", "GTC"),
        };
        return new SpotOrderRequest
        {
            Symbol = _symbols[r.SymbolId],
            Side = r.Side == Trading.Execution.OrderSide.Buy ? CoreSide.Bid : CoreSide.Ask,
            Type = type,
            TimeInForce = tif,
            Quantity = r.QuantityLots,
            Price = r.Type == OrderType.Market ? null : r.PriceTicks,
            ClientOrderId = o.VenueId,
            ResponseType = "RESULT",
            IngressTicks = r.IngressTicks,
        };
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"BinanceSpotGateway({_orders.Count} orders)");
}
