using System.Globalization;

namespace HftScalper.FakeExchange.Orders;

/// <summary>
/// The order side of the fake: one account (spot balances or USD-M wallet and positions), orders matched against
/// the generated book. New orders take displayed liquidity up to their limit (without depleting the feed); the
/// rest rests behind the displayed size at its price and fills as that level shrinks (trades) or as the other side
/// crosses it. Every change emits Binance's user-data events through the sink. Not thread-safe: the exchange
/// calls it under its lock.
/// </summary>
public sealed partial class OrderEngine
{
    private readonly Dictionary<string, SymbolRules> _rules;
    private readonly Func<string, DepthBookGenerator?> _books;
    private readonly Action<long, string> _emit;
    private readonly FakeExchangeOptions _options;
    private readonly Dictionary<long, FakeOrder> _orders = [];
    private readonly Dictionary<string, FakeOrder> _byClientId = new(StringComparer.Ordinal);
    private readonly List<FakeFill> _fills = [];
    private readonly List<string> _placeRequests = [];
    private readonly Dictionary<string, Balance> _balances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Position> _positions = new(StringComparer.Ordinal);
    private long _nextOrderId = 1_000_001;
    private long _nextTradeId = 500_001;
    private decimal _wallet;
    private readonly string _walletAsset; // USDT on USD-M; on COIN-M the first symbol's coin (one account per coin)

    /// <summary>Creates the engine for the symbols of <paramref name="options"/>.</summary>
    /// <param name="options">Market, fees and starting balances.</param>
    /// <param name="books">The generated book of a symbol (null when the symbol has none, e.g. a recording).</param>
    /// <param name="emit">Receives each user-data event: the order it concerns (0 for none) and its JSON.</param>
    public OrderEngine(FakeExchangeOptions options, Func<string, DepthBookGenerator?> books, Action<long, string> emit)
    {
        _options = options;
        _books = books;
        _emit = emit;
        _rules = options.Symbols.ToDictionary(s => s.ToUpperInvariant(), s => new SymbolRules(s, options.Futures, ContractSizeOf(options, s), FakeSymbolSpec.Of(options, s)),
            StringComparer.OrdinalIgnoreCase);
        foreach (var (asset, amount) in options.StartingBalances) _balances[asset] = new Balance { Free = amount };
        _walletAsset = CoinM && _rules.Count > 0 ? _rules.Values.First().MarginAsset : "USDT";
        _wallet = options.StartingBalances.TryGetValue(_walletAsset, out var start) ? start : 0;
    }

    /// <summary>USD-M rather than spot.</summary>
    public bool Futures => _options.Futures;

    /// <summary>Rules by symbol.</summary>
    public IReadOnlyDictionary<string, SymbolRules> Rules => _rules;

    /// <summary>The client order id of every place request, in arrival order (rejected ones too).</summary>
    public IReadOnlyList<string> PlaceRequests => _placeRequests;

    /// <summary>New orders rejected for breaking a filter (spot -1013, USD-M -4014/-1111/-4164...).</summary>
    public int FilterRejects { get; private set; }

    /// <summary>Open orders (all symbols), oldest first.</summary>
    public IReadOnlyList<FakeOrder> OpenOrders => [.. _orders.Values.Where(o => o.IsOpen).OrderBy(o => o.OrderId)];

    /// <summary>Every order ever accepted, by id.</summary>
    public IReadOnlyDictionary<long, FakeOrder> Orders => _orders;

    /// <summary>Every fill, in order.</summary>
    public IReadOnlyList<FakeFill> Fills => _fills;

    /// <summary>Spot balance of <paramref name="asset"/> (free, locked).</summary>
    public (decimal Free, decimal Locked) BalanceOf(string asset) => _balances.TryGetValue(asset, out var b) ? (b.Free, b.Locked) : (0, 0);

    /// <summary>USD-M position of <paramref name="symbol"/> (signed amount, entry price) and the wallet balance.</summary>
    public (decimal Amount, decimal EntryPrice, decimal Wallet) PositionOf(string symbol) =>
        _positions.TryGetValue(symbol, out var p) ? (p.Amount, p.Entry, _wallet) : (0, 0, _wallet);

