using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using HftScalper.Binance.Orders;
using HftScalper.Binance.Rules;
using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;
using BinanceSide = HftScalper.Binance.Orders.OrderSide;
using CoreSide = HftScalper.Core.Events.Side;
using OrderType = HftScalper.Trading.Execution.OrderType;

namespace HftScalper.Live;

/// <summary>
/// The Binance USD-M futures venue behind the engine's gateway seam: order entry over the WebSocket API
/// (<see cref="UsdmTradingApi"/>: <c>order.place</c>, <c>order.cancel</c>, <c>order.modify</c>, <c>order.status</c>),
/// fills from the listenKey user data stream (<see cref="FuturesUserDataStream"/>: <c>ORDER_TRADE_UPDATE</c>,
/// <c>ACCOUNT_UPDATE</c>), and REST (<see cref="FuturesOrderClient"/>) for what the WebSocket API lacks: open orders,
/// <c>positionRisk</c>, the account, <c>allOpenOrders</c> cancel. One-way position mode (<c>positionSide</c> BOTH).
/// <para>Same design as <see cref="BinanceSpotGateway"/>: the strategy thread checks the order against exchangeInfo
/// (<see cref="OrderValidator"/>) and queues a value for one sender task; every report source adds only what the
/// order's record does not hold yet, through <see cref="OrderUpdateSequencer"/>, so a fill is reported once; an
/// Unknown outcome is resolved by <c>order.status</c> by client order id, never by resending.</para>
/// <para>Order mapping: post-only = LIMIT GTX, IOC = LIMIT IOC, <see cref="OrderRequest.ReduceOnly"/> = <c>reduceOnly</c>,
/// self-trade prevention from <see cref="BinanceUsdmGatewayOptions.SelfTradePrevention"/>. A Replace of a resting
/// LIMIT/GTX order with the same side, type and reduce-only flag is an <c>order.modify</c> (the venue order keeps its
/// id; the original is reported Cancelled/Replaced and the replacement takes the venue order over, counting its fills
/// above what was executed before); any other Replace is <c>order.cancel</c> then, once the cancel is confirmed,
/// <c>order.place</c>.</para>
/// <para>Risk figures: <see cref="TryGetRiskFigures"/> gives the exchange's mark and liquidation prices per symbol
/// (<c>positionRisk</c>), marked unknown while a position change is not yet re-queried.</para>
/// </summary>
public sealed partial class BinanceUsdmGateway : ILiveVenue, IDisposable
{
    private static readonly string[] StpModes = ["NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"];
    private readonly UsdmTradingApi _api;
    private readonly FuturesUserDataStream _userData;
    private readonly FuturesOrderClient _rest;
    private readonly IExecutionReportSink _sink;
    private readonly ClientOrderIdSession _session;
    private readonly BinanceUsdmGatewayOptions _options;
    private readonly SymbolInfo[] _symbols;
    private readonly SymbolRules?[] _rules;
    private readonly string?[] _quoteAsset;
    private readonly long[] _reference;
    private readonly Dictionary<string, int> _symbolIds = new(StringComparer.Ordinal);
    private readonly Channel<GatewayCommand> _commands;
    private readonly ConcurrentQueue<ExecutionReport> _reports = new();
    private readonly ConcurrentDictionary<long, UsdmOrder> _orders = new();
    private readonly ConcurrentDictionary<long, UsdmOrder> _routes = new();
    private readonly OrderUpdateSequencer _sequencer = new();
    private readonly object _sequencerGate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<long> _clock;
    private readonly Task _sender;
    private long _localRejects, _queueFull, _unknownOutcomes, _resolved, _coveredFills, _foreignReports, _venueRejects, _lateReports,
        _modifies, _cancelThenPlace;
    private int _lastRejectCode;
    private string? _lastRejectMessage;

