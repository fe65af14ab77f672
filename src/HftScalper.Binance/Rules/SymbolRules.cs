using HftScalper.Core.Numerics;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.Rules;

/// <summary>
/// A symbol's filters in our integer world: prices in units of 10^-<see cref="PriceDecimals"/> (ticks), quantities
/// in units of 10^-<see cref="QuantityDecimals"/> (lots), notionals in units of
/// 10^-(<see cref="PriceDecimals"/>+<see cref="QuantityDecimals"/>), percent-price multipliers in units of
/// 10^-<see cref="MultiplierDecimals"/>. 0 means "no such limit". <see cref="OrderValidator"/> checks orders
/// against it without allocating.
/// </summary>
public sealed record SymbolRules
{
    /// <summary>Scale of the multipliers (Binance states at most 8 decimals; USD-M 4).</summary>
    public const int MultiplierDecimals = 8;

    /// <summary>Symbol.</summary>
    public required string Symbol { get; init; }

    /// <summary>Decimals of one price unit.</summary>
    public int PriceDecimals { get; init; }

    /// <summary>Decimals of one quantity unit.</summary>
    public int QuantityDecimals { get; init; }

    /// <summary>PRICE_FILTER in price units.</summary>
    public long MinPrice { get; init; }

    /// <summary>PRICE_FILTER maxPrice in price units.</summary>
    public long MaxPrice { get; init; }

    /// <summary>PRICE_FILTER tickSize in price units (need not be a power of ten: 0.05 at 2 decimals is 5).</summary>
    public long TickSize { get; init; }

    /// <summary>LOT_SIZE minQty in quantity units.</summary>
    public long MinQty { get; init; }

    /// <summary>LOT_SIZE maxQty in quantity units.</summary>
    public long MaxQty { get; init; }

    /// <summary>LOT_SIZE stepSize in quantity units.</summary>
    public long StepSize { get; init; }

    /// <summary>MARKET_LOT_SIZE minQty.</summary>
    public long MarketMinQty { get; init; }

    /// <summary>MARKET_LOT_SIZE maxQty.</summary>
    public long MarketMaxQty { get; init; }

    /// <summary>MARKET_LOT_SIZE stepSize.</summary>
    public long MarketStepSize { get; init; }

    /// <summary>Minimum notional in notional units.</summary>
    public long MinNotional { get; init; }

    /// <summary>Maximum notional in notional units.</summary>
    public long MaxNotional { get; init; }

    /// <summary>Whether the minimum notional applies to market orders.</summary>
    public bool MinNotionalAppliesToMarket { get; init; } = true;

    /// <summary>PERCENT_PRICE multiplierUp (10^-8 units).</summary>
    public long MultiplierUp { get; init; }

    /// <summary>PERCENT_PRICE multiplierDown.</summary>
    public long MultiplierDown { get; init; }

    /// <summary>PERCENT_PRICE_BY_SIDE bidMultiplierUp.</summary>
    public long BidMultiplierUp { get; init; }

    /// <summary>PERCENT_PRICE_BY_SIDE bidMultiplierDown.</summary>
    public long BidMultiplierDown { get; init; }

    /// <summary>PERCENT_PRICE_BY_SIDE askMultiplierUp.</summary>
    public long AskMultiplierUp { get; init; }

    /// <summary>PERCENT_PRICE_BY_SIDE askMultiplierDown.</summary>
    public long AskMultiplierDown { get; init; }

    /// <summary>MAX_NUM_ORDERS.</summary>
    public int MaxNumOrders { get; init; }

