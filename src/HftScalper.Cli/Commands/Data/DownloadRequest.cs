namespace HftScalper.Cli.Commands.Data;

/// <summary>What <c>hft data download</c> fetches: checked values (canonical kind, upper-case symbols, an absolute base URL).</summary>
/// <param name="Market">spot, usdm or coinm.</param>
/// <param name="Kind">trades, aggTrades, klines, bookTicker or bookDepth.</param>
/// <param name="Monthly">Monthly archives (else daily).</param>
/// <param name="Symbols">Symbols in upper case.</param>
/// <param name="From">First day (first of the month when monthly).</param>
/// <param name="To">Last day, inclusive (first of the month when monthly).</param>
/// <param name="Interval">The kline interval (klines only).</param>
/// <param name="BaseUrl">The site, <see cref="BinanceVisionLayout.PublicBaseUrl"/> unless a mirror or a test server.</param>
/// <param name="OutDir">Absolute output folder; the remote layout under <c>data/</c> is mirrored in it.</param>
internal sealed record DownloadRequest(
    string Market, string Kind, bool Monthly, IReadOnlyList<string> Symbols, DateOnly From, DateOnly To, string Interval, Uri BaseUrl, string OutDir);
