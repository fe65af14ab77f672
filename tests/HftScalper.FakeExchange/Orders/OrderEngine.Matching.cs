namespace HftScalper.FakeExchange.Orders;

// Matching against the generated book, funds, fills and the events they cause.
public sealed partial class OrderEngine
{
    /// <summary>Fills resting orders of <paramref name="symbol"/> after the generated book changed: a level that
    /// shrank traded its queue (ahead of the order first), and a level of the other side at or through the order's
    /// price trades with it.</summary>
    public void OnBookChanged(string symbol, long now)
    {
        if (!_rules.TryGetValue(symbol, out var rules) || _books(rules.Symbol) is not { } book) return;
        foreach (var order in _orders.Values.Where(o => o.IsOpen && o.Symbol == rules.Symbol).OrderBy(o => o.OrderId).ToList())
        {
            bool buy = order.Side == "BUY";
            decimal level = LevelAt(book, buy, order.Price);
            decimal traded = order.LastSeenLevel - level;
            order.LastSeenLevel = level;
            if (traded > 0) ConsumeQueue(rules, order, traded, order.Price, now);
            var other = buy ? book.Asks : book.Bids;
            if (order.IsOpen && other.Count > 0)
            {
                var (px, lots) = other.First();
                decimal best = px / book.PriceScale;
                if (buy ? best <= order.Price : best >= order.Price) Fill(rules, order, Math.Min(order.Remaining, lots / book.LotScale), order.Price, maker: true, now, null);
            }
        }
    }

    /// <summary>A trade of <paramref name="qty"/> printed at <paramref name="price"/> by an aggressor on the other
    /// side: resting orders priced through it fill first, then those at the price after their queue.</summary>
    public void SimulateTrade(string symbol, decimal price, decimal qty, long now)
    {
        if (!_rules.TryGetValue(symbol, out var rules)) throw new ArgumentException("unknown symbol", nameof(symbol));
        var hit = _orders.Values.Where(o => o.IsOpen && o.Symbol == rules.Symbol && (o.Side == "BUY" ? o.Price >= price : o.Price <= price))
            .OrderBy(o => o.Side == "BUY" ? -o.Price : o.Price).ThenBy(o => o.OrderId).ToList();
        foreach (var order in hit)
        {
            if (qty <= 0) break;
            if (order.Price != price)
            {
                decimal q = Math.Min(qty, order.Remaining);
                Fill(rules, order, q, order.Price, maker: true, now, null);
                qty -= q;
                continue;
            }
            qty = ConsumeQueue(rules, order, qty, price, now);
        }
    }