    /// <summary>
    /// Converts <paramref name="f"/> at the given scales (default: the fewest decimals that hold the tick, the
    /// step and the price/quantity bounds exactly).
    /// </summary>
    /// <exception cref="FormatException">A filter value is not representable at the scale (it would be rounded).</exception>
    public static SymbolRules Create(SymbolFilters f, int? priceDecimals = null, int? quantityDecimals = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        int pd = priceDecimals ?? Math.Max(DecimalsOf(f.TickSize), DecimalsOf(f.MinPrice));
        int qd = quantityDecimals ?? Max(DecimalsOf(f.StepSize), DecimalsOf(f.MinQty), DecimalsOf(f.MarketStepSize), DecimalsOf(f.MarketMinQty));
        if (pd + qd > FixedPoint.MaxDecimals)
            throw new FormatException($"{f.Symbol}: price ({pd}) plus quantity ({qd}) decimals exceed {FixedPoint.MaxDecimals}.");
        int nd = pd + qd;
        return new SymbolRules
        {
            Symbol = f.Symbol,
            PriceDecimals = pd,
            QuantityDecimals = qd,
            MinPrice = Exact(f.MinPrice, pd, f.Symbol, "minPrice"),
            MaxPrice = Capped(f.MaxPrice, pd),
            TickSize = Exact(f.TickSize, pd, f.Symbol, "tickSize"),
            MinQty = Exact(f.MinQty, qd, f.Symbol, "minQty"),
            MaxQty = Capped(f.MaxQty, qd),
            StepSize = Exact(f.StepSize, qd, f.Symbol, "stepSize"),
            MarketMinQty = Exact(f.MarketMinQty, qd, f.Symbol, "market minQty"),
            MarketMaxQty = Capped(f.MarketMaxQty, qd),
            MarketStepSize = Exact(f.MarketStepSize, qd, f.Symbol, "market stepSize"),
            MinNotional = Ceiling(f.MinNotional, nd),
            MaxNotional = Capped(f.MaxNotional, nd),
            MinNotionalAppliesToMarket = f.MinNotionalAppliesToMarket,
            MultiplierUp = Ceiling(f.MultiplierUp, MultiplierDecimals),
            MultiplierDown = Ceiling(f.MultiplierDown, MultiplierDecimals),
            BidMultiplierUp = Ceiling(f.BidMultiplierUp, MultiplierDecimals),
            BidMultiplierDown = Ceiling(f.BidMultiplierDown, MultiplierDecimals),
            AskMultiplierUp = Ceiling(f.AskMultiplierUp, MultiplierDecimals),
            AskMultiplierDown = Ceiling(f.AskMultiplierDown, MultiplierDecimals),
            MaxNumOrders = f.MaxNumOrders,
        };
    }

    /// <summary>The Core symbol description (scales, tick, lot, min notional, min quantity) for the engine.</summary>
    public SymbolInfo ToSymbolInfo(int id, string venue) =>
        new(id, Symbol, venue, PriceDecimals, QuantityDecimals, Math.Max(1, TickSize), Math.Max(1, StepSize), MinNotional, MinQty);

    /// <summary>A price in units as the decimal text an order carries (<c>price=...</c>).</summary>
    public string FormatPrice(long price) => FixedPoint.Format(price, PriceDecimals);

    /// <summary>A quantity in units as decimal text (<c>quantity=...</c>).</summary>
    public string FormatQuantity(long quantity) => FixedPoint.Format(quantity, QuantityDecimals);

    /// <summary>The fewest decimals that represent <paramref name="value"/> exactly.</summary>
    public static int DecimalsOf(decimal value)
    {
        value = Math.Abs(value);
        for (int d = 0; d <= FixedPoint.MaxDecimals; d++)
        {
            if (value == decimal.Truncate(value)) return d;
            value *= 10;
        }
        return FixedPoint.MaxDecimals + 1;
    }

    private static int Max(int a, int b, int c, int d) => Math.Max(Math.Max(a, b), Math.Max(c, d));

    private static decimal Scale(int decimals) => FixedPoint.PowerOfTen(decimals);

    private static long Exact(decimal value, int decimals, string symbol, string name)
    {
        decimal scaled = value * Scale(decimals);
        if (scaled != decimal.Truncate(scaled))
            throw new FormatException($"{symbol}: {name} {value} is not a whole number of 10^-{decimals} units.");
        return scaled > long.MaxValue ? long.MaxValue : (long)scaled;
    }

    // Upper bounds: values beyond a long (maxQty 9000000000 at 8 decimals) mean "unbounded" here.
    private static long Capped(decimal value, int decimals)
    {
        decimal scaled = decimal.Floor(value * Scale(decimals));
        return scaled >= long.MaxValue ? 0 : (long)scaled;
    }

    // Lower bounds and multipliers: rounding up keeps the check at least as strict as the exchange's.
    private static long Ceiling(decimal value, int decimals)
    {
        decimal scaled = decimal.Ceiling(value * Scale(decimals));
        return scaled >= long.MaxValue ? long.MaxValue : (long)scaled;
    }
}
