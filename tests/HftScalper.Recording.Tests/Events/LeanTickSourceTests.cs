using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Events;
using HftScalper.Tests.Shared;
using static HftScalper.Recording.Tests.Events.EventTestHelpers;

namespace HftScalper.Recording.Tests.Events;

public sealed class LeanTickSourceTests
{
    [Fact]
    public void Rebuilds_nbbo_from_one_sided_rows_skips_crossed_and_suspicious_and_merges_trades_in_time()
    {
        using var dir = new TempDir();
        WriteZip(dir.File("20131007_quote.zip"), "20131007_ibm_Quote_Tick.csv",
            "14400054,0,0,1836300,100,Q,1,0\n" +          // ask only: no NBBO yet
            "14400241,1800100,300,0,0,P,1,0\n" +          // bid arrives: first quote
            "14400300,1840000,100,0,0,P,1,0\n" +          // P bids above Q's older ask: Q's ask is stale and dropped (no ask left)
            "14400400,1810000,200,0,0,P,1,1\n" +          // suspicious: skipped
            "14400500,1810000,200,0,0,P,1,0\n" +          // still no ask
            "14400600,0,0,1836300,100,Q,1,0\n");          // Q quotes again: valid
        WriteZip(dir.File("20131007_trade.zip"), "20131007_ibm_Trade_Tick.csv",
            "14400241,1818000,500,P,2000,0\n" +           // same ms as the first quote: the quote comes first
            "14400450,1818100,100,P,2000,0\n");

        using var src = new LeanTickSource([dir.File("20131007_trade.zip"), dir.File("20131007_quote.zip")], new SymbolRegistry());
        var ev = ReadAll(src);

        long midnight = new DateTimeOffset(2013, 10, 7, 0, 0, 0, TimeSpan.FromHours(-4)).ToUnixTimeMilliseconds() * Ms;
        Assert.Equal("IBM", src.Symbol.Name);
        Assert.Equal([MarketEventKind.TopOfBook, MarketEventKind.Trade, MarketEventKind.Trade, MarketEventKind.TopOfBook], ev.Select(e => e.Kind));
        Assert.Equal((1800100L, 300L, 1836300L, 100L), (ev[0].Price, ev[0].Quantity, ev[0].AskPrice, ev[0].AskQuantity));
        Assert.Equal(midnight + 14400241L * Ms, ev[0].ExchangeTimeNs);
        Assert.Equal((1818000L, 500L), (ev[1].Price, ev[1].Quantity));
        Assert.Equal((1810000L, 200L, 1836300L), (ev[3].Price, ev[3].Quantity, ev[3].AskPrice));
        Assert.Equal(3, src.Stats.LockedOrCrossed); // no bid yet, then no ask twice (the stale ask dropped)
        Assert.Equal(1, src.StaleVenueQuotes);
        Assert.Equal(1, src.Stats.Suspicious);
    }

    [RequiresDataFact]
    public void Real_ibm_days_replay_in_time_order_with_valid_quotes_only()
    {
        var files = Directory.GetFiles(TestData.Path("equity", "lean-ibm"), "*.zip");
        using var src = new LeanTickSource(files, new SymbolRegistry());

        var eastern = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        long last = long.MinValue, quotes = 0, trades = 0;
        var days = new HashSet<DateOnly>();
        while (src.TryRead(out var e))
        {
            Assert.True(e.ExchangeTimeNs >= last, $"out of order at event {quotes + trades}");
            last = e.ExchangeTimeNs;
            if (e.Kind == MarketEventKind.TopOfBook)
            {
                Assert.True(e.Price > 0 && e.Price < e.AskPrice, e.ToString());
                quotes++;
            }
            else
            {
                Assert.Equal(MarketEventKind.Trade, e.Kind);
                trades++;
            }
            if ((quotes + trades) % 500 != 0) continue;
            var et = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(e.ExchangeTimeNs / Ms), eastern);
            Assert.InRange(et.Hour, 4, 20);
            days.Add(DateOnly.FromDateTime(et.DateTime));
        }

        Assert.Equal(3, days.Count);
        Assert.True(quotes > 50_000, $"quotes={quotes}");
        Assert.True(trades > 10_000, $"trades={trades}");
        Assert.Equal(0, src.Stats.BadRows);
        // With the last non-zero bid and ask of any venue 0.3-1 % of states were locked or crossed; the per-venue NBBO
        // drops the stale quote instead, leaving only states with one side still empty (models/README: ~0.05 %).
        double skippedShare = src.Stats.LockedOrCrossed / (double)src.Stats.Rows;
        Assert.InRange(skippedShare, 0.0, 0.005);
        Assert.True(src.StaleVenueQuotes > 1000, $"stale venue quotes {src.StaleVenueQuotes}");
    }
}
