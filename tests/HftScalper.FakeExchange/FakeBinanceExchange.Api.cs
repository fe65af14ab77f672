using System.Globalization;
using System.Text;
using HftScalper.FakeExchange.Orders;

namespace HftScalper.FakeExchange;

// The order API shared by REST and the WebSocket API: rate limits, authentication, faults, the engine, and the
// routing of user-data events (spot: WebSocket API subscriptions; USD-M: listenKey streams).
public sealed partial class FakeBinanceExchange
{
    private static readonly Dictionary<string, (int Weight, bool Signed, bool Order)> Ops = new(StringComparer.Ordinal)
    {
        ["order.place"] = (1, true, true),
        ["order.cancel"] = (1, true, false),
        ["order.status"] = (4, true, false),
        ["order.cancelReplace"] = (1, true, true),
        ["order.modify"] = (1, true, true),
        ["openOrders.status"] = (6, true, false),
        ["openOrders.cancelAll"] = (1, true, false),
        ["account.status"] = (20, true, false),
        ["myTrades"] = (20, true, false),
        ["positionRisk"] = (5, true, false),
        ["leverageBracket"] = (1, true, false),
        ["countdownCancelAll"] = (10, true, false),
        ["exchangeInfo"] = (20, false, false),
        ["time"] = (1, false, false),
        ["ping"] = (1, false, false),
    };

    private readonly Queue<OrderFault> _orderFaults = new();
    private readonly Dictionary<long, OrderFault> _eventFaults = [];
    private readonly Dictionary<long, string> _heldEvents = [];
    private readonly Dictionary<string, long> _countdowns = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, long> _listenKeys = new(StringComparer.Ordinal);
    private readonly List<WsApiConnection> _wsApi = [];
    private OrderEngine _engine = null!;
    private SignatureVerifier _verifier = null!;
    private RateLimiter _limiter = null!;
    private Random _faultRng = null!;
    private OrderFault _eventFaultForNextOrder;
    private bool _userStreamSilent;
    private long _userEventsSent;
    private long _userEventsDropped;
    private int _cancelRefusals;
    private string? _refuseCancelsOf;
    private long _cancelsRefused;
    private int _inTransit;
    private long _timersCheckedAtMs;

