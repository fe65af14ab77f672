using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using static System.FormattableString;

namespace HftScalper.Cli.Tests.Data;

/// <summary>
/// Writes archives laid out like data.binance.vision into a folder: <c>data/{folder}/{period}/{kind}/{SYMBOL}/NAME.zip</c>
/// (one CSV entry) and <c>NAME.zip.CHECKSUM</c> (<c>sha256sum</c>'s line), from small CSVs made here; and those CSVs
/// in the public formats (futures files with a header row, spot files without).
/// </summary>
internal static class VisionSite
{
    /// <summary>Midnight UTC of 2024-01-01 in ms.</summary>
    public const long Day0Ms = 1_704_067_200_000;

    /// <summary>Publishes one archive under <paramref name="root"/>; returns its path. <paramref name="checksum"/> overrides the true hash.</summary>
    public static string Publish(string root, string remoteFolder, string name, string csv, string? checksum = null)
    {
        string dir = Path.Combine(root, "data", remoteFolder.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(dir);
        string zip = Path.Combine(dir, name);
        using (var file = File.Create(zip))
        using (var archive = new ZipArchive(file, ZipArchiveMode.Create))
        {
            var entry = archive.CreateEntry(Path.ChangeExtension(name, ".csv"), CompressionLevel.Optimal);
            entry.LastWriteTime = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);
            using var w = new StreamWriter(entry.Open(), new UTF8Encoding(false));
            w.Write(csv);
        }
        string hash = checksum ?? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(zip)));
        File.WriteAllText(zip + ".CHECKSUM", $"{hash}  {name}\n");
        return zip;
    }

    /// <summary>Futures bookTicker rows for day <paramref name="day"/> (0 = 2024-01-01), with the header row.</summary>
    public static string FuturesBookTicker(int day, int rows)
    {
        var sb = new StringBuilder("update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,transaction_time,event_time\n");
        for (int i = 0; i < rows; i++)
        {
            long t = Day0Ms + (day * 86_400_000L) + (i * 250L);
            decimal bid = 42_000.0m + (i % 7 * 0.1m);
            sb.Append(Invariant($"{(day * 100_000L) + i + 1},{bid:F1},{1.5m + (i % 3):F3},{bid + 0.1m:F1},{2.25m + (i % 5):F3},{t},{t + 3}\n"));
        }
        return sb.ToString();
    }

    /// <summary>Futures (USD-M) aggTrades rows with the header row (7 columns: no best-match column).</summary>
    public static string FuturesAggTrades(int day, int rows)
    {
        var sb = new StringBuilder("agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n");
        for (int i = 0; i < rows; i++)
        {
            long t = Day0Ms + (day * 86_400_000L) + (i * 400L) + 7;
            long id = (day * 100_000L) + i + 1;
            sb.Append(Invariant($"{id},{42_000.0m + (i % 5 * 0.1m):F1},{0.010m + (i % 4 * 0.005m):F3},{id * 2},{(id * 2) + 1},{t},{(i % 2 == 0 ? "true" : "false")}\n"));
        }
        return sb.ToString();
    }

    /// <summary>Futures (USD-M) trades rows with the header row (6 columns).</summary>
    public static string FuturesTrades(int day, int rows)
    {
        var sb = new StringBuilder("id,price,qty,quote_qty,time,is_buyer_maker\n");
        for (int i = 0; i < rows; i++)
        {
            long t = Day0Ms + (day * 86_400_000L) + (i * 300L) + 11;
            decimal px = 42_000.0m + (i % 3 * 0.1m), qty = 0.002m * (1 + (i % 6));
            sb.Append(Invariant($"{(day * 100_000L) + i + 1},{px:F1},{qty:F3},{px * qty:F4},{t},{(i % 3 == 0 ? "true" : "false")}\n"));
        }
        return sb.ToString();
    }

    /// <summary>Spot trades rows, no header (7 columns, the best-match flag last).</summary>
    public static string SpotTrades(int day, int rows)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < rows; i++)
        {
            long t = Day0Ms + (day * 86_400_000L) + (i * 500L);
            sb.Append(Invariant($"{(day * 100_000L) + i + 1},42000.{i % 10:D2}000000,0.00100000,42.00000000,{t},{(i % 2 == 0 ? "True" : "False")},True\n"));
        }
        return sb.ToString();
    }

    /// <summary>Futures bookDepth: percentage-depth snapshots (timestamp, percentage, depth, notional).</summary>
    public static string FuturesBookDepth(int rows)
    {
        var sb = new StringBuilder("timestamp,percentage,depth,notional\n");
        for (int i = 0; i < rows; i++) sb.Append(Invariant($"2024-01-01 00:00:{i % 60:D2},{(i % 10) - 5},{100 + i}.5,{4_200_000 + i}.0\n"));
        return sb.ToString();
    }

    /// <summary>Futures klines with the header row.</summary>
    public static string FuturesKlines(int rows)
    {
        var sb = new StringBuilder("open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n");
        for (int i = 0; i < rows; i++)
        {
            long t = Day0Ms + (i * 60_000L);
            sb.Append(Invariant($"{t},42000.0,42010.0,41990.0,42005.0,12.5,{t + 59_999},525000.0,300,6.1,256000.0,0\n"));
        }
        return sb.ToString();
    }
}