    /// <summary>Spot <c>order/cancelReplace</c>: cancel then place, with Binance's -2021/-2022 partial answers.</summary>
    public ApiResult CancelReplace(IReadOnlyDictionary<string, string> p, long now)
    {
        if (!TryRules(p, out var rules, out var error)) return error!;
        string mode = Get(p, "cancelReplaceMode");
        if (mode is not ("STOP_ON_FAILURE" or "ALLOW_FAILURE")) return mode.Length == 0 ? ApiError.Missing("cancelReplaceMode") : ApiError.InvalidEnum(-1145, "cancelReplaceMode");
        var cancelParams = new Dictionary<string, string>(StringComparer.Ordinal) { ["symbol"] = rules.Symbol };
        if (Get(p, "cancelOrderId") is { Length: > 0 } id) cancelParams["orderId"] = id;
        if (Get(p, "cancelOrigClientOrderId") is { Length: > 0 } cid) cancelParams["origClientOrderId"] = cid;
        if (Get(p, "cancelNewClientOrderId") is { Length: > 0 } ncid) cancelParams["newClientOrderId"] = ncid;
        var cancel = Cancel(cancelParams, now);
        ApiResult? placed = null;
        if (cancel.Error is null || mode == "ALLOW_FAILURE")
        {
            var newParams = p.Where(kv => !kv.Key.StartsWith("cancel", StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            placed = Place(newParams, now);
        }
        string cancelResult = cancel.Error is null ? "SUCCESS" : "FAILURE";
        string newResult = placed is null ? "NOT_ATTEMPTED" : placed.Value.Error is null ? "SUCCESS" : "FAILURE";
        string cancelJson = cancel.Json ?? cancel.Error!.Json;
        string newJson = placed is null ? "null" : placed.Value.Json ?? placed.Value.Error!.Json;
        string data = $"{{\"cancelResult\":\"{cancelResult}\",\"newOrderResult\":\"{newResult}\",\"cancelResponse\":{cancelJson},\"newOrderResponse\":{newJson}}}";
        long placedId = placed?.PlacedOrderId ?? 0;
        if (cancelResult == "SUCCESS" && newResult == "SUCCESS") return ApiResult.Ok(data, placedId);
        var err = cancelResult == "SUCCESS" || newResult == "SUCCESS"
            ? new ApiError(400, -2021, "Order cancel-replace partially failed.")
            : new ApiError(400, -2022, "Order cancel-replace failed.");
        return new ApiResult(data, err, placedId); // an error that carries Binance's "data" object
    }

    /// <summary>USD-M modify (PUT <c>/fapi/v1/order</c>, <c>order.modify</c>): new price and quantity in place,
    /// queue position lost; emits an AMENDMENT update.</summary>
    public ApiResult Modify(IReadOnlyDictionary<string, string> p, long now)
    {
        if (!TryRules(p, out var rules, out var error)) return error!;
        var order = Find(p, rules.Symbol, "orderId", "origClientOrderId", out error);
        if (order is null) return error!;
        if (!order.IsOpen) return new ApiError(400, -2013, "Order does not exist.");
        if (!TryDecimal(p, "quantity", out decimal qty)) return ApiError.Missing("quantity");
        if (!TryDecimal(p, "price", out decimal price)) return ApiError.Missing("price");
        if (Get(p, "side") != order.Side) return new ApiError(400, -4028, "Side does not match.");
        var book = _books(rules.Symbol)!;
        decimal mid = (book.Bids.First().Key + book.Asks.First().Key) / 2 / book.PriceScale;
        if (rules.Check(price, qty, mid) is { } filter) return filter;
        if (qty <= order.ExecutedQty) return new ApiError(400, -4003, "Quantity less than or equal to zero.");
        Unlock(rules, order);
        order.Price = price;
        order.OrigQty = qty;
        order.UpdateTime = now;
        Lock(rules, order);
        order.QueueAhead = order.LastSeenLevel = LevelAt(book, order.Side == "BUY", price);
        Emit(order, "AMENDMENT", null, now, "NONE");
        return ApiResult.Ok(OrderJson.Status(order, Futures));
    }

    private decimal ConsumeQueue(SymbolRules rules, FakeOrder order, decimal traded, decimal price, long now)
    {
        if (order.QueueAhead >= traded)
        {
            order.QueueAhead -= traded;
            return 0;
        }
        traded -= order.QueueAhead;
        order.QueueAhead = 0;
        decimal q = Math.Min(traded, order.Remaining);
        Fill(rules, order, q, price, maker: true, now, null);
        return traded - q;
    }

    private void Take(SymbolRules rules, DepthBookGenerator book, FakeOrder order, long now, List<FakeFill> fills)
    {
        bool buy = order.Side == "BUY";
        foreach (var (px, lots) in (buy ? book.Asks : book.Bids).ToList())
        {
            if (order.Remaining <= 0) break;
            decimal price = px / book.PriceScale;
            if (order.Type != "MARKET" && (buy ? price > order.Price : price < order.Price)) break;
            Fill(rules, order, Math.Min(order.Remaining, lots / book.LotScale), price, maker: false, now, fills);
        }
    }

    private decimal Available(DepthBookGenerator book, bool buy, decimal limit) =>
        (buy ? book.Asks : book.Bids).Where(kv => buy ? kv.Key / book.PriceScale <= limit : kv.Key / book.PriceScale >= limit).Sum(kv => kv.Value / book.LotScale);

    private decimal LevelAt(DepthBookGenerator book, bool buy, decimal price) =>
        (buy ? book.Bids : book.Asks).TryGetValue((long)(price * book.PriceScale), out long lots) ? lots / book.LotScale : 0;

    private ApiError? CheckFunds(SymbolRules rules, bool buy, string type, decimal qty, decimal price, decimal bestAsk, decimal bestBid, bool reduceOnly)
    {
        decimal px = type == "MARKET" ? (buy ? bestAsk : bestBid) : price;
        if (Futures)
        {
            if (reduceOnly) return null;
            decimal margin = ValueOf(rules, qty, px) / _options.Leverage;
            return margin > _wallet - UsedMargin() ? ApiError.MarginInsufficient : null;
        }
        return buy
            ? (BalanceOf(rules.QuoteAsset).Free < qty * px * (type == "MARKET" ? 1.01m : 1m) ? ApiError.InsufficientBalance : null)
            : (BalanceOf(rules.BaseAsset).Free < qty ? ApiError.InsufficientBalance : null);
    }

    private void Lock(SymbolRules rules, FakeOrder order)
    {
        if (Futures || order.Type == "MARKET") return;
        bool buy = order.Side == "BUY";
        var b = BalanceFor(buy ? rules.QuoteAsset : rules.BaseAsset);
        decimal amount = buy ? order.Remaining * order.Price : order.Remaining;
        b.Free -= amount;
        b.Locked += amount;
        order.Locked = amount;
    }

    private void Unlock(SymbolRules rules, FakeOrder order)
    {
        if (Futures || order.Locked == 0) return;
        var b = BalanceFor(order.Side == "BUY" ? rules.QuoteAsset : rules.BaseAsset);
        b.Free += order.Locked;
        b.Locked -= order.Locked;
        order.Locked = 0;
    }

    private Balance BalanceFor(string asset)
    {
        if (!_balances.TryGetValue(asset, out var b)) _balances[asset] = b = new Balance();
        return b;
    }

    private void CancelOrder(SymbolRules rules, FakeOrder order, long now)
    {
        order.Status = "CANCELED";
        order.UpdateTime = now;
        Unlock(rules, order);
        Emit(order, "CANCELED", null, now, "NONE");
        if (!Futures) EmitAccount(rules, now);
    }

    private void Fill(SymbolRules rules, FakeOrder order, decimal qty, decimal price, bool maker, long now, List<FakeFill>? fills)
    {
        if (qty <= 0) return;
        bool buy = order.Side == "BUY";
        decimal rate = maker ? _options.MakerFee : _options.TakerFee;
        decimal quote = qty * price;
        decimal commission;
        string commissionAsset;
        decimal realized = 0;
        if (Futures)
        {
            commission = ValueOf(rules, qty, price) * rate;
            commissionAsset = rules.MarginAsset;
            realized = ApplyPosition(rules.Symbol, buy ? qty : -qty, price, now);
            _wallet += realized - commission;
        }
        else
        {
            var baseBal = BalanceFor(rules.BaseAsset);
            var quoteBal = BalanceFor(rules.QuoteAsset);
            if (buy)
            {
                commission = qty * rate;
                commissionAsset = rules.BaseAsset;
                if (order.Type == "MARKET") quoteBal.Free -= quote;
                else
                {
                    decimal release = qty * order.Price;
                    quoteBal.Locked -= release;
                    order.Locked -= release;
                    quoteBal.Free += release - quote;
                }
                baseBal.Free += qty - commission;
            }
            else
            {
                commission = quote * rate;
                commissionAsset = rules.QuoteAsset;
                if (order.Type == "MARKET") baseBal.Free -= qty;
                else
                {
                    baseBal.Locked -= qty;
                    order.Locked -= qty;
                }
                quoteBal.Free += quote - commission;
            }
        }
        order.ExecutedQty += qty;
        order.CumQuote += quote;
        order.UpdateTime = now;
        order.Status = order.Remaining == 0 ? "FILLED" : "PARTIALLY_FILLED";
        if (order.Status == "FILLED") Unlock(rules, order);
        var fill = new FakeFill(_nextTradeId++, order.OrderId, rules.Symbol, buy, maker, price, qty, commission, commissionAsset, realized, now);
        _fills.Add(fill);
        fills?.Add(fill);
        Emit(order, "TRADE", fill, now, "NONE");
        EmitAccount(rules, now);
    }

    private decimal ApplyPosition(string symbol, decimal signedQty, decimal price, long now)
    {
        if (!_positions.TryGetValue(symbol, out var pos)) _positions[symbol] = pos = new Position();
        decimal realized = 0;
        pos.UpdateTime = now;
        if (pos.Amount == 0 || Math.Sign(pos.Amount) == Math.Sign(signedQty))
        {
            decimal amount = pos.Amount + signedQty;
            pos.Entry = AverageEntry(_rules[symbol], pos.Amount, pos.Entry, signedQty, price);
            pos.Amount = amount;
            return 0;
        }
        decimal closing = Math.Min(Math.Abs(pos.Amount), Math.Abs(signedQty));
        realized = PnlOf(_rules[symbol], closing * Math.Sign(pos.Amount), pos.Entry, price);
        decimal after = pos.Amount + signedQty;
        if (after == 0) pos.Entry = 0;
        else if (Math.Sign(after) != Math.Sign(pos.Amount)) pos.Entry = price;
        pos.Amount = after;
        return realized;
    }

    private void Emit(FakeOrder order, string execType, FakeFill? fill, long now, string reason) =>
        _emit(order.OrderId, Futures ? OrderJson.OrderTradeUpdate(order, execType, fill, now) : OrderJson.ExecutionReport(order, execType, fill, now, reason));

    private void EmitAccount(SymbolRules rules, long now)
    {
        if (Futures)
        {
            _emit(0, $"{{\"e\":\"ACCOUNT_UPDATE\",\"E\":{now},\"T\":{now},\"a\":{{\"m\":\"ORDER\",\"B\":[{{\"a\":\"{rules.MarginAsset}\",\"wb\":\"{OrderJson.F(_wallet)}\",\"cw\":\"{OrderJson.F(_wallet)}\",\"bc\":\"0\"}}],\"P\":[{PositionJson(rules.Symbol, now, risk: false)}]}}}}");
            return;
        }
        var b = BalanceOf(rules.BaseAsset);
        var q = BalanceOf(rules.QuoteAsset);
        _emit(0, $"{{\"e\":\"outboundAccountPosition\",\"E\":{now},\"u\":{now},\"B\":[{{\"a\":\"{rules.BaseAsset}\",\"f\":\"{SymbolRules.F8(b.Free)}\",\"l\":\"{SymbolRules.F8(b.Locked)}\"}},{{\"a\":\"{rules.QuoteAsset}\",\"f\":\"{SymbolRules.F8(q.Free)}\",\"l\":\"{SymbolRules.F8(q.Locked)}\"}}]}}");
    }
}