    /// <summary>
    /// A gateway for the symbols of <paramref name="symbols"/> (ids below its count now) trading through
    /// <paramref name="api"/> (a started <c>/ws-fapi/v1</c> client, <see cref="WsApiClientOptions.SubscribeUserData"/>
    /// false), <paramref name="userData"/> (the listenKey stream; started by the caller, parsing with the same registry)
    /// and <paramref name="rest"/> (USD-M REST, clock synced); <paramref name="filters"/> are exchangeInfo's symbols (a
    /// symbol without filters refuses every order), <paramref name="session"/> the order tracker's id session.
    /// </summary>
    public BinanceUsdmGateway(UsdmTradingApi api, FuturesUserDataStream userData, FuturesOrderClient rest, SymbolRegistry symbols,
        IReadOnlyDictionary<string, SymbolFilters> filters, ClientOrderIdSession session, IExecutionReportSink sink,
        BinanceUsdmGatewayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(userData);
        ArgumentNullException.ThrowIfNull(rest);
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(sink);
        _api = api;
        _userData = userData;
        _rest = rest;
        _sink = sink;
        _session = session;
        _options = options ?? new BinanceUsdmGatewayOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.QueueCapacity, 1);
        if (_options.SelfTradePrevention is { } stp && Array.IndexOf(StpModes, stp) < 0)
            throw new ArgumentException($"selfTradePreventionMode '{stp}' is not one of {string.Join(", ", StpModes)}", nameof(options));
        _clock = _options.ClockNs ?? WallNs;
        int n = symbols.Count;
        _symbols = new SymbolInfo[n];
        _rules = new SymbolRules?[n];
        _quoteAsset = new string?[n];
        _reference = new long[n];
        _risk = new UsdmRiskFigures[n];
        _positionLots = new long[n];
        _positionVersion = new long[n];
        for (int i = 0; i < n; i++)
        {
            _symbols[i] = symbols[i];
            if (!filters.TryGetValue(symbols[i].Name, out var f)) continue;
            _rules[i] = SymbolRules.Create(f, symbols[i].PriceDecimals, symbols[i].QuantityDecimals);
            _quoteAsset[i] = f.QuoteAsset;
            _symbolIds[symbols[i].Name] = i;
            _marginAsset ??= f.QuoteAsset;
        }
        _commands = Channel.CreateBounded<GatewayCommand>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _userData.UserData += OnUserData;
        _userData.ReconcileRequested += OnReconcileRequested;
        _api.Client.ReconcileRequested += OnReconcileRequested;
        _sender = Task.Run(SendLoopAsync);
    }

    /// <inheritdoc />
    public string Market => "usdm";

    /// <inheritdoc />
    public event EventHandler<string>? ReconcileNeeded;

    /// <summary>The dead-man switch whose health gates <see cref="StreamsUp"/> (null: none).</summary>
    public CountdownHeartbeat? Heartbeat { get; set; }

    /// <summary>True while the order session and the listenKey stream are up and the heartbeat (if any) is armed.</summary>
    public bool StreamsUp => _api.Client.IsReady && _userData.IsReady && (Heartbeat?.Healthy ?? true);

    /// <summary>The traded symbols' venue names (those with exchangeInfo filters).</summary>
    public IReadOnlyCollection<string> TradedSymbols => _symbolIds.Keys;

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

    /// <summary>Replaces sent as <c>order.modify</c>.</summary>
    public long Modifies => Interlocked.Read(ref _modifies);

    /// <summary>Replaces sent as cancel then place.</summary>
    public long CancelThenPlace => Interlocked.Read(ref _cancelThenPlace);

    /// <summary>The last venue refusal's Binance code (e.g. -5022) and message.</summary>
    public (int Code, string? Message) LastReject => (Volatile.Read(ref _lastRejectCode), Volatile.Read(ref _lastRejectMessage));

    /// <summary>User data reports dropped as duplicates (same trade, or same state) by the sequencer.</summary>
    public long DuplicateReports { get { lock (_sequencerGate) return _sequencer.Duplicates; } }

    /// <summary>User data reports dropped as stale (behind what the order already showed).</summary>
    public long StaleReports { get { lock (_sequencerGate) return _sequencer.Stale; } }

    /// <summary>Fills dropped because another source (response, query) had already reported their quantity.</summary>
    public long CoveredFills => Interlocked.Read(ref _coveredFills);

    /// <summary>User data reports for orders already done: dropped.</summary>
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

    /// <summary>A symbol's reference price in ticks (e.g. the mark price or the mid), for market orders' notional and
    /// the percent-price band; 0 = unknown (band not checked).</summary>
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
            Interlocked.Increment(ref _localRejects);
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

    /// <summary>Stops the sender (queued requests not yet sent are dropped) and detaches from the clients (not disposed).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        _userData.UserData -= OnUserData;
        _userData.ReconcileRequested -= OnReconcileRequested;
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
    }

    /// <summary>Synchronous <see cref="DisposeAsync"/> (the desk disposes its gateway this way at shutdown).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"BinanceUsdmGateway({_orders.Count} orders)");

    private static long WallNs() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;

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
                        _options.Log?.Invoke($"binance usdm gateway: {cmd.Kind} {cmd.Request.ClientOrderId} failed before sending: {e.Message}");
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
                ReplaceOrder(original, cmd.Request);
                break;
            }
        }
    }

    private void ReplaceOrder(UsdmOrder original, in OrderRequest request)
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
            var fresh = Track(request);
            _ = OnCancelThenPlaceAsync(original, fresh,
                _api.CancelOrderAsync(original.Symbol, clientOrderId: original.VenueId, ct: _stop.Token));
            return;
        }
        Interlocked.Increment(ref _modifies);
        var replacement = new UsdmOrder(request, original.VenueId, original.RouteKey, original.Symbol) { BaseLots = baseLots };
        _orders[request.ClientOrderId.Value] = replacement;
        lock (original) original.Successor = replacement;
        var sym = _symbols[request.SymbolId];
        var side = request.Side == Trading.Execution.OrderSide.Buy ? CoreSide.Bid : CoreSide.Ask;
        _ = OnModifiedAsync(original, replacement,
            _api.ModifyOrderAsync(sym, side, baseLots + request.QuantityLots, request.PriceTicks, clientOrderId: original.VenueId, ct: _stop.Token));
    }

    private UsdmOrder Track(in OrderRequest r)
    {
        var order = new UsdmOrder(r, _session.Format(r.ClientOrderId), r.ClientOrderId.Value, _symbols[r.SymbolId].Name);
        _orders[r.ClientOrderId.Value] = order;
        _routes[order.RouteKey] = order;
        return order;
    }

    private UsdmOrderRequest ToVenue(UsdmOrder o)
    {
        var r = o.Request;
        var (type, tif) = r.Type switch
        {
            OrderType.Market => ("MARKET", (string?)null),
            OrderType.PostOnly => ("LIMIT", "GTX"),
            OrderType.Ioc => ("LIMIT", "IOC"),
            _ => ("LIMIT", "GTC"),
        };
        return new UsdmOrderRequest
        {
            Symbol = _symbols[r.SymbolId],
            Side = r.Side == Trading.Execution.OrderSide.Buy ? CoreSide.Bid : CoreSide.Ask,
            Type = type,
            TimeInForce = tif,
            Quantity = r.QuantityLots,
            Price = r.Type == OrderType.Market ? null : r.PriceTicks,
            ClientOrderId = o.VenueId,
            ReduceOnly = r.ReduceOnly,
            SelfTradePreventionMode = _options.SelfTradePrevention,
            ResponseType = "RESULT",
        };
    }
}