    /// <summary>The order engine (account, orders, fills). Read it under <see cref="WithEngine{T}"/>.</summary>
    public T WithEngine<T>(Func<OrderEngine, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate) return read(_engine);
    }

    /// <summary>Applies <paramref name="fault"/> to the next <paramref name="count"/> order requests
    /// (<c>order.place</c>, <c>POST order</c>, cancelReplace, modify).</summary>
    public void InjectOrderFault(OrderFault fault, int count = 1)
    {
        lock (_gate) for (int i = 0; i < count; i++) _orderFaults.Enqueue(fault);
    }

    /// <summary>Refuses the next <paramref name="count"/> cancel requests (one order's cancel, a cancel-all; REST or the
    /// WebSocket API; not the dead-man switch): -1008, nothing cancelled. With <paramref name="clientOrderId"/>, only
    /// those that would cancel that order (its own cancel, a cancel-all while it is open).</summary>
    public void RefuseCancels(int count, string? clientOrderId = null)
    {
        lock (_gate) (_cancelRefusals, _refuseCancelsOf) = (count, clientOrderId);
    }

    /// <summary>Cancel requests refused so far by <see cref="RefuseCancels"/>.</summary>
    public long CancelsRefused => Interlocked.Read(ref _cancelsRefused);

    /// <summary><see cref="OrderFault.DelayedArrival"/> requests on their way now (not yet seen by the matching engine).</summary>
    public int RequestsInTransit => Volatile.Read(ref _inTransit);

    /// <summary>Ends a <see cref="OrderFault.UserStreamSilence"/>: user-data events flow again (the dropped ones are lost).</summary>
    public void ResumeUserStream() { lock (_gate) _userStreamSilent = false; }

    /// <summary>Drops user-data events from now on until <see cref="ResumeUserStream"/>.</summary>
    public void SilenceUserStream() { lock (_gate) _userStreamSilent = true; }

    /// <summary>A trade of <paramref name="qty"/> at <paramref name="price"/> against the fake's resting orders
    /// (queue ahead consumed first), for deterministic partial fills.</summary>
    public void SimulateTrade(string symbol, decimal price, decimal qty)
    {
        lock (_gate) _engine.SimulateTrade(symbol, price, qty, NowMs());
    }

    /// <summary>Sends <c>listenKeyExpired</c> on every listenKey stream and forgets the keys.</summary>
    public void ExpireListenKeys()
    {
        lock (_gate)
        {
            foreach (var key in _listenKeys.Keys.ToList()) ExpireListenKey(key, NowMs());
        }
    }

    /// <summary>User-data events delivered (each copy counted).</summary>
    public long UserEventsSent => Interlocked.Read(ref _userEventsSent);

    /// <summary>User-data events dropped by stream silence.</summary>
    public long UserEventsDropped => Interlocked.Read(ref _userEventsDropped);

    internal static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    internal bool IsEd25519Key(string apiKey) => _verifier.IsEd25519(apiKey);

    internal ApiError? VerifyWs(IReadOnlyDictionary<string, string> p) => _verifier.VerifyWs(p);

    internal void AddWsApi(WsApiConnection c) { lock (_gate) _wsApi.Add(c); }

    internal void RemoveWsApi(WsApiConnection c) { lock (_gate) _wsApi.Remove(c); }

    private void InitOrders()
    {
        _engine = new OrderEngine(Options, s => _books.TryGetValue(s, out var b) ? b : null, RouteUserEvent);
        _verifier = new SignatureVerifier(Options.ApiKeys);
        _limiter = new RateLimiter(Options);
        _faultRng = new Random(Options.Seed);
    }

    /// <summary>Runs one API call: rate limits, faults that answer instead of the exchange, authentication
    /// (<paramref name="authenticate"/>: the transport's signature check, null when the session is logged on),
    /// then the engine. Returns the call and the fault left for the transport (delay, lost ack, disconnect).</summary>
    internal ApiCall Invoke(string op, IReadOnlyDictionary<string, string> p, Func<ApiError?>? authenticate) => Invoke(op, p, authenticate, arrived: false);

    /// <summary>A <see cref="OrderFault.DelayedArrival"/> request: waits <see cref="FakeExchangeOptions.ArrivalDelay"/>,
    /// then runs it as it arrives now (no further fault).</summary>
    internal async Task<ApiCall> ArriveLateAsync(string op, IReadOnlyDictionary<string, string> p, Func<ApiError?>? authenticate)
    {
        Interlocked.Increment(ref _inTransit);
        try
        {
            await Task.Delay(Options.ArrivalDelay).ConfigureAwait(false);
            return Invoke(op, p, authenticate, arrived: true);
        }
        finally
        {
            Interlocked.Decrement(ref _inTransit);
        }
    }

    private ApiCall Invoke(string op, IReadOnlyDictionary<string, string> p, Func<ApiError?>? authenticate, bool arrived)
    {
        if (!Ops.TryGetValue(op, out var info)) return new ApiCall(new ApiError(400, -1020, "This operation is not supported."), OrderFault.None, 0);
        long now = NowMs();
        lock (_gate)
        {
            var fault = info.Order && !arrived ? NextFault() : OrderFault.None;
            if (fault == OrderFault.DelayedArrival) return new ApiCall(ApiResult.Ok("{}"), fault, 0); // the transport delivers it later
            if (op is "order.cancel" or "openOrders.cancelAll" && _cancelRefusals > 0 && Concerns(op, p, _refuseCancelsOf))
            {
                _cancelRefusals--;
                Interlocked.Increment(ref _cancelsRefused);
                return new ApiCall(ApiError.CancelRefused, OrderFault.None, 0);
            }
            if (_limiter.Charge(info.Weight, info.Order, now, out int retry) is { } limited) return new ApiCall(limited, OrderFault.None, retry);
            switch (fault)
            {
                case OrderFault.TooManyRequests:
                    return new ApiCall(ApiError.TooMany($"request weight per 1 MINUTE is {Options.WeightLimitPerMinute}"), OrderFault.None, (int)Math.Ceiling(Options.InjectedRetryAfter.TotalSeconds));
                case OrderFault.Banned:
                    var ban = _limiter.Ban(now, out int banRetry);
                    return new ApiCall(ban, OrderFault.None, banRetry);
                case OrderFault.TimestampOutsideRecvWindow:
                    return new ApiCall(ApiError.TimestampOutside, OrderFault.None, 0);
            }
            if (info.Signed)
            {
                if (authenticate?.Invoke() is { } authError) return new ApiCall(authError, OrderFault.None, 0);
                if (SignatureVerifier.CheckTimestamp(p, now) is { } tsError) return new ApiCall(tsError, OrderFault.None, 0);
            }
            if (fault == OrderFault.Reject) return new ApiCall(ApiError.InsufficientBalance, OrderFault.None, 0);
            if (fault == OrderFault.UserStreamSilence) _userStreamSilent = true;
            _eventFaultForNextOrder = fault is OrderFault.DuplicateReports or OrderFault.OutOfOrderReports ? fault : OrderFault.None;
            var result = Execute(op, p, now);
            _eventFaultForNextOrder = OrderFault.None;
            if (fault == OrderFault.BackendTimeout && result.PlacedOrderId != 0) return new ApiCall(ApiError.BackendTimeout, OrderFault.None, 0);
            return new ApiCall(result, fault, 0);
        }
    }

    // Whether a cancel request would cancel the order of client order id `id` (null: any).
    private bool Concerns(string op, IReadOnlyDictionary<string, string> p, string? id) =>
        id is null || (op == "order.cancel" ? OrderEngine.Get(p, "origClientOrderId") == id : _engine.OpenOrders.Any(o => o.ClientOrderId == id));

    private ApiResult Execute(string op, IReadOnlyDictionary<string, string> p, long now) => op switch
    {
        "order.place" => _engine.Place(p, now),
        "order.cancel" => _engine.Cancel(p, now),
        "order.status" => _engine.Query(p),
        "order.cancelReplace" => _engine.CancelReplace(p, now),
        "order.modify" => _engine.Modify(p, now),
        "openOrders.status" => _engine.QueryOpen(p),
        "openOrders.cancelAll" => OrderEngine.Get(p, "symbol") is { Length: > 0 } s ? _engine.CancelAll(s, now) : ApiError.Missing("symbol"),
        "account.status" => _engine.Account(now),
        "myTrades" => _engine.QueryTrades(p),
        "positionRisk" => _engine.PositionRisk(p, now),
        "leverageBracket" => LeverageBracketsJson(),
        "countdownCancelAll" => Countdown(p, now),
        "exchangeInfo" => ExchangeInfo(p, now),
        "time" => ApiResult.Ok($"{{\"serverTime\":{now}}}"),
        _ => ApiResult.Ok("{}"),
    };

    private OrderFault NextFault()
    {
        if (_orderFaults.TryDequeue(out var f)) return f;
        foreach (var (fault, probability) in Options.FaultProbabilities)
            if (_faultRng.NextDouble() < probability) return fault;
        return OrderFault.None;
    }

    private ApiResult Countdown(IReadOnlyDictionary<string, string> p, long now)
    {
        string symbol = OrderEngine.Get(p, "symbol");
        if (symbol.Length == 0) return ApiError.Missing("symbol");
        if (!_engine.Rules.ContainsKey(symbol)) return ApiError.InvalidSymbol;
        if (!OrderEngine.TryLong(p, "countdownTime", out long ms) || ms < 0) return ApiError.Missing("countdownTime");
        if (ms == 0) _countdowns.Remove(symbol);
        else _countdowns[symbol] = now + ms;
        return ApiResult.Ok($"{{\"symbol\":\"{symbol.ToUpperInvariant()}\",\"countdownTime\":\"{ms}\"}}");
    }

    // Every symbol's table (USD-M caps are notionalCap in USDT, COIN-M's qtyCap in the coin); an error when none is configured.
    private ApiResult LeverageBracketsJson()
    {
        if (Options.LeverageBrackets is not { Count: > 0 } table) return new ApiError(400, -1000, "An unknown error occurred while processing the request.");
        var c = CultureInfo.InvariantCulture;
        string cap = Options.CoinM ? "qtyCap" : "notionalCap", floor = Options.CoinM ? "qtylFloor" : "notionalFloor";
        string Brackets() => string.Join(',', table.Select((b, i) => string.Create(c,
            $"{{\"bracket\":{i + 1},\"initialLeverage\":{b.InitialLeverage},\"{cap}\":{b.Cap},\"{floor}\":{(i == 0 ? 0 : table[i - 1].Cap)},\"maintMarginRatio\":{b.MaintMarginRatio},\"cum\":0.0}}")));
        return ApiResult.Ok("[" + string.Join(',', _engine.Rules.Keys.Select(s => $"{{\"symbol\":\"{s}\",\"brackets\":[{Brackets()}]}}")) + "]");
    }

    // Spot takes symbol=X or symbols=["X","Y"] (one not listed: -1121 for the whole request, as Binance answers); the
    // futures markets list every symbol. UnlistedSymbols are streamed but never listed; ExchangeInfoUnavailable: 503.
    private ApiResult ExchangeInfo(IReadOnlyDictionary<string, string> p, long now)
    {
        if (Options.ExchangeInfoUnavailable) return new ApiError(503, -1000, "Service Unavailable.");
        var listed = _engine.Rules.Keys.Where(k => !Options.UnlistedSymbols.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        string one = OrderEngine.Get(p, "symbol"), many = OrderEngine.Get(p, "symbols");
        if (!Options.Futures && (one.Length > 0 || many.Length > 0))
        {
            var asked = one.Length > 0 ? [one] : many.Trim('[', ']').Split(',').Select(x => x.Trim().Trim('"')).Where(x => x.Length > 0).ToList();
            if (asked.Any(a => !listed.Contains(a, StringComparer.OrdinalIgnoreCase))) return ApiError.InvalidSymbol;
            listed = asked.Select(a => a.ToUpperInvariant()).ToList();
        }
        return ApiResult.Ok(ExchangeInfoJson(now, listed));
    }

    private string ExchangeInfoJson(long now, IReadOnlyList<string> listed)
    {
        string symbols = string.Join(',', listed.Select(k => _engine.Rules[k].ExchangeInfoJson()));
        return Options.Futures
            ? $"{{\"timezone\":\"UTC\",\"serverTime\":{now},\"futuresType\":\"U_MARGINED\",\"rateLimits\":{_limiter.ExchangeInfoJson()},\"exchangeFilters\":[],\"assets\":[{{\"asset\":\"USDT\",\"marginAvailable\":true,\"autoAssetExchange\":\"-10000\"}}],\"symbols\":[{symbols}]}}"
            : $"{{\"timezone\":\"UTC\",\"serverTime\":{now},\"rateLimits\":{_limiter.ExchangeInfoJson()},\"exchangeFilters\":[],\"symbols\":[{symbols}]}}";
    }

    /// <summary>
    /// The exchange's clock (Unix ms) at its last check of the countdownCancelAll deadlines and listenKey expiries (every
    /// tick, also while paused; 0 before the first). A countdown whose deadline is before it has fired (its cancels are
    /// visible once this is read), so a test that expects a countdown not to fire waits until this passes the deadline
    /// instead of sleeping a fixed time, which a stalled ticker on a loaded machine could outlast.
    /// </summary>
    public long TimersCheckedAtMs { get { lock (_gate) return _timersCheckedAtMs; } }

    // Called under _gate: the dead-man switch and listenKey expiry, on every tick (also while paused).
    private void CheckTimers(long now)
    {
        _timersCheckedAtMs = now;
        if (_countdowns.Count == 0 && _listenKeys.Count == 0) return;
        foreach (var (symbol, deadline) in _countdowns.ToList())
        {
            if (now < deadline) continue;
            _countdowns.Remove(symbol);
            _engine.CancelAll(symbol, now);
        }
        foreach (var (key, expiry) in _listenKeys.ToList())
            if (now >= expiry) ExpireListenKey(key, now);
    }

    private void ExpireListenKey(string key, long now)
    {
        _listenKeys.Remove(key);
        var msg = Encoding.UTF8.GetBytes($"{{\"e\":\"listenKeyExpired\",\"E\":{now},\"listenKey\":\"{key}\"}}");
        foreach (var c in _connections) if (c.Subscribes(key)) c.Send(msg);
    }

    // Under _gate (the engine emits while the exchange holds the lock).
    private void RouteUserEvent(long orderId, string json)
    {
        if (orderId != 0 && _eventFaultForNextOrder != OrderFault.None && !_eventFaults.ContainsKey(orderId))
        {
            _eventFaults[orderId] = _eventFaultForNextOrder;
            _eventFaultForNextOrder = OrderFault.None;
        }
        if (_userStreamSilent)
        {
            Interlocked.Increment(ref _userEventsDropped);
            return;
        }
        var fault = orderId != 0 && _eventFaults.TryGetValue(orderId, out var f) ? f : OrderFault.None;
        if (fault == OrderFault.OutOfOrderReports)
        {
            if (!_heldEvents.ContainsKey(orderId) && _eventFaults.Remove(orderId))
            {
                _heldEvents[orderId] = json;
                return;
            }
        }
        Deliver(json);
        if (fault == OrderFault.DuplicateReports) Deliver(json);
        if (_heldEvents.Remove(orderId, out var held)) Deliver(held);
    }

    private void Deliver(string json)
    {
        Interlocked.Increment(ref _userEventsSent);
        if (Options.Futures)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            foreach (var c in _connections)
                foreach (var key in _listenKeys.Keys)
                    if (c.Subscribes(key)) c.Send(bytes);
            return;
        }
        foreach (var c in _wsApi) c.SendUserEvent(json);
    }

    internal string CreateListenKey()
    {
        lock (_gate)
        {
            string key = _listenKeys.Keys.FirstOrDefault() ?? Convert.ToHexString(Guid.NewGuid().ToByteArray()) + Convert.ToHexString(Guid.NewGuid().ToByteArray());
            _listenKeys[key] = NowMs() + (long)Options.ListenKeyValidity.TotalMilliseconds;
            return key;
        }
    }

    internal bool KeepAliveListenKey(string? key)
    {
        lock (_gate)
        {
            key ??= _listenKeys.Keys.FirstOrDefault();
            if (key is null || !_listenKeys.ContainsKey(key)) return false;
            _listenKeys[key] = NowMs() + (long)Options.ListenKeyValidity.TotalMilliseconds;
            return true;
        }
    }

    internal void DeleteListenKey(string? key)
    {
        lock (_gate)
        {
            foreach (var k in _listenKeys.Keys.Where(k => key is null || k == key).ToList()) _listenKeys.Remove(k);
        }
    }

    internal string RateLimitsJson(bool withOrders) { lock (_gate) return _limiter.RateLimitsJson(withOrders); }

    internal IEnumerable<(string, string)> RateHeaders() { lock (_gate) return _limiter.Headers(Options.Futures).ToList(); }

    internal static string Invariant(int v) => v.ToString(CultureInfo.InvariantCulture);
}
