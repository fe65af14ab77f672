using HftScalper.Binance.Orders;

namespace HftScalper.Binance.Rules;

/// <summary>
/// Checks an order against its symbol's filters before it leaves, in Binance's order: PRICE_FILTER, LOT_SIZE (and
/// MARKET_LOT_SIZE for market orders), MIN_NOTIONAL / NOTIONAL, PERCENT_PRICE / PERCENT_PRICE_BY_SIDE. All in
/// integers (128-bit products): no allocation, no exception, no rounding.
/// </summary>
public static class OrderValidator
{
    /// <summary>
    /// The first filter the order breaks, or <see cref="OrderCheck.Ok"/>.
    /// </summary>
    /// <param name="rules">The symbol's rules (the same scales as the arguments).</param>
    /// <param name="side">Buy or sell (PERCENT_PRICE_BY_SIDE).</param>
    /// <param name="isMarket">A market order: no price filter; MARKET_LOT_SIZE applies; notional uses the reference.</param>
    /// <param name="price">Limit price in price units (ignored for market orders).</param>
    /// <param name="quantity">Quantity in quantity units.</param>
    /// <param name="referencePrice">The exchange's reference in price units (spot: average price over avgPriceMins;
    /// USD-M: mark price); 0 = unknown, which skips the band check for limit orders and fails market orders that
    /// need a notional.</param>
    public static OrderCheck Check(SymbolRules rules, OrderSide side, bool isMarket, long price, long quantity, long referencePrice)
    {
        if (!isMarket)
        {
            var p = CheckPrice(rules, price);
            if (p != OrderCheck.Ok) return p;
        }
        var q = CheckQuantity(quantity, rules.MinQty, rules.MaxQty, rules.StepSize);
        if (q != OrderCheck.Ok) return q;
        if (isMarket)
        {
            q = CheckQuantity(quantity, rules.MarketMinQty, rules.MarketMaxQty, rules.MarketStepSize);
            if (q != OrderCheck.Ok) return q;
        }

        long notionalPrice = isMarket ? referencePrice : price;
        bool minApplies = !isMarket || rules.MinNotionalAppliesToMarket;
        if ((minApplies && rules.MinNotional > 0) || rules.MaxNotional > 0)
        {
            if (notionalPrice <= 0) return OrderCheck.NoReferencePrice;
            Int128 notional = (Int128)notionalPrice * quantity;
            if (minApplies && notional < rules.MinNotional) return OrderCheck.NotionalTooLow;
            if (rules.MaxNotional > 0 && notional > rules.MaxNotional) return OrderCheck.NotionalTooHigh;
        }
        return isMarket || referencePrice <= 0 ? OrderCheck.Ok : CheckBand(rules, side, price, referencePrice);
    }

    private static OrderCheck CheckPrice(SymbolRules r, long price)
    {
        if (price <= 0 || (r.MinPrice > 0 && price < r.MinPrice)) return OrderCheck.PriceTooLow;
        if (r.MaxPrice > 0 && price > r.MaxPrice) return OrderCheck.PriceTooHigh;
        if (r.TickSize > 0 && (price - r.MinPrice) % r.TickSize != 0) return OrderCheck.PriceOffTick;
        return OrderCheck.Ok;
    }

    private static OrderCheck CheckQuantity(long qty, long min, long max, long step)
    {
        if (qty <= 0 || (min > 0 && qty < min)) return OrderCheck.QuantityTooLow;
        if (max > 0 && qty > max) return OrderCheck.QuantityTooHigh;
        if (step > 0 && (qty - min) % step != 0) return OrderCheck.QuantityOffStep;
        return OrderCheck.Ok;
    }

    // price <= reference * up and price >= reference * down, compared as price * 10^8 vs reference * multiplier.
    private static OrderCheck CheckBand(SymbolRules r, OrderSide side, long price, long reference)
    {
        long one = Core.Numerics.FixedPoint.PowerOfTen(SymbolRules.MultiplierDecimals);
        Int128 scaled = (Int128)price * one;
        long up = r.MultiplierUp, down = r.MultiplierDown;
        var band = Band(scaled, reference, up, down);
        if (band != OrderCheck.Ok) return band;
        (up, down) = side == OrderSide.Buy ? (r.BidMultiplierUp, r.BidMultiplierDown) : (r.AskMultiplierUp, r.AskMultiplierDown);
        return Band(scaled, reference, up, down);
    }

    private static OrderCheck Band(Int128 scaledPrice, long reference, long up, long down)
    {
        if (up > 0 && scaledPrice > (Int128)reference * up) return OrderCheck.PriceAboveBand;
        if (down > 0 && scaledPrice < (Int128)reference * down) return OrderCheck.PriceBelowBand;
        return OrderCheck.Ok;
    }
}