    /// <summary>Places an order (params as Binance names them); emits NEW and any immediate fills.</summary>
    public ApiResult Place(IReadOnlyDictionary<string, string> p, long now)
    {
        _placeRequests.Add(Get(p, "newClientOrderId"));
        if (!TryRules(p, out var rules, out var error)) return error!;
        string side = Get(p, "side");
        if (side is not ("BUY" or "SELL")) return side.Length == 0 ? ApiError.Missing("side") : ApiError.InvalidEnum(-1117, "side");
        string type = Get(p, "type");
        bool typeOk = type is "LIMIT" or "MARKET" || (!Futures && type == "LIMIT_MAKER");
        if (!typeOk) return type.Length == 0 ? ApiError.Missing("type") : ApiError.InvalidEnum(-1116, "orderType");
        string tif = Get(p, "timeInForce");
        if (type == "LIMIT")
        {
            if (tif.Length == 0) return ApiError.Missing("timeInForce");
            if (tif is not ("GTC" or "IOC" or "FOK") && !(Futures && tif == "GTX")) return ApiError.InvalidEnum(-1115, "timeInForce");
        }
        else if (type == "MARKET") tif = "";
        else tif = "GTC";
        if (!TryDecimal(p, "quantity", out decimal qty)) return ApiError.Missing("quantity");
        decimal price = 0;
        if (type != "MARKET" && !TryDecimal(p, "price", out price)) return ApiError.Missing("price");
        var book = _books(rules.Symbol);
        if (book is null) return new ApiError(400, -1013, "Market is closed.");
        decimal bestBid = book.Bids.Count > 0 ? book.Bids.First().Key / book.PriceScale : 0;
        decimal bestAsk = book.Asks.Count > 0 ? book.Asks.First().Key / book.PriceScale : 0;
        decimal mid = (bestBid + bestAsk) / 2;
        if (rules.Check(type == "MARKET" ? null : price, qty, mid, _options.UnpublishedMinNotional) is { } filter)
        {
            FilterRejects++;
            return filter;
        }
        string clientId = Get(p, "newClientOrderId");
        if (clientId.Length == 0) clientId = "fake" + _nextOrderId.ToString(CultureInfo.InvariantCulture);
        else if (_byClientId.TryGetValue(clientId, out var existing) && existing.IsOpen)
            return Futures ? ApiError.DuplicateOrderFutures : ApiError.DuplicateOrderSpot;
        bool buy = side == "BUY";
        bool postOnly = type == "LIMIT_MAKER" || tif == "GTX";
        if (postOnly && (buy ? bestAsk > 0 && price >= bestAsk : bestBid > 0 && price <= bestBid))
            return Futures ? ApiError.WouldTakeFutures : ApiError.WouldTakeSpot;
        bool reduceOnly = string.Equals(Get(p, "reduceOnly"), "true", StringComparison.OrdinalIgnoreCase);
        if (CheckFunds(rules, buy, type, qty, price, bestAsk, bestBid, reduceOnly) is { } funds) return funds;

        var order = new FakeOrder
        {
            OrderId = _nextOrderId++, Symbol = rules.Symbol, ClientOrderId = clientId, Side = side, Type = type,
            TimeInForce = tif, Price = price, OrigQty = qty, ReduceOnly = reduceOnly, Time = now, UpdateTime = now,
        };
        if (tif == "FOK" && Available(book, buy, price) < qty)
        {
            _orders[order.OrderId] = order;
            _byClientId[clientId] = order;
            order.Status = "EXPIRED";
            Emit(order, "NEW", null, now, "NONE");
            Emit(order, "EXPIRED", null, now, "NONE");
            return ApiResult.Ok(OrderJson.Response(order, Get(p, "newOrderRespType"), [], Futures), order.OrderId);
        }
        Lock(rules, order);
        _orders[order.OrderId] = order;
        _byClientId[clientId] = order;
        Emit(order, "NEW", null, now, "NONE");
        var fills = new List<FakeFill>();
        Take(rules, book, order, now, fills);
        if (order.Remaining > 0 && (type == "MARKET" || tif is "IOC" or "FOK"))
        {
            order.Status = "EXPIRED";
            Unlock(rules, order);
            Emit(order, "EXPIRED", null, now, "NONE");
            EmitAccount(rules, now);
        }
        else if (order.Remaining > 0)
        {
            order.QueueAhead = order.LastSeenLevel = LevelAt(book, buy, order.Price);
        }
        return ApiResult.Ok(OrderJson.Response(order, Get(p, "newOrderRespType"), fills, Futures), order.OrderId);
    }

    /// <summary>Cancels an order by <c>orderId</c> or <c>origClientOrderId</c>; emits CANCELED.</summary>
    public ApiResult Cancel(IReadOnlyDictionary<string, string> p, long now)
    {
        if (!TryRules(p, out var rules, out var error)) return error!;
        var order = Find(p, rules.Symbol, "orderId", "origClientOrderId", out error);
        if (order is null) return error == ApiError.OrderDoesNotExist ? ApiError.UnknownOrder : error!;
        if (!order.IsOpen) return ApiError.UnknownOrder;
        string cancelId = Get(p, "newClientOrderId");
        CancelOrder(rules, order, now);
        return ApiResult.Ok(OrderJson.Cancel(order, cancelId.Length > 0 ? cancelId : "cancel" + order.OrderId.ToString(CultureInfo.InvariantCulture), Futures));
    }

