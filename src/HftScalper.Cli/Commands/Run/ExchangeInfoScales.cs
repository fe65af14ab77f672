using System.Globalization;
using HftScalper.Binance.Limits;
using HftScalper.Binance.Live;
using HftScalper.Binance.Parsing;
using HftScalper.Binance.Rest;
using HftScalper.Binance.Rules;
using HftScalper.Binance.Time;
using HftScalper.Core.Numerics;
using HftScalper.Core.Security;
using HftScalper.Core.Symbols;

namespace HftScalper.Cli.Commands.Run;

/// <summary>
/// Where a live run's symbol scales come from: the venue's <c>exchangeInfo</c> (spot <c>/api/v3/exchangeInfo?symbols=[...]</c>,
/// USD-M <c>/fapi/v1</c>, COIN-M <c>/dapi/v1</c>), registered by <see cref="ExchangeScales"/> in every mode (paper, testnet,
/// live). A paper run reads it from the same REST base as its depth snapshots. When it cannot be had, or does not list a
/// symbol, that symbol is registered at the built-in table's scales (or the generic 10^-8) for the feed only and is
/// refused for trading, with a logged line, a counter and the reason in <c>untradedReasons</c>: never traded on scales
/// guessed without the venue's filters.
/// </summary>
internal sealed class ExchangeInfoScales
{
    private const string Plain = "0.##################"; // 0.00001000 -> 0.00001
    private readonly Dictionary<string, string> _refused = new(StringComparer.Ordinal);

    private ExchangeInfoScales()
    {
    }

    /// <summary>Symbols refused for trading (upper-case name -> why): the desk's <c>RefusedSymbols</c>.</summary>
    public IReadOnlyDictionary<string, string> Refused => _refused;

    /// <summary>exchangeInfo requests that failed (unreachable, an error answer, a body that is not exchangeInfo).</summary>
    public int Failures { get; private set; }

    /// <summary>Paper: fetches exchangeInfo from <paramref name="rest"/> and registers <paramref name="symbols"/> from it
    /// (see the class remarks); the names it cannot serve register for the feed only, refused for trading.</summary>
    public static async Task<ExchangeInfoScales> RegisterAsync(Uri rest, BinanceMarket market, IReadOnlyList<string> symbols, SymbolRegistry registry,
        int accountDecimals, Action<string> log, CancellationToken ct)
    {
        var scales = new ExchangeInfoScales();
        var (filters, error) = await scales.FetchAsync(rest, market, symbols, log, ct).ConfigureAwait(false);
        string path = SecretRedactor.Redact(rest.ToString()).TrimEnd('/') + market.RestPrefix() + "/exchangeInfo";
        foreach (var name in symbols)
        {
            string upper = name.ToUpperInvariant();
            if (filters is not null && filters.TryGetValue(upper, out var f))
            {
                if (Register(registry, f, market.VenueName(), accountDecimals, log) is not null) continue;
            }
            string why = filters is null
                ? $"no exchange filters: {path} could not be read ({error}); not traded on the built-in table's or guessed scales (its decisions are scored)"
                : $"not listed in {path}; not traded on the built-in table's or guessed scales (its decisions are scored)";
            scales._refused[upper] = why;
            log($"{upper}: {why}");
            KnownSymbols.Register(registry, market.VenueName(), upper); // the feed still parses and syncs it
        }
        return scales;
    }

    /// <summary>Registers one symbol from its filters (<see cref="ExchangeScales.TryRegister"/>) and logs the scales it
    /// trades at; null when the registry is full.</summary>
    public static SymbolInfo? Register(SymbolRegistry registry, SymbolFilters f, string venue, int accountDecimals, Action<string>? log)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(f);
        var s = ExchangeScales.TryRegister(registry, f, venue, accountDecimals);
        if (s is not null)
            log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"{s.Name}: scales from exchangeInfo: tick {f.TickSize.ToString(Plain, CultureInfo.InvariantCulture)} ({s.PriceDecimals} price decimals), "
                + $"step {f.StepSize.ToString(Plain, CultureInfo.InvariantCulture)}, min quantity {f.MinQty.ToString(Plain, CultureInfo.InvariantCulture)}, "
                + $"min notional {f.MinNotional.ToString(Plain, CultureInfo.InvariantCulture)}; book quantities at {s.QuantityDecimals} decimals, orders in steps of "
                + $"{FixedPoint.Format(s.LotSize, s.QuantityDecimals)}"));
        return s;
    }

    // exchangeInfo once (spot: for the run's symbols; one not listed makes Binance answer -1121 for all, so then each is
    // asked for alone and the listed ones still trade). Null and the error when nothing usable came back.
    private async Task<(IReadOnlyDictionary<string, SymbolFilters>? Filters, string? Error)> FetchAsync(Uri rest, BinanceMarket market,
        IReadOnlyList<string> symbols, Action<string> log, CancellationToken ct)
    {
        using var client = new BinanceRestClient(new BinanceRestOptions(rest, market), null, new ServerTimeSync(), new RateLimitTracker([]), null, log);
        var r = await client.GetExchangeInfoAsync(ct, symbols).ConfigureAwait(false);
        if (r.IsOk && r.Value is { } info) return (info.Symbols, null);
        Failures++;
        if (market != BinanceMarket.Spot || r.Code != -1121 || symbols.Count < 2) return (null, SecretRedactor.Redact(r.ToString()));
        var each = new Dictionary<string, SymbolFilters>(StringComparer.Ordinal);
        foreach (var name in symbols)
        {
            var one = await client.GetExchangeInfoAsync(ct, [name]).ConfigureAwait(false);
            if (one.IsOk && one.Value is { } single) foreach (var (k, v) in single.Symbols) each[k] = v;
            else Failures++;
        }
        return (each, null);
    }
}
