namespace HftScalper.Binance.Rules;

/// <summary>Outcome of <see cref="OrderValidator.Check"/>: the first filter an order breaks, or <see cref="Ok"/>.</summary>
public enum OrderCheck : byte
{
    /// <summary>Passes every filter checked.</summary>
    Ok = 0,

    /// <summary>Price not positive, or below PRICE_FILTER minPrice.</summary>
    PriceTooLow,

    /// <summary>Price above PRICE_FILTER maxPrice.</summary>
    PriceTooHigh,

    /// <summary>(price - minPrice) is not a multiple of tickSize.</summary>
    PriceOffTick,

    /// <summary>Quantity not positive, or below (MARKET_)LOT_SIZE minQty.</summary>
    QuantityTooLow,

    /// <summary>Quantity above (MARKET_)LOT_SIZE maxQty.</summary>
    QuantityTooHigh,

    /// <summary>(quantity - minQty) is not a multiple of stepSize.</summary>
    QuantityOffStep,

    /// <summary>price x quantity below MIN_NOTIONAL / NOTIONAL minNotional.</summary>
    NotionalTooLow,

    /// <summary>price x quantity above NOTIONAL maxNotional.</summary>
    NotionalTooHigh,

    /// <summary>Price above the reference price times the PERCENT_PRICE(_BY_SIDE) up multiplier.</summary>
    PriceAboveBand,

    /// <summary>Price below the reference price times the PERCENT_PRICE(_BY_SIDE) down multiplier.</summary>
    PriceBelowBand,

    /// <summary>A market order (or a notional/band check) needs a reference price and none was given.</summary>
    NoReferencePrice,
}
