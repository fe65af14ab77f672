using HftScalper.Core.Symbols;

namespace HftScalper.Binance.Rules;

/// <summary>
/// The one way a live run (<c>hft run</c>: paper, testnet and live, every market) registers a symbol: from its
/// <c>exchangeInfo</c> filters, which win over the built-in table (<c>KnownSymbols</c>) and serve a symbol the table does
/// not know. Two scales, decided here:
/// <list type="bullet">
/// <item>Prices: the decimals of PRICE_FILTER tickSize and minPrice (every price on the book and in an order is on that
/// grid); the registry's tick is tickSize in those units (0.05 at 2 decimals is 5).</item>
/// <item>Quantities (the book's scale, which is also the unit orders are counted in): as fine as the account allows —
/// the account's amount decimals minus the price decimals, since a symbol's quote amounts are price x quantity
/// units and the account sums them in 64 bits — capped at Binance's 8 string decimals and never coarser than the
/// LOT_SIZE/MARKET_LOT_SIZE step and minimum. So the book holds depth and trade quantities finer than the order step
/// exactly (aggregated levels are not always multiples of it: BTCUSDT depth once showed 25.426189 at a 0.00001 step),
/// while orders go out in whole steps (the registry's lot = stepSize, its minimum quantity = minQty, its minimum
/// notional = MIN_NOTIONAL/NOTIONAL rounded up). A quantity finer still than the book's scale is refused by the parser
/// as damage (counted), never rounded. COIN-M contracts (a <c>contractSize</c>) keep the step's decimals: whole
/// contracts.</item>
/// </list>
/// Examples at the default equity (10 account decimals): BTCUSDT spot tick 0.01 step 0.00001 -> 2/8 (the table's);
/// DOGEUSDT tick 0.00001 step 1 -> 5/5; XRPUSDT tick 0.0001 step 0.1 -> 4/6. The table gave them 8 quantity decimals
/// (13 and 12 account decimals): too fine for the account, so a live run traded nothing.
/// </summary>
public static class ExchangeScales
{
    /// <summary>Most decimals Binance prints in a price or quantity string.</summary>
    public const int WireDecimals = 8;

    /// <summary>The price and quantity decimals <paramref name="f"/> registers with when the account holds amounts of
    /// at most <paramref name="maxAmountDecimals"/> decimals (see the class remarks).</summary>
    public static (int PriceDecimals, int QuantityDecimals) Of(SymbolFilters f, int maxAmountDecimals)
    {
        ArgumentNullException.ThrowIfNull(f);
        int price = Math.Max(SymbolRules.DecimalsOf(f.TickSize), SymbolRules.DecimalsOf(f.MinPrice));
        int lot = Math.Max(Math.Max(SymbolRules.DecimalsOf(f.StepSize), SymbolRules.DecimalsOf(f.MinQty)),
            Math.Max(SymbolRules.DecimalsOf(f.MarketStepSize), SymbolRules.DecimalsOf(f.MarketMinQty)));
        if (f.ContractSize > 0) return (price, lot); // COIN-M: whole contracts, on the book and in orders
        return (price, Math.Clamp(maxAmountDecimals - price, lot, Math.Max(lot, WireDecimals)));
    }

    // The largest quantity both LOT_SIZE and MARKET_LOT_SIZE allow (0 = unbounded or beyond a long).
    private static long MaxQuantity(SymbolRules r) =>
        r.MaxQty > 0 && r.MarketMaxQty > 0 ? Math.Min(r.MaxQty, r.MarketMaxQty) : Math.Max(r.MaxQty, r.MarketMaxQty);

    /// <summary>
    /// Registers <paramref name="f"/>'s symbol on <paramref name="venue"/> at <see cref="Of"/>'s scales, with tick, lot
    /// step, minimum and maximum quantity and minimum notional from the filters and exchangeInfo's quote asset (the table's or the
    /// name's when it states none). Returns the registered symbol, or null when the registry is full.
    /// </summary>
    /// <exception cref="FormatException">A filter is not a decimal the scales can hold (more than 18 decimals in all).</exception>
    /// <exception cref="ArgumentException">The name is already registered at other scales.</exception>
    public static SymbolInfo? TryRegister(SymbolRegistry registry, SymbolFilters f, string venue, int maxAmountDecimals)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var (price, quantity) = Of(f, maxAmountDecimals);
        var rules = SymbolRules.Create(f, price, quantity);
        string quote = string.IsNullOrEmpty(f.QuoteAsset) ? Parsing.KnownSymbols.QuoteAsset(venue, f.Symbol) ?? SymbolInfo.UnknownQuote : f.QuoteAsset;
        return registry.TryRegister(f.Symbol, venue, price, quantity, tickSize: Math.Max(1, rules.TickSize), lotSize: Math.Max(1, rules.StepSize),
            minNotional: rules.MinNotional, minQuantity: rules.MinQty, quoteAsset: quote, maxQuantity: MaxQuantity(rules));
    }
}
