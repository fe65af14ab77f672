using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using HftScalper.Binance.Rules;
using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;
using HftScalper.Core.Numerics;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;
using BinanceSide = HftScalper.Binance.Orders.OrderSide;
using BinanceStatus = HftScalper.Binance.UserData.OrderStatus;
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
public sealed class BinanceSpotGateway : IQueuedReportGateway, IAsyncDisposable, IDisposable
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
        };
    }

    // ---- outcomes (network threads) ----

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

    // ---- user data (the client's receive thread) ----

    private void OnUserData(object? sender, UserDataEvent e)
    {
        if (e is not OrderUpdate u || u.Market != UserDataMarket.Spot) return;
        if (!_session.TryParse(u.OriginalClientOrderId ?? u.ClientOrderId, out var id) || !_orders.TryGetValue(id.Value, out var order))
        {
            Interlocked.Increment(ref _foreignReports);
            return;
        }
        lock (_sequencerGate)
        {
            if (_sequencer.Classify(u) != ReportOrder.Fresh) return;
        }
        long exchangeNs = u.TransactionTimeMs * 1_000_000;
        lock (order)
        {
            if (order.State == VenueOrderState.Done)
            {
                Interlocked.Increment(ref _lateReports);
                return;
            }
            if (order.State != VenueOrderState.Unknown) order.State = VenueOrderState.Live;
            switch (u.ExecutionType)
            {
                case ExecutionType.New:
                    EmitAck(order);
                    break;
                case ExecutionType.Trade:
                    if (u.CumulativeQuantity <= order.ReportedLots)
                    {
                        Interlocked.Increment(ref _coveredFills);
                        break;
                    }
                    long lots = u.CumulativeQuantity - order.ReportedLots;
                    EmitFill(order, lots, u.LastPrice, FeeOf(order.Request.SymbolId, u), u.CumulativeQuantity, u.IsMaker, exchangeNs);
                    order.ReportedQuote += lots * u.LastPrice;
                    if (u.Status == BinanceStatus.Filled) order.State = VenueOrderState.Done;
                    break;
                case ExecutionType.Canceled or ExecutionType.Expired or ExecutionType.TradePrevention:
                    if (u.Status is BinanceStatus.Canceled or BinanceStatus.Expired or BinanceStatus.ExpiredInMatch)
                        EmitCancelled(order, exchangeNs);
                    break;
                case ExecutionType.Rejected:
                    EmitReject(order, ExecutionReason.VenueRejected);
                    break;
            }
            if (order.State == VenueOrderState.Done)
                lock (_sequencerGate) _sequencer.Forget(UserDataMarket.Spot, u.OrderId);
        }
    }

    private void OnReconcileRequested(object? sender, ReconcileRequestedEventArgs e)
    {
        if (e.Reason == ReconcileReason.Started) return;
        // Events may have been missed: query every order not known to be done.
        foreach (var order in _orders.Values)
        {
            bool open;
            lock (order) open = order.State != VenueOrderState.Done;
            if (open) _ = ResolveAsync(order, $"reconcile: {e.Reason}");
        }
    }

    // ---- report building (callers hold the order's lock) ----

    private void EmitAck(VenueOrder o)
    {
        if (o.Acked || o.State == VenueOrderState.Done) return;
        o.Acked = true;
        Enqueue(o, ExecutionReportKind.Ack, ExecutionReason.None, _clock());
    }

    private void EmitFill(VenueOrder o, long lots, long priceTicks, long fee, long cumLots, bool maker, long exchangeNs)
    {
        o.Acked = true; // a fill implies the venue took the order: a later ack adds nothing
        o.ReportedLots = cumLots;
        bool done = cumLots >= o.Request.QuantityLots;
        var r = Report(o, done ? ExecutionReportKind.Fill : ExecutionReportKind.PartialFill, ExecutionReason.None, exchangeNs);
        r.LastPriceTicks = priceTicks;
        r.LastQuantityLots = lots;
        r.Fee = fee;
        r.Liquidity = maker ? Liquidity.Maker : Liquidity.Taker;
        _reports.Enqueue(r);
        if (done) o.State = VenueOrderState.Done;
    }

    private void EmitCancelled(VenueOrder o, long exchangeNs)
    {
        if (o.State == VenueOrderState.Done) return;
        var reason = o.ReplacePending ? ExecutionReason.Replaced
            : o.CancelRequested ? ExecutionReason.CancelRequested
            : o.Request.Type == OrderType.Ioc ? ExecutionReason.IocRemainder
            : o.Request.Type == OrderType.Market ? ExecutionReason.MarketRemainder
            : ExecutionReason.CancelRequested;
        o.State = VenueOrderState.Done;
        Enqueue(o, ExecutionReportKind.Cancelled, reason, exchangeNs);
    }

    private void EmitReject(VenueOrder o, ExecutionReason reason)
    {
        if (o.State == VenueOrderState.Done) return;
        o.State = VenueOrderState.Done;
        Enqueue(o, ExecutionReportKind.Rejected, reason, _clock());
    }

    // A refused cancel or replace: a Rejected report for the order, which lives on.
    private void QueueRequestReject(VenueOrder o, ExecutionReason reason) =>
        _reports.Enqueue(Report(o, ExecutionReportKind.Rejected, reason, _clock()));

    private void Enqueue(VenueOrder o, ExecutionReportKind kind, ExecutionReason reason, long exchangeNs) =>
        _reports.Enqueue(Report(o, kind, reason, exchangeNs));

    private ExecutionReport Report(VenueOrder o, ExecutionReportKind kind, ExecutionReason reason, long exchangeNs)
    {
        var r = o.Request;
        bool terminal = kind is ExecutionReportKind.Fill or ExecutionReportKind.Cancelled
            || (kind == ExecutionReportKind.Rejected && o.State == VenueOrderState.Done);
        return new ExecutionReport
        {
            Kind = kind,
            Reason = reason,
            Side = r.Side,
            OrderType = r.Type,
            SymbolId = r.SymbolId,
            ClientOrderId = r.ClientOrderId,
            OrderPriceTicks = r.Type == OrderType.Market ? 0 : r.PriceTicks,
            CumulativeQuantityLots = o.ReportedLots,
            LeavesQuantityLots = terminal ? 0 : r.QuantityLots - o.ReportedLots,
            ExchangeTimeNs = exchangeNs,
            ReceiveTimeNs = _clock(),
        };
    }

    // Commission in the symbol's quote units (ticks x lots): exact when paid in the quote asset; paid in the base asset
    // it is valued at the fill price (the base balance is then lower than the ledger's position by the fee); other
    // assets (BNB) are not valued here (0).
    private long FeeOf(int symbolId, OrderUpdate u)
    {
        if (u.Commission == 0 || u.CommissionAsset is null) return 0;
        var sym = _symbols[symbolId];
        long amountScale = FixedPoint.PowerOfTen(UserDataEvent.AmountDecimals);
        if (u.CommissionAsset == _quoteAsset[symbolId])
            return (long)((Int128)u.Commission * FixedPoint.PowerOfTen(sym.PriceDecimals + sym.QuantityDecimals) / amountScale);
        if (u.CommissionAsset == _baseAsset[symbolId])
            return (long)((Int128)u.Commission * u.LastPrice * FixedPoint.PowerOfTen(sym.QuantityDecimals) / amountScale);
        return 0;
    }

    private void NoteReject(WsApiResponse response)
    {
        Interlocked.Increment(ref _venueRejects);
        Volatile.Write(ref _lastRejectCode, response.ErrorCode);
        Volatile.Write(ref _lastRejectMessage, response.ErrorMessage);
        _options.Log?.Invoke($"binance gateway: {response}");
    }

    private static ExecutionReason MapReject(WsApiResponse response)
    {
        string msg = response.ErrorMessage ?? "";
        return response.ErrorCode switch
        {
            -2011 or -2013 => ExecutionReason.UnknownOrder,
            -1013 => ExecutionReason.InvalidOrder,
            -2010 when msg.Contains("immediately match", StringComparison.OrdinalIgnoreCase) => ExecutionReason.PostOnlyWouldCross,
            -2010 when msg.Contains("insufficient balance", StringComparison.OrdinalIgnoreCase) => ExecutionReason.InsufficientBalance,
            -2010 when msg.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) => ExecutionReason.DuplicateClientOrderId,
            _ => ExecutionReason.VenueRejected,
        };
    }

    private static long ParseOrZero(string? text, int decimals) =>
        text is not null && FixedPoint.TryParse(text, decimals, out long v) == FixedPointStatus.Ok ? v : 0;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"BinanceSpotGateway({_orders.Count} orders)");
}
