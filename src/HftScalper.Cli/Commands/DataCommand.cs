using System.CommandLine;
using HftScalper.Cli.Commands.Data;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft data download --source binance-vision --market spot|usdm|coinm --kind trades|aggTrades|klines|bookTicker|bookDepth
/// --period daily|monthly --symbol S[,S...] --from D [--to D] [--interval 1m] [--base-url URL] [--out DIR] [--json]</c>:
/// public market data in, checksum-verified and resumable (see <see cref="ArchiveDownloader"/>), laid out like the
/// site under <c>--out</c>, ready for <c>hft replay</c> and <c>hft train</c> (bookTicker, aggTrades, trades).
/// Exit 0 when every archive is on disk verified or not published (404), 3 when one failed its checksum or could not be
/// fetched, or when none of the range is published; 2 on a bad command line (spot has no bookTicker or bookDepth).
/// </summary>
internal static class DataCommand
{
    /// <summary>Creates the verb group and its <c>download</c> sub-verb.</summary>
    public static Command Create()
    {
        var cmd = new Command("data", "Bring market data in: download public archives, checksum-verified and resumable");
        cmd.Subcommands.Add(Download());
        return cmd;
    }

    private static Command Download()
    {
        var source = new Option<string>("--source") { Description = "Where from: binance-vision (data.binance.vision)", DefaultValueFactory = _ => "binance-vision" };
        var market = new Option<string>("--market") { Description = "Binance market: spot | usdm (USD-M futures) | coinm (COIN-M futures)", DefaultValueFactory = _ => "spot" };
        var kind = new Option<string>("--kind") { Description = "trades | aggTrades | klines | bookTicker | bookDepth (the last two: futures only)", Required = true };
        var period = new Option<string>("--period") { Description = "daily | monthly archives", DefaultValueFactory = _ => "daily" };
        var symbol = new Option<string>("--symbol") { Description = "Symbol, or comma-separated symbols (BTCUSDT, BTCUSD_PERP)", Required = true };
        var from = new Option<string>("--from") { Description = "First day YYYY-MM-DD (monthly: YYYY-MM)", Required = true };
        var to = new Option<string?>("--to") { Description = "Last day, inclusive (default: --from)" };
        var interval = new Option<string>("--interval") { Description = "klines: the candle interval (1s, 1m, 3m, ..., 1d, 1w, 1mo)", DefaultValueFactory = _ => "1m" };
        var baseUrl = new Option<string>("--base-url") { Description = "The site or a mirror laid out like it", DefaultValueFactory = _ => BinanceVisionLayout.PublicBaseUrl };
        var output = new Option<string>("--out") { Description = "Output folder; the site's layout under data/ is mirrored in it", DefaultValueFactory = _ => Path.Combine("data", "binance-vision") };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress and no per-file lines (problems are still printed)" };
        var cmd = new Command("download", "Download archives of data.binance.vision into a local mirror, verifying each one's sha256 and resuming partial files")
        {
            source, market, kind, period, symbol, from, to, interval, baseUrl, output, json, quiet,
        };
        // Synchronous on purpose: Ctrl+C / SIGTERM belong to StopSignal (partial summary, resumable .part), not to
        // System.CommandLine's termination handling of asynchronous actions.
        cmd.SetAction(parse =>
        {
            string src = parse.GetValue(source)!;
            if (!string.Equals(src, "binance-vision", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"--source must be binance-vision, not '{src}'");
            var request = Request(parse.GetValue(market)!.ToLowerInvariant(), parse.GetValue(kind)!, parse.GetValue(period)!, parse.GetValue(symbol)!,
                parse.GetValue(from)!, parse.GetValue(to), parse.GetValue(interval)!, parse.GetValue(baseUrl)!, parse.GetValue(output)!);
            return DownloadRun.RunAsync(request, parse.GetValue(json), parse.GetValue(quiet)).GetAwaiter().GetResult();
        });
        return cmd;
    }

    // Every check that needs no network: a refused request costs no request.
    private static DownloadRequest Request(string market, string kindText, string period, string symbols, string from, string? to,
        string interval, string baseUrl, string outDir)
    {
        BinanceVisionLayout.MarketFolder(market);
        string kind = BinanceVisionLayout.CanonicalKind(kindText);
        BinanceVisionLayout.CheckPublished(market, kind);
        bool monthly = period.ToLowerInvariant() switch
        {
            "daily" => false,
            "monthly" => true,
            _ => throw new ArgumentException($"--period must be daily or monthly, not '{period}'"),
        };
        if (kind == "klines" && !BinanceVisionLayout.Intervals.Contains(interval, StringComparer.Ordinal))
            throw new ArgumentException($"--interval must be one of {string.Join(", ", BinanceVisionLayout.Intervals)} (1mo is a month), not '{interval}'");
        var names = symbols.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(BinanceVisionLayout.CanonicalSymbol).Distinct().ToList();
        if (names.Count == 0) throw new ArgumentException("--symbol needs at least one symbol");
        var first = BinanceVisionLayout.ParseDate("--from", from, monthly);
        var last = to is null ? first : BinanceVisionLayout.ParseDate("--to", to, monthly);
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"--base-url must be an http or https URL, not '{baseUrl}'");
        return new DownloadRequest(market, kind, monthly, names, first, last, kind == "klines" ? interval : "", uri, Path.GetFullPath(outDir));
    }
}
