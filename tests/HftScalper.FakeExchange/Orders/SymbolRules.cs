using System.Globalization;

namespace HftScalper.FakeExchange.Orders;

/// <summary>
/// The trading rules of one symbol of the fake (its <see cref="FakeSymbolSpec"/>; BTC-like by default: tick 0.01, step 0.00001) and the filter
/// checks Binance applies to new orders: spot answers every failure with -1013 "Filter failure: NAME"; USD-M with
/// its own codes (-4014 tick, -1111 precision, -4164 notional, -4016/-4024 percent price).
/// </summary>
public sealed class SymbolRules
{
    /// <summary>Creates the rules for <paramref name="symbol"/> (quote asset USDT unless the name says otherwise); a COIN-M
    /// contract (<paramref name="contractSize"/> &gt; 0, e.g. BTCUSD_PERP) trades whole contracts of that many USD,
    /// margined in its coin, with no minimum notional (Binance's COIN-M has no MIN_NOTIONAL filter).</summary>
    public SymbolRules(string symbol, bool futures, long contractSize = 0, FakeSymbolSpec? spec = null)
    {
        Symbol = symbol.ToUpperInvariant();
        Futures = futures;
        if (spec is not null)
        {
            TickSize = MinPrice = spec.TickSize;
            StepSize = spec.StepSize;
            MinQty = spec.MinQty;
            MinNotional = spec.MinNotional;
            MaxQty = spec.MaxQty;
            MultiplierUp = spec.MultiplierUp;
            MultiplierDown = spec.MultiplierDown;
        }
        if (contractSize > 0)
        {
            ContractSize = contractSize;
            string pair = Symbol.Split('_')[0];
            BaseAsset = pair.EndsWith("USD", StringComparison.Ordinal) ? pair[..^3] : pair;
            QuoteAsset = "USD";
            StepSize = MinQty = 1m;
            MinNotional = 0m;
            return;
        }
        foreach (var quote in new[] { "USDT", "USDC", "FDUSD", "BTC", "BUSD" })
        {
            if (Symbol.Length > quote.Length && Symbol.EndsWith(quote, StringComparison.Ordinal))
            {
                QuoteAsset = quote;
                BaseAsset = Symbol[..^quote.Length];
                return;
            }
        }
        QuoteAsset = "USDT";
        BaseAsset = Symbol;
    }

    /// <summary>Upper-case symbol.</summary>
    public string Symbol { get; }

    /// <summary>USD-M rules.</summary>
    public bool Futures { get; }

    /// <summary>Base asset, e.g. BTC.</summary>
    public string BaseAsset { get; }

    /// <summary>Quote asset, e.g. USDT (COIN-M: USD).</summary>
    public string QuoteAsset { get; }

    /// <summary>COIN-M contract size in USD (0: a linear symbol).</summary>
    public long ContractSize { get; }

    /// <summary>The asset PnL, fees and margin are in: the coin on COIN-M, the quote asset on USD-M.</summary>
    public string MarginAsset => ContractSize > 0 ? BaseAsset : QuoteAsset;

    /// <summary>PRICE_FILTER tickSize.</summary>
    public decimal TickSize { get; private init; } = 0.01m;

    /// <summary>PRICE_FILTER minPrice.</summary>
    public decimal MinPrice { get; private init; } = 0.01m;

    /// <summary>PRICE_FILTER maxPrice.</summary>
    public decimal MaxPrice { get; } = 1_000_000m;

    /// <summary>LOT_SIZE stepSize.</summary>
    public decimal StepSize { get; private init; } = 0.00001m;

    /// <summary>LOT_SIZE minQty.</summary>
    public decimal MinQty { get; private init; } = 0.00001m;

    /// <summary>LOT_SIZE maxQty.</summary>
    public decimal MaxQty { get; private init; } = 9000m;

    /// <summary>NOTIONAL / MIN_NOTIONAL minimum.</summary>
    public decimal MinNotional { get; private init; } = 5m;

    /// <summary>PERCENT_PRICE(_BY_SIDE) multiplierUp.</summary>
    public decimal MultiplierUp { get; private init; } = 5m;

    /// <summary>PERCENT_PRICE(_BY_SIDE) multiplierDown.</summary>
    public decimal MultiplierDown { get; private init; } = 0.2m;

