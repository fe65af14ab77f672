using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using HftScalper.Recording.Journal;

namespace HftScalper.Cli.Tests;

/// <summary>
/// An event journal converted from Lean equity ticks states the recording's own venue (<c>generic</c>), not a Binance
/// market: its header said <c>binance-spot</c>, so replay read it as a spot recording (it refused <c>--market usdm</c>,
/// which its Lean files take, and train/evaluate grouped it with spot recordings) where the Lean files state none.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConvertEquityJournalTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_journal_of_lean_ticks_states_their_venue_and_replays_as_they_do()
    {
        string[] lean = LeanDay();
        string journal = Path.Combine(_dir, "events");
        var convert = Hft.Run(["convert", .. lean, "--out", journal, "--to", "events"]);
        Assert.True(convert.ExitCode == 0, convert.ToString());

        Assert.Equal("generic", JournalDirectory.ReadHeader(journal)!.Venue);
        var direct = Replay([.. lean, "--no-model"]);
        Assert.True((long)direct["decisions"]! > 0);
        Assert.Equal(direct["digest"]!.ToString(), Replay(journal, "--no-model")["digest"]!.ToString());
        // A market given applies to the journal as to its Lean files (USD-M fees), not refused as contradicting "spot".
        var usdm = Replay([.. lean, "--no-model", "--market", "usdm"]);
        var journalUsdm = Replay(journal, "--no-model", "--market", "usdm");
        Assert.Equal(usdm["digest"]!.ToString(), journalUsdm["digest"]!.ToString());
        Assert.Equal((double)usdm["fees"]!, (double)journalUsdm["fees"]!);
    }

    private static JsonObject Replay(params string[] args)
    {
        var run = Hft.Run(["replay", .. args, "--quiet", "--json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.SingleJson();
    }

    // One crafted Lean day of IBM: 20 minutes of two-sided quotes on a seeded random walk, and a trade every few quotes.
    private string[] LeanDay()
    {
        var rng = new Random(7);
        var quotes = new StringBuilder();
        var trades = new StringBuilder();
        long bid = 1_800_000; // 180.0000 at Lean's 4 price decimals
        for (int i = 0; i < 6000; i++)
        {
            long ms = 34_200_000 + i * 200L; // from 09:30 US/Eastern
            bid += rng.Next(-1, 2) * 100;
            long ask = bid + 100 * rng.Next(1, 3);
            quotes.Append(CultureInfo.InvariantCulture, $"{ms},{bid},{rng.Next(1, 20) * 100},{ask},{rng.Next(1, 20) * 100},P,1,0\n");
            if (i % 5 == 4) trades.Append(CultureInfo.InvariantCulture, $"{ms + 50},{(rng.Next(2) == 0 ? bid : ask)},100,P,2000,0\n");
        }
        return [Zip("20131007_quote.zip", "20131007_ibm_Quote_Tick.csv", quotes), Zip("20131007_trade.zip", "20131007_ibm_Trade_Tick.csv", trades)];
    }

    private string Zip(string name, string entry, StringBuilder content)
    {
        string dir = Path.Combine(_dir, name + ".d");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, entry), content.ToString());
        string zip = Path.Combine(_dir, name);
        ZipFile.CreateFromDirectory(dir, zip);
        return zip;
    }
}
