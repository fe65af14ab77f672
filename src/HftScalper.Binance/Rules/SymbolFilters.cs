namespace HftScalper.Binance.Rules;

/// <summary>
/// One symbol's trading rules as <c>exchangeInfo</c> states them (exact decimals, 0 = filter absent or disabled).
/// Spot and USD-M differ in key names only; both map here. <see cref="SymbolRules.Create"/> turns this into the
/// integer tick/lot world.
/// </summary>
public sealed record SymbolFilters
{
    /// <summary>Symbol, e.g. <c>BTCUSDT</c>.</summary>
    public required string Symbol { get; init; }

    /// <summary><c>status</c> (spot <c>TRADING</c>, <c>HALT</c>, <c>BREAK</c>; futures also <c>PENDING_TRADING</c>, ...).</summary>
    public string Status { get; init; } = "";

    /// <summary>Base asset (<c>BTC</c>).</summary>
    public string BaseAsset { get; init; } = "";

    /// <summary>Quote asset (<c>USDT</c>; COIN-M <c>USD</c>).</summary>
    public string QuoteAsset { get; init; } = "";

    /// <summary>Futures <c>marginAsset</c>: the asset the account, PnL and fees are in (USD-M <c>USDT</c>, COIN-M the coin,
    /// <c>BTC</c> for BTCUSD_PERP); empty on spot.</summary>
    public string MarginAsset { get; init; } = "";

    /// <summary>COIN-M <c>contractSize</c>: one contract's value in USD (100 for BTCUSD, 10 for the others at the time of
    /// writing); 0 on spot and USD-M (linear quantities).</summary>
    public long ContractSize { get; init; }

    /// <summary>PRICE_FILTER minPrice.</summary>
    public decimal MinPrice { get; init; }

    /// <summary>PRICE_FILTER maxPrice.</summary>
    public decimal MaxPrice { get; init; }

    /// <summary>PRICE_FILTER tickSize.</summary>
    public decimal TickSize { get; init; }

    /// <summary>LOT_SIZE minQty.</summary>
    public decimal MinQty { get; init; }

    /// <summary>LOT_SIZE maxQty.</summary>
    public decimal MaxQty { get; init; }

    /// <summary>LOT_SIZE stepSize.</summary>
    public decimal StepSize { get; init; }

    /// <summary>MARKET_LOT_SIZE minQty.</summary>
    public decimal MarketMinQty { get; init; }

    /// <summary>MARKET_LOT_SIZE maxQty.</summary>
    public decimal MarketMaxQty { get; init; }

    /// <summary>MARKET_LOT_SIZE stepSize.</summary>
    public decimal MarketStepSize { get; init; }

    /// <summary>Minimum notional (spot MIN_NOTIONAL/NOTIONAL minNotional; USD-M MIN_NOTIONAL notional).</summary>
    public decimal MinNotional { get; init; }

    /// <summary>Spot NOTIONAL maxNotional.</summary>
    public decimal MaxNotional { get; init; }

    /// <summary>Whether the minimum notional applies to market orders (spot applyToMarket/applyMinToMarket; USD-M: yes).</summary>
    public bool MinNotionalAppliesToMarket { get; init; } = true;

    /// <summary>PERCENT_PRICE multiplierUp.</summary>
    public decimal MultiplierUp { get; init; }

    /// <summary>PERCENT_PRICE multiplierDown.</summary>
    public decimal MultiplierDown { get; init; }

    /// <summary>PERCENT_PRICE_BY_SIDE bidMultiplierUp.</summary>
    public decimal BidMultiplierUp { get; init; }

    /// <summary>PERCENT_PRICE_BY_SIDE bidMultiplierDown.</summary>
    public decimal BidMultiplierDown { get; init; }

    /// <summary>PERCENT_PRICE_BY_SIDE askMultiplierUp.</summary>
    public decimal AskMultiplierUp { get; init; }

    /// <summary>PERCENT_PRICE_BY_SIDE askMultiplierDown.</summary>
    public decimal AskMultiplierDown { get; init; }

    /// <summary>MAX_NUM_ORDERS (spot maxNumOrders, USD-M limit); 0 = absent.</summary>
    public int MaxNumOrders { get; init; }
}