    /// <summary>Cancels every open order of a symbol (USD-M <c>allOpenOrders</c>, spot <c>openOrders</c> DELETE, dead-man switch).</summary>
    public ApiResult CancelAll(string symbol, long now)
    {
        if (!_rules.TryGetValue(symbol, out var rules)) return ApiError.InvalidSymbol;
        var open = _orders.Values.Where(o => o.IsOpen && o.Symbol == rules.Symbol).OrderBy(o => o.OrderId).ToList();
        foreach (var o in open) CancelOrder(rules, o, now);
        return ApiResult.Ok(Futures
            ? "{\"code\":200,\"msg\":\"The operation of cancel all open order is done.\"}"
            : "[" + string.Join(',', open.Select(o => OrderJson.Cancel(o, "cancel" + o.OrderId.ToString(CultureInfo.InvariantCulture), false))) + "]");
    }

    /// <summary>Queries one order (open or not): -2013 when unknown.</summary>
    public ApiResult Query(IReadOnlyDictionary<string, string> p)
    {
        if (!TryRules(p, out var rules, out var error)) return error!;
        var order = Find(p, rules.Symbol, "orderId", "origClientOrderId", out error);
        return order is null ? error! : ApiResult.Ok(OrderJson.Status(order, Futures));
    }

    /// <summary>Open orders of a symbol (or all).</summary>
    public ApiResult QueryOpen(IReadOnlyDictionary<string, string> p)
    {
        string symbol = Get(p, "symbol");
        if (symbol.Length > 0 && !_rules.ContainsKey(symbol)) return ApiError.InvalidSymbol;
        var open = OpenOrders.Where(o => symbol.Length == 0 || string.Equals(o.Symbol, symbol, StringComparison.OrdinalIgnoreCase));
        return ApiResult.Ok("[" + string.Join(',', open.Select(o => OrderJson.Status(o, Futures))) + "]");
    }

    /// <summary>Trades of a symbol (spot <c>myTrades</c>, USD-M <c>userTrades</c>).</summary>
    public ApiResult QueryTrades(IReadOnlyDictionary<string, string> p)
    {
        if (!TryRules(p, out var rules, out var error)) return error!;
        var trades = _fills.Where(f => f.Symbol == rules.Symbol);
        if (TryLong(p, "orderId", out long id)) trades = trades.Where(f => f.OrderId == id);
        return ApiResult.Ok("[" + string.Join(',', trades.Select(f => OrderJson.Trade(f, Futures))) + "]");
    }

    /// <summary>Spot <c>account</c> / USD-M account.</summary>
    public ApiResult Account(long now) => ApiResult.Ok(Futures ? FuturesAccountJson(now) : SpotAccountJson(now));

    /// <summary>USD-M <c>positionRisk</c>.</summary>
    public ApiResult PositionRisk(IReadOnlyDictionary<string, string> p, long now)
    {
        string symbol = Get(p, "symbol");
        var symbols = symbol.Length > 0 ? [symbol.ToUpperInvariant()] : _rules.Keys.ToArray();
        if (symbol.Length > 0 && !_rules.ContainsKey(symbol)) return ApiError.InvalidSymbol;
        return ApiResult.Ok("[" + string.Join(',', symbols.Select(s => PositionJson(s, now, risk: true))) + "]");
    }

    internal static string Get(IReadOnlyDictionary<string, string> p, string name) => p.TryGetValue(name, out var v) ? v : "";

    internal static bool TryDecimal(IReadOnlyDictionary<string, string> p, string name, out decimal value) =>
        decimal.TryParse(Get(p, name), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && value >= 0;

    internal static bool TryLong(IReadOnlyDictionary<string, string> p, string name, out long value) =>
        long.TryParse(Get(p, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    private bool TryRules(IReadOnlyDictionary<string, string> p, out SymbolRules rules, out ApiError? error)
    {
        string symbol = Get(p, "symbol");
        error = symbol.Length == 0 ? ApiError.Missing("symbol") : _rules.TryGetValue(symbol, out rules!) ? null : ApiError.InvalidSymbol;
        rules = error is null ? _rules[symbol] : null!;
        return error is null;
    }

    private FakeOrder? Find(IReadOnlyDictionary<string, string> p, string symbol, string idName, string clientName, out ApiError? error)
    {
        error = null;
        FakeOrder? order = null;
        if (TryLong(p, idName, out long id)) _orders.TryGetValue(id, out order);
        else if (Get(p, clientName) is { Length: > 0 } cid) _byClientId.TryGetValue(cid, out order);
        else
        {
            error = ApiError.Missing(idName);
            return null;
        }
        if (order is null || order.Symbol != symbol)
        {
            error = ApiError.OrderDoesNotExist;
            return null;
        }
        return order;
    }

    private sealed class Balance
    {
        public decimal Free { get; set; }

        public decimal Locked { get; set; }
    }

    private sealed class Position
    {
        public decimal Amount { get; set; }

        public decimal Entry { get; set; }

        public long UpdateTime { get; set; }
    }
}
