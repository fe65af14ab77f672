using System.IO.Compression;
using System.Text;

namespace HftScalper.Benchmarks.Binance;

/// <summary>
/// Messages of the real BTCUSDT spot recording (../shared/data, or HFT_SHARED_DATA), loaded as (local ts, JSON)
/// pairs. When the data is absent, the parser suite falls back to three real messages embedded here (each repeated).
/// </summary>
internal static class BinanceBenchData
{
    public const string DepthSample = """{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1723161255308,"s":"BTCUSDT","U":50093239203,"u":50093239207,"b":[["55653.87000000","0.00000000"],["61836.01000000","0.01570000"]],"a":[["61838.04000000","0.32332000"],["61844.30000000","0.40163000"],["61862.50000000","0.05019000"],["61862.51000000","0.00000000"]]}}""";
    public const string TickerSample = """{"stream":"btcusdt@bookTicker","data":{"u":50093239212,"s":"BTCUSDT","b":"61837.63000000","B":"3.78826000","a":"61837.64000000","A":"1.54698000"}}""";
    public const string TradeSample = """{"stream":"btcusdt@trade","data":{"e":"trade","E":1723161255343,"s":"BTCUSDT","t":3735683259,"p":"61837.63000000","q":"0.02000000","T":1723161255342,"m":true,"M":true}}""";

    public static string? DataDir()
    {
        var env = Environment.GetEnvironmentVariable("HFT_SHARED_DATA");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                var candidate = Path.Combine(d.FullName, "shared", "data");
                if (File.Exists(Path.Combine(d.FullName, "HftScalper.sln")))
                    candidate = Path.GetFullPath(Path.Combine(d.FullName, "..", "shared", "data"));
                if (Directory.Exists(Path.Combine(candidate, "binance", "spot"))) return candidate;
            }
        }
        return null;
    }

    /// <summary>All lines of the spot recording in order, or null when the data is absent.</summary>
    public static List<(long LocalNs, byte[] Json)>? LoadSpot()
    {
        var dir = DataDir();
        if (dir is null) return null;
        var list = new List<(long, byte[])>();
        foreach (var name in new[] { "btcusdt_20240808.gz", "btcusdt_20240809.gz" })
        {
            using var reader = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(dir, "binance", "spot", name)), CompressionMode.Decompress));
            while (reader.ReadLine() is { } line)
            {
                int sp = line.IndexOf(' ', StringComparison.Ordinal);
                list.Add((long.Parse(line.AsSpan(0, sp)), Encoding.UTF8.GetBytes(line[(sp + 1)..])));
            }
        }
        return list;
    }

    /// <summary>Up to <paramref name="count"/> recorded messages whose stream name contains <paramref name="stream"/>.</summary>
    public static byte[][] Messages(string stream, string fallback, int count)
    {
        var all = LoadSpot();
        if (all is null) return Enumerable.Repeat(Encoding.UTF8.GetBytes(fallback), count).ToArray(); // keeps ops/invoke true
        var tag = Encoding.UTF8.GetBytes($"\"stream\":\"btcusdt@{stream}\"");
        return all.Where(m => m.Json.AsSpan().IndexOf(tag) >= 0).Take(count).Select(m => m.Json).ToArray();
    }
}
