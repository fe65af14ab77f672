using System.Globalization;
using HftScalper.Binance.Live;
using HftScalper.Binance.Orders;
using HftScalper.Core.Settings;
using HftScalper.Trading.Margin;

namespace HftScalper.Live;

/// <summary>
/// The maintenance-margin brackets a live futures run trades with: the venue's own table from
/// <c>leverageBracket</c> (COIN-M <c>/dapi/v2</c>, caps in the coin; USD-M <c>/fapi/v1</c>, caps in USDT) replaces the
/// configured one (<see cref="FuturesOptions.CoinBrackets"/> / <see cref="FuturesOptions.Brackets"/>, built-in defaults
/// unless <c>--config</c> names them) when it can: the query answered, every traded symbol has a table, the tables agree
/// (the margin account holds one table per market) and the table passes the configuration's own checks. Otherwise the
/// configured table stands. Either way one line says which table is used and why.
/// </summary>
public static class ExchangeBrackets
{
    // A table's last cap means "no cap" and may be stated as a huge number: kept within the configuration's range.
    private const double MaxCap = 1e12;

    /// <summary>
    /// <paramref name="configured"/> with the market's bracket table replaced by the one <paramref name="venue"/> states
    /// for every name of <paramref name="symbols"/>; <paramref name="error"/> (the query's failure) or a table that cannot
    /// be used keeps the configured one. Each outcome is reported through <paramref name="log"/>.
    /// </summary>
    public static FuturesOptions Resolve(BinanceMarket market, IEnumerable<string> symbols, IReadOnlyList<LeverageBrackets>? venue, string? error,
        FuturesOptions configured, Action<string>? log)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(configured);
        bool coin = market == BinanceMarket.CoinMFutures;
        string endpoint = market.LeverageBracketPath(), key = coin ? "futures.coinBrackets" : "futures.brackets";
        var current = coin ? configured.CoinBrackets : configured.Brackets;
        void Keep(string why) =>
            log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{market.CliName()}: maintenance brackets: {why}; the configured {key} stands ({Describe(current)})"));
        if (venue is null)
        {
            Keep($"{endpoint} answered no table ({error ?? "no answer"})");
            return configured;
        }
        List<MarginBracket>? table = null;
        string? first = null;
        foreach (var name in symbols)
        {
            var set = venue.FirstOrDefault(v => string.Equals(v.Symbol, name, StringComparison.OrdinalIgnoreCase));
            if (set?.Brackets is not { Length: > 0 } rows)
            {
                Keep($"{endpoint} has no table for {name.ToUpperInvariant()}");
                return configured;
            }
            var converted = Convert(rows, coin);
            if (table is null) (table, first) = (converted, name.ToUpperInvariant());
            else if (!table.SequenceEqual(converted))
            {
                Keep($"{endpoint} states different tables for {first} and {name.ToUpperInvariant()} (the margin account holds one per market)");
                return configured;
            }
        }
        if (table is null) return configured;
        var resolved = coin ? configured with { CoinBrackets = table } : configured with { Brackets = table };
        try
        {
            resolved.Validate("futures.");
        }
        catch (SettingException e)
        {
            Keep($"the table of {endpoint} is not usable ({e.Message})");
            return configured;
        }
        log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{market.CliName()}: maintenance brackets of {first} from {endpoint}: {Describe(table)}"));
        return resolved;
    }

    private static List<MarginBracket> Convert(LeverageBracket[] rows, bool coin) =>
    [
        .. rows.OrderBy(r => r.Bracket).Select(r => new MarginBracket
        {
            NotionalCap = Math.Min((double)((coin ? r.QtyCap : r.NotionalCap) ?? 0m), MaxCap),
            MaintenanceMarginRate = (double)r.MaintMarginRatio,
            MaxLeverage = r.InitialLeverage,
        }),
    ];

    private static string Describe(IReadOnlyList<MarginBracket> table) => table.Count == 0 ? "no bracket"
        : string.Create(CultureInfo.InvariantCulture,
            $"{table.Count} brackets, {table[0].MaintenanceMarginRate:P2} up to {table[0].NotionalCap:0.########} at {table[0].MaxLeverage}x ... {table[^1].MaintenanceMarginRate:P2} up to {table[^1].NotionalCap:0.########}");
}
