using System.Globalization;

namespace HftScalper.Cli.Commands.Data;

/// <summary>
/// The layout of data.binance.vision (the binance-public-data README):
/// <c>data/{spot|futures/um|futures/cm}/{daily|monthly}/{kind}/{SYMBOL}/{SYMBOL}-{kind}-{YYYY-MM-DD|YYYY-MM}.zip</c>, klines
/// with an interval folder and the interval in place of the kind (<c>klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip</c>),
/// each archive beside its <c>.zip.CHECKSUM</c>. bookTicker and bookDepth are published for futures only.
/// </summary>
internal static class BinanceVisionLayout
{
    /// <summary>The public host.</summary>
    public const string PublicBaseUrl = "https://data.binance.vision";

    /// <summary>The kinds, spelled as in the remote paths.</summary>
    public static readonly string[] Kinds = ["trades", "aggTrades", "klines", "bookTicker", "bookDepth"];

    /// <summary>The kline intervals the site publishes (<c>1mo</c> stands for a month).</summary>
    public static readonly string[] Intervals = ["1s", "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w", "1mo"];

    /// <summary>At most this many archives per run: a typo in a year should not queue a century of days.</summary>
    public const int MaxFiles = 10_000;

    /// <summary>The remote folder of a market (<c>spot</c>, <c>usdm</c>, <c>coinm</c>).</summary>
    public static string MarketFolder(string market) => market switch
    {
        "spot" => "spot",
        "usdm" => "futures/um",
        "coinm" => "futures/cm",
        _ => throw new ArgumentException($"--market must be spot, usdm or coinm, not '{market}'"),
    };

    /// <summary>The kind as the site spells it (<c>aggtrades</c> -> <c>aggTrades</c>).</summary>
    /// <exception cref="ArgumentException">Not a kind the site publishes.</exception>
    public static string CanonicalKind(string kind) =>
        Kinds.FirstOrDefault(k => string.Equals(k, kind, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"--kind must be one of {string.Join(", ", Kinds)}, not '{kind}'");

    /// <summary>Refuses a kind the market does not publish: bookTicker and bookDepth exist for futures only.</summary>
    /// <exception cref="ArgumentException">Spot with bookTicker or bookDepth.</exception>
    public static void CheckPublished(string market, string kind)
    {
        if (market == "spot" && kind is "bookTicker" or "bookDepth")
            throw new ArgumentException($"--kind {kind} is published for futures only (--market usdm or coinm): data.binance.vision has no spot {kind} files");
    }

    /// <summary>A symbol as the site names it (upper case; letters, digits and '_' as in COIN-M's BTCUSD_PERP).</summary>
    /// <exception cref="ArgumentException">Empty, or a character that is no part of a Binance symbol.</exception>
    public static string CanonicalSymbol(string symbol)
    {
        string s = symbol.Trim().ToUpperInvariant();
        if (s.Length == 0 || s.Length > 40 || !s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"--symbol must be Binance symbols such as BTCUSDT or BTCUSD_PERP, not '{symbol}'");
        return s;
    }

    /// <summary>A <c>--from</c>/<c>--to</c> value: <c>YYYY-MM-DD</c>, or with <paramref name="monthly"/> also <c>YYYY-MM</c>
    /// (a day then stands for its month).</summary>
    /// <exception cref="ArgumentException">Neither form.</exception>
    public static DateOnly ParseDate(string option, string text, bool monthly)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return monthly ? new DateOnly(day.Year, day.Month, 1) : day;
        if (monthly && DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            return month;
        throw new ArgumentException(monthly
            ? $"{option} must be a month YYYY-MM (or a day YYYY-MM-DD), not '{text}'"
            : $"{option} must be a date YYYY-MM-DD, not '{text}'");
    }

    /// <summary>The archives of <paramref name="request"/>, symbol by symbol, oldest first.</summary>
    /// <exception cref="ArgumentException">The range is reversed or holds more than <see cref="MaxFiles"/> archives.</exception>
    public static IReadOnlyList<VisionFile> Files(DownloadRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.To < request.From)
            throw new ArgumentException($"--to {Label(request.To, request.Monthly)} is before --from {Label(request.From, request.Monthly)}");
        int perSymbol = request.Monthly
            ? ((request.To.Year - request.From.Year) * 12) + request.To.Month - request.From.Month + 1
            : request.To.DayNumber - request.From.DayNumber + 1;
        if ((long)perSymbol * request.Symbols.Count > MaxFiles)
            throw new ArgumentException($"the range asks for {(long)perSymbol * request.Symbols.Count:N0} files; at most {MaxFiles:N0} per run");
        string root = request.BaseUrl.AbsoluteUri.TrimEnd('/') + "/data/";
        var files = new List<VisionFile>(perSymbol * request.Symbols.Count);
        foreach (string symbol in request.Symbols)
        {
            for (var d = request.From; d <= request.To; d = request.Monthly ? d.AddMonths(1) : d.AddDays(1))
            {
                string stem = request.Kind == "klines" ? request.Interval : request.Kind;
                string name = $"{symbol}-{stem}-{Label(d, request.Monthly)}.zip";
                string folder = $"{MarketFolder(request.Market)}/{(request.Monthly ? "monthly" : "daily")}/{request.Kind}/{symbol}"
                    + (request.Kind == "klines" ? $"/{request.Interval}" : "");
                string local = Path.Combine([request.OutDir, .. folder.Split('/'), name]);
                files.Add(new VisionFile(name, new Uri($"{root}{folder}/{name}"), local));
            }
        }
        return files;
    }

    private static string Label(DateOnly d, bool monthly) =>
        d.ToString(monthly ? "yyyy-MM" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
