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
/// Where a live run's symbol scales and order filters come from: the venue's <c>exchangeInfo</c> (spot
/// <c>/api/v3/exchangeInfo?symbols=[...]</c>, USD-M <c>/fapi/v1</c>, COIN-M <c>/dapi/v1</c>), read once here in every mode
/// (paper from the feed's REST base, testnet/live from the venue's) and registered by <see cref="ExchangeScales"/>; the
/// venue connection and the paper exchange's filter check take <see cref="Info"/> from here, never a read of their own.
/// One rule for every mode: a symbol exchangeInfo does not list (or a read that failed) is registered at the built-in
/// table's scales (or the generic 10^-8) for the feed only and refused for trading, with a logged line, a counter and the
/// reason in <c>untradedReasons</c> (never traded on scales guessed without the venue's filters); the others trade.
/// When none can (<see cref="NothingTradable"/>), nothing is traded: paper still scores the decisions, testnet/live
/// refuse to start (exit 2) rather than hold a signed venue session with nothing to trade.
/// </summary>
internal sealed class ExchangeInfoScales
{
    private const string Plain = "0.##################"; // 0.00001000 -> 0.00001
    private readonly Dictionary<string, string> _refused = new(StringComparer.Ordinal);
    private readonly List<string> _traded = [];
    private readonly Dictionary<string, string> _unread = new(StringComparer.Ordinal); // asked alone, not answered (why)

    private ExchangeInfoScales()
    {
    }

    /// <summary>Symbols refused for trading (upper-case name -> why): the desk's <c>RefusedSymbols</c>.</summary>
    public IReadOnlyDictionary<string, string> Refused => _refused;

    /// <summary>exchangeInfo requests that failed (unreachable, an error answer, a body that is not exchangeInfo).</summary>
    public int Failures { get; private set; }

    /// <summary>What exchangeInfo answered: the venue's rate limits and the filters of the run's listed symbols; null when
    /// it could not be read at all.</summary>
    public ExchangeInfo? Info { get; private set; }

    /// <summary>The run's symbols registered from their filters (upper case, in the order given): the ones that may trade.</summary>
    public IReadOnlyList<string> Traded => _traded;

    /// <summary>Why no symbol of the run can be traded (exchangeInfo unreadable, or none listed), or null when one can.</summary>
    public string? NothingTradable { get; private set; }

    /// <summary>Fetches exchangeInfo from <paramref name="rest"/> (paper: the feed's REST base; testnet/live: the venue's)
    /// and registers <paramref name="symbols"/> from it (see the class remarks); the names it cannot serve register for the
    /// feed only, refused for trading.</summary>
    public static async Task<ExchangeInfoScales> RegisterAsync(Uri rest, BinanceMarket market, IReadOnlyList<string> symbols, SymbolRegistry registry,
        int accountDecimals, Action<string> log, CancellationToken ct)
    {
        var scales = new ExchangeInfoScales();
        var (info, error) = await scales.FetchAsync(rest, market, symbols, log, ct).ConfigureAwait(false);
        scales.Info = info;
        var filters = info?.Symbols;
        string path = SecretRedactor.Redact(rest.ToString()).TrimEnd('/') + market.RestPrefix() + "/exchangeInfo";
        foreach (var name in symbols)
        {
            string upper = name.ToUpperInvariant();
            if (filters is not null && filters.TryGetValue(upper, out var f))
            {
                if (Register(registry, f, market.VenueName(), accountDecimals, log) is not null)
                {
                    scales._traded.Add(upper);
                    continue;
                }
            }
            string why = filters is null || scales._unread.TryGetValue(upper, out error)
                ? $"no exchange filters: {path} could not be read ({error}); not traded on the built-in table's or guessed scales (its decisions are scored)"
                : $"not listed in {path}; not traded on the built-in table's or guessed scales (its decisions are scored)";
            scales._refused[upper] = why;
            log($"{upper}: {why}");
            KnownSymbols.Register(registry, market.VenueName(), upper); // the feed still parses and syncs it
        }
        if (scales._traded.Count == 0)
            scales.NothingTradable = info is null ? $"{path} could not be read ({error}): no symbol can be traded" : $"{path} lists none of {string.Join(", ", symbols.Select(n => n.ToUpperInvariant()))}: no symbol can be traded";
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
    // asked for alone and the listed ones still trade; their answers' rate limits are the venue's). Null and the error when
    // nothing usable came back. Unsigned: no key is sent, so none can reach a log line or an error.
    private async Task<(ExchangeInfo? Info, string? Error)> FetchAsync(Uri rest, BinanceMarket market, IReadOnlyList<string> symbols,
        Action<string> log, CancellationToken ct)
    {
        using var client = new BinanceRestClient(new BinanceRestOptions(rest, market), null, new ServerTimeSync(), new RateLimitTracker([]), null, log);
        var r = await client.GetExchangeInfoAsync(ct, symbols).ConfigureAwait(false);
        if (r.IsOk && r.Value is { } info) return (info, null);
        Failures++;
        string error = SecretRedactor.Redact(r.ToString());
        if (market != BinanceMarket.Spot || r.Code != -1121) return (null, error);
        var each = new Dictionary<string, SymbolFilters>(StringComparer.Ordinal);
        var listed = new ExchangeInfo(0, [], each); // the venue answered: a symbol it names invalid (-1121) is not listed
        IReadOnlyList<string> ask = symbols.Count == 1 ? [] : symbols; // one symbol: its -1121 already says it is not listed
        foreach (var name in ask)
        {
            var one = await client.GetExchangeInfoAsync(ct, [name]).ConfigureAwait(false);
            if (one.IsOk && one.Value is { } single)
            {
                if (listed.RateLimits.Count == 0) listed = listed with { ServerTimeMs = single.ServerTimeMs, RateLimits = single.RateLimits };
                foreach (var (k, v) in single.Symbols) each[k] = v;
                continue;
            }
            Failures++;
            if (one.Code != -1121) _unread[name.ToUpperInvariant()] = SecretRedactor.Redact(one.ToString());
        }
        return _unread.Count == ask.Count && ask.Count > 0 ? (null, _unread.Values.First()) : (listed, null);
    }
}
