using System.Globalization;
using HftScalper.Binance.Rules;

namespace HftScalper.Live;

/// <summary>
/// The contract sizes a live COIN-M run trades with: exchangeInfo's <c>contractSize</c> of each traded symbol (the
/// venue's word, not the built-in 100/10 USD), except where the configuration's <c>futures.contractSizes</c> names the
/// symbol — configuration wins, and a configured size the exchange contradicts is logged once at start, so nobody trades
/// unknowingly at another size than the venue's.
/// </summary>
public static class ExchangeContractSizes
{
    /// <summary>
    /// <paramref name="configured"/> (by name, any case) merged over the sizes <paramref name="filters"/> give for
    /// <paramref name="symbols"/> (those without a <c>contractSize</c> — linear ones — are left out); each disagreement is
    /// reported through <paramref name="log"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, long> Resolve(IEnumerable<string> symbols, IReadOnlyDictionary<string, SymbolFilters> filters,
        IReadOnlyDictionary<string, long>? configured, Action<string>? log)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(filters);
        var sizes = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in symbols)
            if (filters.TryGetValue(name.ToUpperInvariant(), out var f) && f.ContractSize > 0) sizes[f.Symbol] = f.ContractSize;
        if (configured is null) return sizes;
        foreach (var (name, size) in configured)
        {
            if (sizes.TryGetValue(name, out long venue) && venue != size)
                log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                    $"futures.contractSizes: {name.ToUpperInvariant()} configured at {size} USD, but the exchange's contractSize is {venue} USD: trading at the configured {size} (amounts, margin and PnL will not match the venue's)"));
            sizes[name] = size;
        }
        return sizes;
    }
}
