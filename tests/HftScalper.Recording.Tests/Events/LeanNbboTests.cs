using System.IO.Compression;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Events;
using HftScalper.Tests.Shared;

namespace HftScalper.Recording.Tests.Events;

/// <summary>
/// The Lean importer's NBBO comes from each venue's own top of book, not from the last non-zero bid and ask of any
/// venue: a venue replacing its quote, a venue withdrawing, two venues crossing and one venue's stale quote.
/// Prices in 1/10000 USD; each row one venue, one side (Lean/AlgoSeek).
/// </summary>
public sealed class LeanNbboTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hft-nbbo-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private List<(long Bid, long Ask)> Quotes(params string[] rows)
    {
        var path = Path.Combine(_dir, "20131007_quote.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        using (var w = new StreamWriter(zip.CreateEntry("20131007_xyz_Quote_Tick.csv").Open()))
            foreach (var r in rows) w.Write(r + "\n");
        using var src = new LeanTickSource([path], new SymbolRegistry());
        var list = new List<(long, long)>();
        while (src.TryRead(out MarketEvent e)) if (e.Kind == MarketEventKind.TopOfBook) list.Add((e.Price, e.AskPrice));
        return list;
    }

    [Fact]
    public void A_venue_replacing_its_bid_lowers_the_nbbo_when_it_was_the_best()
    {
        var q = Quotes("1000,1000000,100,0,0,P,0,0", "1001,999900,100,0,0,Q,0,0", "1002,0,0,1000300,100,P,0,0",
            "1003,999800,100,0,0,P,0,0");
        // Last non-zero bid would say 99.98; venue Q still bids 99.99.
        Assert.Equal([(1000000L, 1000300L), (999900L, 1000300L)], q);
    }

    [Fact]
    public void A_venue_withdrawing_its_bid_with_zero_size_leaves_the_other_venues()
    {
        var q = Quotes("1000,1000000,100,0,0,P,0,0", "1001,999900,100,0,0,Q,0,0", "1002,0,0,1000300,100,Q,0,0",
            "1003,1000000,0,0,0,P,0,0");
        Assert.Equal([(1000000L, 1000300L), (999900L, 1000300L)], q);
    }

    [Fact]
    public void A_newer_quote_crossing_another_venue_drops_the_stale_one()
    {
        // P's ask at 100.01 is stale: Q then bids 100.02. The newest quote is the market; P's ask goes, Z's ask remains.
        var q = Quotes("1000,1000000,100,0,0,P,0,0", "1001,0,0,1000100,100,P,0,0", "1002,0,0,1000500,100,Z,0,0",
            "1003,1000200,100,0,0,Q,0,0");
        Assert.Equal([(1000000L, 1000100L), (1000200L, 1000500L)], q);
    }

    [Fact]
    public void A_venue_whose_new_bid_crosses_its_own_older_ask_drops_that_ask()
    {
        var q = Quotes("1000,0,0,1000500,100,Z,0,0", "1001,1000000,100,0,0,P,0,0", "1002,0,0,1000100,100,P,0,0",
            "1003,1000200,100,0,0,P,0,0");
        Assert.Equal([(1000000L, 1000500L), (1000000L, 1000100L), (1000200L, 1000500L)], q);
    }

    [Fact]
    public void Two_venues_locking_each_other_never_give_a_locked_nbbo()
    {
        var q = Quotes("1000,1000000,100,0,0,P,0,0", "1001,0,0,1000100,100,Q,0,0", "1002,1000100,100,0,0,Z,0,0");
        Assert.All(q, x => Assert.True(x.Bid < x.Ask, $"{x}"));
        Assert.Equal((1000000L, 1000100L), q[0]);
    }
}

/// <summary>
/// The NBBO rebuilt on the shared IBM days (regular hours): the spread of a liquid large-cap is mostly a cent, where
/// keeping the last non-zero bid and ask of any venue gave a mode of 2-4 cents and a median of 3-5 (models/README).
/// </summary>
public sealed class LeanNbboRealDataTests
{
    [RequiresDataTheory]
    [InlineData("20131007")]
    [InlineData("20131008")]
    [InlineData("20131009")]
    public void The_ibm_nbbo_spread_is_mostly_one_cent(string day)
    {
        using var src = new LeanTickSource([TestData.Path("equity", "lean-ibm", day + "_quote.zip")], new SymbolRegistry());
        long midnight = new DateTimeOffset(DateOnly.ParseExact(day, "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(-4)).ToUnixTimeMilliseconds() * 1_000_000;
        var spreads = new List<long>();
        while (src.TryRead(out MarketEvent e))
        {
            long ms = (e.ExchangeTimeNs - midnight) / 1_000_000;
            if (e.Kind != MarketEventKind.TopOfBook || ms < 34_200_000 || ms >= 57_600_000) continue;
            Assert.True(e.AskPrice > e.Price, "an emitted NBBO is never locked or crossed");
            spreads.Add((e.AskPrice - e.Price) / 100);
        }
        spreads.Sort();
        var mode = spreads.GroupBy(s => s).MaxBy(g => g.Count())!.Key;
        long median = spreads[spreads.Count / 2];
        double oneCent = spreads.Count(s => s == 1) / (double)spreads.Count;
        Assert.True(mode == 1 && median <= 2 && oneCent > 0.35,
            $"{day}: {spreads.Count} quotes, mode {mode} c, median {median} c, one cent {oneCent:P1}, skipped {src.Stats.LockedOrCrossed}, stale dropped {src.StaleVenueQuotes}");
    }
}
