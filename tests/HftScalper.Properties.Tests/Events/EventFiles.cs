using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsCheck;

namespace HftScalper.Properties.Tests.Events;

/// <summary>Generators of small valid files of the non-JSON formats (Binance public-data CSV, LOBSTER, Lean ticks),
/// which the properties then damage byte by byte.</summary>
internal static class EventFiles
{
    private static string D(long ticks, int decimals) => Parsing.MessageGen.Format(ticks, decimals, 0);

    private static string I(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>A Binance trades / aggTrades / bookTicker CSV (kind 0, 1, 2), with or without its header.</summary>
    public static readonly Gen<(int Kind, bool Header, string Text)> BinanceCsv =
        from kind in Gen.Int[0, 2]
        from header in Gen.Bool
        from rows in Gen.Select(Gen.Long[1, 10_000_000_000], Gen.Long[0, 100_000_000], Gen.Long[1, 10_000], Gen.Bool).Array[1, 40]
        select (kind, header, Csv(kind, header, rows));

    private static string Csv(int kind, bool header, (long Price, long Qty, long Step, bool Maker)[] rows)
    {
        var sb = new StringBuilder();
        if (header)
            sb.Append(kind switch
            {
                0 => "id,price,qty,quote_qty,time,is_buyer_maker\n",
                1 => "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n",
                _ => "update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,transaction_time,event_time\n",
            });
        long t = 1_709_251_200_000, id = 4_237_542_425_963;
        foreach (var (price, qty, step, maker) in rows)
        {
            t += step;
            id += step;
            string m = maker ? "true" : "false";
            sb.Append(kind switch
            {
                0 => $"{I(id)},{D(price, 2)},{D(qty, 5)},{D(price * qty / 100_000, 2)},{I(t)},{m}\n",
                1 => $"{I(id)},{D(price, 2)},{D(qty, 5)},{I(id)},{I(id + 2)},{I(t)},{m},true\n",
                _ => $"{I(id)},{D(price, 2)},{D(qty, 5)},{D(price + step, 2)},{D(qty + 1, 5)},{I(t)},{I(t + 1)}\n",
            });
        }
        return sb.ToString();
    }

    /// <summary>A LOBSTER message file and its level-1 orderbook file, row for row.</summary>
    public static readonly Gen<(string Messages, string Book)> Lobster =
        from rows in Gen.Select(Gen.Int[1, 7], Gen.Long[1, 500], Gen.Long[-50, 50], Gen.Bool, Gen.Long[1, 1000]).Array[1, 40]
        select Lobsters(rows);

    private static (string, string) Lobsters((int Type, long Size, long Move, bool Buy, long Micros)[] rows)
    {
        var m = new StringBuilder();
        var b = new StringBuilder();
        long t = 34_200_000_000_000, bid = 5_853_300, ask = 5_859_100, order = 16_113_575;
        foreach (var (type, size, move, buy, micros) in rows)
        {
            t += micros * 1000;
            bid += move * 100;
            ask = Math.Max(bid + 100, ask + (move * 100));
            string time = $"{I(t / 1_000_000_000)}.{I(t % 1_000_000_000).PadLeft(9, '0')}";
            m.Append($"{time},{I(type)},{I(order++)},{I(size)},{I(buy ? bid : ask)},{(buy ? "1" : "-1")}\n");
            b.Append($"{I(ask)},{I(size)},{I(bid)},{I(size + 1)}\n");
        }
        return (m.ToString(), b.ToString());
    }

    /// <summary>A Lean quote file and trade file (ms after midnight, prices x 10000).</summary>
    public static readonly Gen<(string Quotes, string Trades)> Lean =
        from quotes in Gen.Select(Gen.Long[1, 1000], Gen.Long[0, 2_000_000], Gen.Long[0, 500], Gen.Int[0, 2], Gen.Bool).Array[1, 40]
        from trades in Gen.Select(Gen.Long[1, 1000], Gen.Long[1, 2_000_000], Gen.Long[1, 500]).Array[0, 20]
        select (LeanQuotes(quotes), LeanTrades(trades));

    private static string LeanQuotes((long Step, long Price, long Size, int Side, bool Suspicious)[] rows)
    {
        var sb = new StringBuilder();
        long t = 14_400_000;
        foreach (var (step, price, size, side, suspicious) in rows)
        {
            t += step;
            string bid = side != 1 ? $"{I(price)},{I(size)}" : "0,0", ask = side != 0 ? $"{I(price + 100)},{I(size)}" : "0,0";
            sb.Append($"{I(t)},{bid},{ask},P,1,{(suspicious ? "1" : "0")}\n");
        }
        return sb.ToString();
    }

    private static string LeanTrades((long Step, long Price, long Size)[] rows)
    {
        var sb = new StringBuilder();
        long t = 14_400_000;
        foreach (var (step, price, size) in rows)
        {
            t += step;
            sb.Append($"{I(t)},{I(price)},{I(size)},P,2000,0\n");
        }
        return sb.ToString();
    }

    /// <summary>Writes <paramref name="content"/> as the single entry of a zip.</summary>
    public static byte[] Zip(string entryName, byte[] content)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        using (var s = zip.CreateEntry(entryName).Open())
            s.Write(content);
        return ms.ToArray();
    }

    /// <summary>Gzips <paramref name="content"/>.</summary>
    public static byte[] Gzip(byte[] content)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(content);
        return ms.ToArray();
    }
}
