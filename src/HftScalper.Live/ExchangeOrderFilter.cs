using HftScalper.Binance.Rules;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;
using BinanceSide = HftScalper.Binance.Orders.OrderSide;

namespace HftScalper.Live;

/// <summary>
/// Orders against their symbol's exchangeInfo filters (<see cref="OrderValidator"/>: PRICE_FILTER, LOT_SIZE and
/// MARKET_LOT_SIZE min/max/step, MIN_NOTIONAL/NOTIONAL, PERCENT_PRICE and PERCENT_PRICE_BY_SIDE), at the registry's scales:
/// the one check both the live gateways (before sending) and the paper exchange (on arrival,
/// <see cref="PaperExchangeOptions.Filters"/>) make, so paper rejects what Binance would reject with <c>-1013</c>.
/// A symbol without filters (one exchangeInfo does not list) refuses every order.
/// </summary>
public sealed class ExchangeOrderFilter : IOrderFilter
{
    private readonly SymbolRules?[] _rules;

    /// <summary>Rules for the symbols of <paramref name="symbols"/> (ids below its count now) that <paramref name="filters"/> lists.</summary>
    /// <exception cref="FormatException">A filter is not a whole number of the symbol's registered units.</exception>
    public ExchangeOrderFilter(SymbolRegistry symbols, IReadOnlyDictionary<string, SymbolFilters> filters)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(filters);
        _rules = new SymbolRules?[symbols.Count];
        for (int i = 0; i < _rules.Length; i++)
            if (filters.TryGetValue(symbols[i].Name, out var f)) _rules[i] = SymbolRules.Create(f, symbols[i].PriceDecimals, symbols[i].QuantityDecimals);
    }

    /// <inheritdoc />
    /// <remarks>A market order with no reference price yet passes: the venue checks its notional.</remarks>
    public ExecutionReason Check(in OrderRequest request, long referencePriceTicks)
    {
        if (Filter(in request, referencePriceTicks) is not { } check) return ExecutionReason.InvalidOrder;
        bool market = request.Type == OrderType.Market;
        return check == OrderCheck.Ok || (market && check == OrderCheck.NoReferencePrice) ? ExecutionReason.None : ExecutionReason.FilterFailure;
    }

    /// <summary>The first filter <paramref name="request"/> breaks (<see cref="OrderCheck.Ok"/> when none), or null for a
    /// symbol without filters: what a refusal's log line names.</summary>
    public OrderCheck? Filter(in OrderRequest request, long referencePriceTicks)
    {
        if ((uint)request.SymbolId >= (uint)_rules.Length || _rules[request.SymbolId] is not { } rules) return null;
        var side = request.Side == Trading.Execution.OrderSide.Buy ? BinanceSide.Buy : BinanceSide.Sell;
        return OrderValidator.Check(rules, side, request.Type == OrderType.Market, request.PriceTicks, request.QuantityLots, referencePriceTicks);
    }
}
