using System.IO.Compression;
using System.Text;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Events;
using HftScalper.Recording.Integrity;
using static HftScalper.Recording.Tests.Events.EventTestHelpers;

namespace HftScalper.Recording.Tests.Events;

/// <summary>Damage inside the zips and gzips of event formats (Lean ticks, Binance CSVs) is counted, never silent (issue 13).</summary>
public sealed class CompressedEventFileDamageTests
{
    private const string Quotes = "14400241,1800100,300,0,0,P,1,0\n14400300,0,0,1836300,100,Q,1,0\n";

    [Fact]
    public void A_lean_zip_whose_data_fails_its_crc_counts_a_crc_failure()
    {
        using var dir = new TempDir();
        string trades = dir.File("20131007_trade.zip");
        WriteStoredZip(trades, "20131007_ibm_Trade_Tick.csv", string.Concat(Enumerable.Range(0, 200).Select(i => $"{14400241 + i},1818000,500,P,2000,0\n")));
        WriteZip(dir.File("20131007_quote.zip"), "20131007_ibm_Quote_Tick.csv", Quotes);
        var bytes = File.ReadAllBytes(trades);
        int data = 30 + "20131007_ibm_Trade_Tick.csv".Length; // stored entry: its data follows the local header
        bytes[data + 100] = (byte)(bytes[data + 100] == (byte)'1' ? '2' : '1'); // a digit changes: still a valid row
        File.WriteAllBytes(trades, bytes);

        using var src = new LeanTickSource([trades, dir.File("20131007_quote.zip")], new SymbolRegistry());
        ReadAll(src);
        var damage = InputDamage.Of(src);

        Assert.Equal(1, damage.CrcFailures);
        Assert.Equal(1, damage.CorruptFiles);
        Assert.Contains("20131007_trade.zip", damage.FirstProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clean_lean_zip_reports_no_damage()
    {
        using var dir = new TempDir();
        WriteZip(dir.File("20131007_quote.zip"), "20131007_ibm_Quote_Tick.csv", Quotes);

        using var src = new LeanTickSource([dir.File("20131007_quote.zip")], new SymbolRegistry());
        ReadAll(src);

        Assert.False(InputDamage.Of(src).Any, InputDamage.Of(src).ToString());
    }

    [Fact]
    public void A_truncated_gzip_csv_counts_a_truncated_stream_and_its_bad_rows()
    {
        using var dir = new TempDir();
        string path = dir.File("BTCUSDT-trades-2024-08-08.csv.gz");
        using (var ms = new MemoryStream())
        {
            using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true))
                gz.Write(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i},61837.{i % 100:00},0.00{i % 9 + 1},{i * 7 % 1000}.5,1723161600{i % 1000:000},true,true\n"))));
            var bytes = ms.ToArray();
            File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        }

        using var src = new BinanceCsvSource(path, new SymbolRegistry());
        ReadAll(src);
        var damage = InputDamage.Of(src);

        Assert.Equal(1, damage.TruncatedStreams);
        Assert.True(src.Stats.Events > 0);
    }

    // A zip whose entry is stored (not deflated), so a changed byte is still read and only the CRC can tell.
    private static void WriteStoredZip(string path, string entryName, string content)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using var w = new StreamWriter(zip.CreateEntry(entryName, CompressionLevel.NoCompression).Open());
        w.Write(content);
    }
}