    /// <summary>Checks a new order against the filters; <paramref name="reference"/> is the mid price;
    /// <paramref name="unpublishedMinNotional"/> a minimum notional enforced above the published one (0: none).</summary>
    public ApiError? Check(decimal? price, decimal quantity, decimal reference, decimal unpublishedMinNotional = 0)
    {
        decimal minNotional = Math.Max(MinNotional, unpublishedMinNotional);
        if (price is { } p)
        {
            if (p < MinPrice || p > MaxPrice || p % TickSize != 0)
                return Futures ? (p % TickSize != 0 ? new ApiError(400, -4014, "Price not increased by tick size.") : new ApiError(400, -4013, "Price less than min price.")) : ApiError.Filter("PRICE_FILTER");
            if (p > reference * MultiplierUp)
                return Futures ? new ApiError(400, -4016, $"Limit price can't be higher than {Fmt(reference * MultiplierUp)}.") : ApiError.Filter("PERCENT_PRICE_BY_SIDE");
            if (p < reference * MultiplierDown)
                return Futures ? new ApiError(400, -4024, $"Limit price can't be lower than {Fmt(reference * MultiplierDown)}.") : ApiError.Filter("PERCENT_PRICE_BY_SIDE");
        }
        if (quantity < MinQty || quantity > MaxQty || quantity % StepSize != 0)
            return Futures ? (quantity % StepSize != 0 ? new ApiError(400, -1111, "Precision is over the maximum defined for this asset.") : new ApiError(400, -4003, "Quantity less than or equal to zero.")) : ApiError.Filter("LOT_SIZE");
        if ((price ?? reference) * quantity < minNotional)
            return Futures ? new ApiError(400, -4164, $"Order's notional must be no smaller than {Fmt(minNotional)} (unless you choose reduce only).") : ApiError.Filter("NOTIONAL");
        return null;
    }

