using System.IO.Compression;
using System.Text;
using HftScalper.Binance.Sync;
using HftScalper.Recording.Journal;

namespace HftScalper.Training.Data;

/// <summary>
/// A Binance market as <c>--market</c> names it (<c>spot</c>, <c>usdm</c>, <c>coinm</c>): the depth chaining rule a
/// frame recording replays under and the venue its symbols register in. <see cref="Detect"/> reads it from a
/// recording where the recording says so unambiguously.
/// </summary>
public sealed record ReplayMarket(string Name, DepthSyncRule Rule, string Venue)
{
    /// <summary>Binance spot: <c>U</c>/<c>u</c> chaining.</summary>
    public static ReplayMarket Spot { get; } = new("spot", DepthSyncRule.Spot, "binance-spot");

    /// <summary>Binance USD-M futures: <c>pu</c> chaining.</summary>
    public static ReplayMarket UsdM { get; } = new("usdm", DepthSyncRule.Futures, "binance-usdm");

    /// <summary>Binance COIN-M futures: <c>pu</c> chaining.</summary>
    public static ReplayMarket CoinM { get; } = new("coinm", DepthSyncRule.Futures, "binance-coinm");

    /// <summary>Binance.US spot (<c>stream.binance.us</c>, <c>api.binance.us</c>): spot's <c>U</c>/<c>u</c> chaining, but
    /// another exchange than binance.com, with its own venue (binance.com's filter table and fees do not apply).</summary>
    public static ReplayMarket UsSpot { get; } = new("us", DepthSyncRule.Spot, Binance.Parsing.KnownSymbols.UsSpotVenue);

    /// <summary>Every market, in <c>--market</c> order.</summary>
    public static IReadOnlyList<ReplayMarket> All { get; } = [Spot, UsdM, CoinM, UsSpot];

    private const int ProbeChars = 1 << 18;
    private const int ProbeLines = 400;

    /// <summary>The market named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Not spot, usdm, coinm or us.</exception>
    public static ReplayMarket Parse(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"--market must be spot, usdm, coinm or us, not '{name}'");

    /// <summary>
    /// The one market <paramref name="files"/> replay under in a verb that reads them as one stream (replay, features,
    /// book-check, convert): the market they state (<see cref="Detect"/>), else <paramref name="named"/>, else spot.
    /// Recordings that state no market follow those that do, as in <see cref="DatasetInput.Group"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A recording contradicts <paramref name="named"/>, or the recordings state
    /// more than one market.</exception>
    public static ReplayMarket ForRecordings(IReadOnlyList<string> files, ReplayMarket? named)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0) return named ?? Spot;
        var stated = DatasetInput.Group(files, named).Where(i => i.MarketStated).Select(i => i.Market).Distinct().ToList();
        if (stated.Count > 1)
            throw new ArgumentException($"the recordings state {stated.Count} markets ({string.Join(", ", stated.Select(m => m.Name))}): one run reads one market, give each market's recordings on their own");
        return stated.Count == 1 ? stated[0] : named ?? Spot;
    }

    /// <summary>
    /// The market a recording states, or null when it states none (event formats other than the event journal, a raw
    /// spot-or-futures line without a futures field) or cannot be read: a journal's header venue (raw or event journal); a cryptofeed file's stream or REST URL host
    /// (<c>stream.binance.com</c>/<c>api</c> spot, <c>fstream</c>/<c>fapi</c> USD-M, <c>dstream</c>/<c>dapi</c> COIN-M,
    /// any host of <c>binance.us</c> Binance.US spot);
    /// a raw line recording's first depth diff or futures bookTicker (a <c>pu</c> field, or a bookTicker with an event
    /// type, is futures: COIN-M when the symbol has a <c>_</c> contract suffix, else USD-M).
    /// </summary>
    public static ReplayMarket? Detect(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            if (Directory.Exists(path) || IsJournal(path)) return FromVenue(JournalDirectory.ReadHeader(path)?.Venue);
            return File.Exists(path) ? FromText(Head(path)) : null;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return null; // the replay itself reports what is wrong with the file
        }
    }

    /// <summary>The market a recording's first lines state (see <see cref="Detect"/>), or null.</summary>
    public static ReplayMarket? FromText(string head)
    {
        ArgumentNullException.ThrowIfNull(head);
        int lines = 0;
        foreach (var raw in head.Split('\n'))
        {
            if (++lines > ProbeLines) break;
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("ws", StringComparison.Ordinal) || line.StartsWith("http", StringComparison.Ordinal))
                return FromUrl(line);
            // Spot's bookTicker payload has no event type; the futures one says "e":"bookTicker" (a busy futures
            // recording can open with hundreds of them before its first depth diff).
            bool futuresTicker = line.Contains("\"e\":\"bookTicker\"", StringComparison.Ordinal);
            if (!futuresTicker && !line.Contains("depthUpdate", StringComparison.Ordinal)) continue;
            if (!futuresTicker && !line.Contains("\"pu\":", StringComparison.Ordinal)) return Spot;
            int s = line.IndexOf("\"s\":\"", StringComparison.Ordinal);
            if (s < 0) return null;
            int end = line.IndexOf('"', s + 5);
            return end > s && line.AsSpan(s + 5, end - s - 5).Contains('_') ? CoinM : UsdM;
        }
        return null;
    }

    private static ReplayMarket? FromUrl(string line)
    {
        int scheme = line.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0) return null;
        int hostEnd = line.IndexOfAny(['/', ':', ' ', '?'], scheme + 3);
        var host = (hostEnd < 0 ? line[(scheme + 3)..] : line[(scheme + 3)..hostEnd]).ToLowerInvariant();
        if (!host.Contains("binance", StringComparison.Ordinal)) return null;
        if (host.EndsWith("binance.us", StringComparison.Ordinal)) return UsSpot; // another exchange: its own venue
        if (host.StartsWith("fstream", StringComparison.Ordinal) || host.StartsWith("fapi", StringComparison.Ordinal)) return UsdM;
        if (host.StartsWith("dstream", StringComparison.Ordinal) || host.StartsWith("dapi", StringComparison.Ordinal)) return CoinM;
        if (host.StartsWith("stream", StringComparison.Ordinal) || host.StartsWith("api", StringComparison.Ordinal)) return Spot;
        return null;
    }

    private static ReplayMarket? FromVenue(string? venue) =>
        All.FirstOrDefault(m => string.Equals(m.Venue, venue, StringComparison.OrdinalIgnoreCase));

    private static bool IsJournal(string path)
    {
        Span<byte> head = stackalloc byte[8];
        using var f = File.OpenRead(path);
        int n = f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return JournalFormat.HasMagic(head[..n]);
    }

    // The first decompressed characters of a text recording (gzip by magic, else plain); never more than ProbeChars.
    private static string Head(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        int n = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        using Stream text = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
        var buffer = new byte[ProbeChars];
        int read = text.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
