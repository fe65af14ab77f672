namespace HftScalper.FakeExchange.Orders;

// The account views: spot account, USD-M account and position risk.
public sealed partial class OrderEngine
{
    private string SpotAccountJson(long now)
    {
        string maker = SymbolRules.F8(_options.MakerFee), taker = SymbolRules.F8(_options.TakerFee);
        string balances = string.Join(',', _balances.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => $"{{\"asset\":\"{kv.Key}\",\"free\":\"{SymbolRules.F8(kv.Value.Free)}\",\"locked\":\"{SymbolRules.F8(kv.Value.Locked)}\"}}"));
        int makerBps = (int)(_options.MakerFee * 10_000), takerBps = (int)(_options.TakerFee * 10_000);
        return $"{{\"makerCommission\":{makerBps},\"takerCommission\":{takerBps},\"buyerCommission\":0,\"sellerCommission\":0," +
               $"\"commissionRates\":{{\"maker\":\"{maker}\",\"taker\":\"{taker}\",\"buyer\":\"0.00000000\",\"seller\":\"0.00000000\"}}," +
               "\"canTrade\":true,\"canWithdraw\":true,\"canDeposit\":true,\"brokered\":false,\"requireSelfTradePrevention\":false,\"preventSor\":false," +
               $"\"updateTime\":{now},\"accountType\":\"SPOT\",\"balances\":[{balances}],\"permissions\":[\"SPOT\"],\"uid\":354937868}}";
    }

    private string FuturesAccountJson(long now)
    {
        decimal upnl = _positions.Sum(kv => Unrealized(kv.Key, kv.Value));
        decimal margin = _positions.Sum(kv => ValueOf(_rules[kv.Key], kv.Value.Amount, kv.Value.Entry)) / _options.Leverage;
        decimal orderMargin = UsedMargin() - margin;
        decimal available = _wallet + upnl - margin - orderMargin;
        string w = OrderJson.F(_wallet), u = OrderJson.F(upnl), mb = OrderJson.F(_wallet + upnl), av = OrderJson.F(available);
        string positions = string.Join(',', _rules.Keys.Select(s => PositionJson(s, now, risk: false, account: true)));
        return $"{{\"feeTier\":0,\"canTrade\":true,\"canDeposit\":true,\"canWithdraw\":true,\"updateTime\":0,\"multiAssetsMargin\":false," +
               $"\"totalInitialMargin\":\"{OrderJson.F(margin + orderMargin)}\",\"totalMaintMargin\":\"0\",\"totalWalletBalance\":\"{w}\"," +
               $"\"totalUnrealizedProfit\":\"{u}\",\"totalMarginBalance\":\"{mb}\",\"totalPositionInitialMargin\":\"{OrderJson.F(margin)}\"," +
               $"\"totalOpenOrderInitialMargin\":\"{OrderJson.F(orderMargin)}\",\"totalCrossWalletBalance\":\"{w}\",\"totalCrossUnPnl\":\"{u}\"," +
               $"\"availableBalance\":\"{av}\",\"maxWithdrawAmount\":\"{av}\"," +
               $"\"assets\":[{{\"asset\":\"{_walletAsset}\",\"walletBalance\":\"{w}\",\"unrealizedProfit\":\"{u}\",\"marginBalance\":\"{mb}\",\"maintMargin\":\"0\"," +
               $"\"initialMargin\":\"{OrderJson.F(margin + orderMargin)}\",\"positionInitialMargin\":\"{OrderJson.F(margin)}\",\"openOrderInitialMargin\":\"{OrderJson.F(orderMargin)}\"," +
               $"\"crossWalletBalance\":\"{w}\",\"crossUnPnl\":\"{u}\",\"availableBalance\":\"{av}\",\"maxWithdrawAmount\":\"{av}\",\"marginAvailable\":true,\"updateTime\":{now}}}]," +
               $"\"positions\":[{positions}]}}";
    }

    // One position: the positionRisk entry, the account entry or the ACCOUNT_UPDATE "P" entry.
    private string PositionJson(string symbol, long now, bool risk, bool account = false)
    {
        _positions.TryGetValue(symbol, out var p);
        decimal amt = p?.Amount ?? 0, entry = p?.Entry ?? 0;
        decimal mark = MarkPrice(symbol);
        string up = OrderJson.F(p is null ? 0 : Unrealized(symbol, p));
        if (risk)
            return $"{{\"entryPrice\":\"{OrderJson.F(entry)}\",\"breakEvenPrice\":\"{OrderJson.F(entry)}\",\"marginType\":\"cross\",\"isAutoAddMargin\":\"false\",\"isolatedMargin\":\"0.00000000\"," +
                   $"\"leverage\":\"{_options.Leverage}\",\"liquidationPrice\":\"{OrderJson.F(p is null ? 0 : LiquidationPrice(p))}\",\"markPrice\":\"{OrderJson.F(mark)}\",\"maxNotionalValue\":\"250000\"," +
                   $"\"positionAmt\":\"{OrderJson.F(amt)}\",\"notional\":\"{OrderJson.F(amt * mark)}\",\"isolatedWallet\":\"0\",\"symbol\":\"{symbol}\"," +
                   $"\"unRealizedProfit\":\"{up}\",\"positionSide\":\"BOTH\",\"updateTime\":{p?.UpdateTime ?? 0}}}";
        if (account)
            return $"{{\"symbol\":\"{symbol}\",\"initialMargin\":\"{OrderJson.F(Math.Abs(amt) * entry / _options.Leverage)}\",\"maintMargin\":\"0\",\"unrealizedProfit\":\"{up}\"," +
                   $"\"positionInitialMargin\":\"{OrderJson.F(Math.Abs(amt) * entry / _options.Leverage)}\",\"openOrderInitialMargin\":\"0\",\"leverage\":\"{_options.Leverage}\",\"isolated\":false," +
                   $"\"entryPrice\":\"{OrderJson.F(entry)}\",\"breakEvenPrice\":\"{OrderJson.F(entry)}\",\"maxNotional\":\"250000\",\"positionSide\":\"BOTH\",\"positionAmt\":\"{OrderJson.F(amt)}\",\"updateTime\":{p?.UpdateTime ?? 0}}}";
        return $"{{\"s\":\"{symbol}\",\"pa\":\"{OrderJson.F(amt)}\",\"ep\":\"{OrderJson.F(entry)}\",\"bep\":\"{OrderJson.F(entry)}\",\"cr\":\"0\",\"up\":\"{up}\",\"mt\":\"cross\",\"iw\":\"0\",\"ps\":\"BOTH\"}}";
    }

    private decimal Unrealized(string symbol, Position p) => PnlOf(_rules[symbol], p.Amount, p.Entry, MarkPrice(symbol));

    // Maintenance margin rate of the fake's one bracket (Binance's first BTCUSDT bracket: 0.4 %, no cum).
    private const decimal MaintenanceRate = 0.004m;

    // Binance's one-way cross formula for the only position of the account, one bracket:
    // LP = (WB + cum - side x Q x EP) / (Q x MMR - side x Q); 0 when a long cannot be liquidated (the wallet covers a fall to 0).
    private decimal LiquidationPrice(Position p)
    {
        if (p.Amount == 0 || CoinM) return 0; // COIN-M: the fake states no liquidation price (none known: 0)
        decimal q = Math.Abs(p.Amount);
        int side = Math.Sign(p.Amount);
        decimal lp = (_wallet - side * q * p.Entry) / (q * MaintenanceRate - side * q);
        return lp > 0 ? decimal.Round(lp, 2) : 0;
    }

    private decimal MarkPrice(string symbol)
    {
        if (_books(symbol) is not { } book || book.Bids.Count == 0 || book.Asks.Count == 0) return 0;
        return (book.Bids.First().Key + book.Asks.First().Key) / 2 / book.PriceScale;
    }
}