    /// <summary>The symbol object of <c>exchangeInfo</c> (filters as Binance lists them).</summary>
    public string ExchangeInfoJson()
    {
        string notional = MinNotional > 0 ? $"{{\"filterType\":\"MIN_NOTIONAL\",\"notional\":\"{Fmt(MinNotional)}\"}}," : "";
        string filters = Futures
            ? $"[{{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"{Fmt(MinPrice)}\",\"maxPrice\":\"{Fmt(MaxPrice)}\",\"tickSize\":\"{Fmt(TickSize)}\"}}," +
              $"{{\"filterType\":\"LOT_SIZE\",\"minQty\":\"{Fmt(MinQty)}\",\"maxQty\":\"{Fmt(MaxQty)}\",\"stepSize\":\"{Fmt(StepSize)}\"}}," +
              $"{{\"filterType\":\"MARKET_LOT_SIZE\",\"minQty\":\"{Fmt(MinQty)}\",\"maxQty\":\"{Fmt(MaxQty)}\",\"stepSize\":\"{Fmt(StepSize)}\"}}," +
              "{\"filterType\":\"MAX_NUM_ORDERS\",\"limit\":200}," +
              notional +
              $"{{\"filterType\":\"PERCENT_PRICE\",\"multiplierUp\":\"{Fmt(MultiplierUp)}\",\"multiplierDown\":\"{Fmt(MultiplierDown)}\",\"multiplierDecimal\":\"4\"}}]"
            : $"[{{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"{F8(MinPrice)}\",\"maxPrice\":\"{F8(MaxPrice)}\",\"tickSize\":\"{F8(TickSize)}\"}}," +
              $"{{\"filterType\":\"LOT_SIZE\",\"minQty\":\"{F8(MinQty)}\",\"maxQty\":\"{F8(MaxQty)}\",\"stepSize\":\"{F8(StepSize)}\"}}," +
              $"{{\"filterType\":\"MARKET_LOT_SIZE\",\"minQty\":\"{F8(0)}\",\"maxQty\":\"{F8(MaxQty)}\",\"stepSize\":\"{F8(0)}\"}}," +
              $"{{\"filterType\":\"NOTIONAL\",\"minNotional\":\"{F8(MinNotional)}\",\"applyMinToMarket\":true,\"maxNotional\":\"{F8(9_000_000m)}\",\"applyMaxToMarket\":false,\"avgPriceMins\":5}}," +
              $"{{\"filterType\":\"PERCENT_PRICE_BY_SIDE\",\"bidMultiplierUp\":\"{Fmt(MultiplierUp)}\",\"bidMultiplierDown\":\"{Fmt(MultiplierDown)}\",\"askMultiplierUp\":\"{Fmt(MultiplierUp)}\",\"askMultiplierDown\":\"{Fmt(MultiplierDown)}\",\"avgPriceMins\":5}}," +
              "{\"filterType\":\"MAX_NUM_ORDERS\",\"maxNumOrders\":200}]";
        if (ContractSize > 0)
            return $"{{\"symbol\":\"{Symbol}\",\"pair\":\"{Symbol.Split('_')[0]}\",\"contractType\":\"PERPETUAL\",\"deliveryDate\":4133404800000,\"onboardDate\":1597042800000,\"contractStatus\":\"TRADING\",\"contractSize\":{ContractSize},\"marginAsset\":\"{MarginAsset}\",\"maintMarginPercent\":\"2.5000\",\"requiredMarginPercent\":\"5.0000\",\"baseAsset\":\"{BaseAsset}\",\"quoteAsset\":\"{QuoteAsset}\",\"pricePrecision\":2,\"quantityPrecision\":0,\"baseAssetPrecision\":8,\"quotePrecision\":8,\"equalQtyPrecision\":4,\"triggerProtect\":\"0.0500\",\"underlyingType\":\"COIN\",\"filters\":{filters},\"orderTypes\":[\"LIMIT\",\"MARKET\"],\"timeInForce\":[\"GTC\",\"IOC\",\"FOK\",\"GTX\"]}}";
        return Futures
            ? $"{{\"symbol\":\"{Symbol}\",\"pair\":\"{Symbol}\",\"contractType\":\"PERPETUAL\",\"status\":\"TRADING\",\"baseAsset\":\"{BaseAsset}\",\"quoteAsset\":\"{QuoteAsset}\",\"marginAsset\":\"{QuoteAsset}\",\"pricePrecision\":{Precision(TickSize)},\"quantityPrecision\":{Precision(StepSize)},\"baseAssetPrecision\":8,\"quotePrecision\":8,\"underlyingType\":\"COIN\",\"triggerProtect\":\"0.0500\",\"filters\":{filters},\"orderTypes\":[\"LIMIT\",\"MARKET\"],\"timeInForce\":[\"GTC\",\"IOC\",\"FOK\",\"GTX\"]}}"
            : $"{{\"symbol\":\"{Symbol}\",\"status\":\"TRADING\",\"baseAsset\":\"{BaseAsset}\",\"baseAssetPrecision\":8,\"quoteAsset\":\"{QuoteAsset}\",\"quotePrecision\":8,\"quoteAssetPrecision\":8,\"baseCommissionPrecision\":8,\"quoteCommissionPrecision\":8,\"orderTypes\":[\"LIMIT\",\"LIMIT_MAKER\",\"MARKET\"],\"icebergAllowed\":true,\"ocoAllowed\":true,\"otoAllowed\":true,\"quoteOrderQtyMarketAllowed\":true,\"allowTrailingStop\":false,\"cancelReplaceAllowed\":true,\"amendAllowed\":true,\"isSpotTradingAllowed\":true,\"isMarginTradingAllowed\":false,\"filters\":{filters},\"permissions\":[],\"permissionSets\":[[\"SPOT\"]],\"defaultSelfTradePreventionMode\":\"EXPIRE_MAKER\",\"allowedSelfTradePreventionModes\":[\"NONE\",\"EXPIRE_TAKER\",\"EXPIRE_MAKER\",\"EXPIRE_BOTH\"]}}";
    }

    private static int Precision(decimal v)
    {
        int d = 0;
        for (; v != decimal.Truncate(v); v *= 10) d++;
        return d;
    }

    internal static string F8(decimal v) => v.ToString("0.00000000", CultureInfo.InvariantCulture);

    internal static string Fmt(decimal v) => v.ToString("0.##########", CultureInfo.InvariantCulture);
}
