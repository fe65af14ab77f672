using HftScalper.Engine.Pipeline;
using HftScalper.Reporting.Fills;

namespace HftScalper.Reporting.Tests;

/// <summary>
/// A COIN-M account's amounts are fractions of a coin: the report and the text summary print them readably and say
/// which asset they are in. At a fixed four decimals a 1 BTC run's fees (8.3e-5 BTC), PnL, every attribution term and
/// every trade's PnL printed as 0.0000 under "Contributions in quote currency" (the quote of an inverse contract is USD).
/// </summary>
public sealed class CoinAmountsReportTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "hft-coin-report-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    // The cryptofeed BINANCE_DELIVERY capture's BTC run (--no-model, 1 BTC): its figures as replay --json printed them.
    private static RunSummary CoinRun() => RunStatistics.Summarize(new RunRecorder(), new RunCounters()) with
    {
        Pnl = -8.05173e-5,
        Fees = 8.27629e-5,
        StartingEquity = 1,
        FinalEquity = 0.9999194827,
        MaxDrawdownAbs = 8.05173e-5,
        Attribution = new PnlAttribution
        {
            Pnl = -8.05173e-5, SpreadCaptured = -1.1e-6, AdverseSelection = 2.7e-6, Inventory = 0.6e-6, Fees = -8.27629e-5,
            FeesPaid = 8.27629e-5, GrossPnl = 2.2456e-6, Notional = 0.165524, Fills = 15,
        },
    };

    [Fact]
    public void The_report_prints_a_coin_accounts_amounts_and_names_the_coin()
    {
        var run = new RunRecorder();
        run.OnRoundTrip(new RoundTrip { SymbolId = 0, Direction = 1, EntryPriceTicks = 326234, ExitPriceTicks = 326233, QuantityLots = 11, GrossPnl = -1.0336e-7, Fees = 3.3716e-6 });

        string html = File.ReadAllText(HtmlReportWriter.Write(_dir, CoinRun(), run, new ReportContext { AccountAsset = "BTC" }));

        Assert.Contains("Contributions in BTC;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("quote currency", html, StringComparison.Ordinal);
        Assert.Contains("<td>PnL after fees (fees), BTC</td><td>-8.052E-05 (8.276E-05)</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>equity start / end, BTC</td><td>1 / 0.9999194827</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>fees</td><td>-8.276E-05</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>gross PnL (before fees)</td><td>2.246E-06</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>-1.034E-07</td><td>3.372E-06</td><td>-3.475E-06</td>", html, StringComparison.Ordinal); // the trade row
        Assert.DoesNotContain(">-0.0000<", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_text_summary_prints_a_coin_accounts_amounts_with_the_coin_and_a_usdt_run_as_before()
    {
        string coin = RunSummaryText.Format(CoinRun(), "BTC");
        var usdt = CoinRun() with { Pnl = -17.1469605, Fees = 18.5746094, StartingEquity = 100_000, FinalEquity = 99_982.8530395, MaxDrawdownAbs = 17.98 };

        Assert.Contains("PnL                  -8.052E-05 BTC after 8.276E-05 BTC fees (equity 1 -> 0.9999194827 BTC)\n", coin, StringComparison.Ordinal);
        Assert.Contains("(8.052E-05 BTC)\n", coin, StringComparison.Ordinal);
        Assert.Contains("PnL                  -17.1470 after 18.5746 fees (equity 100000.00 -> 99982.85)\n", RunSummaryText.Format(usdt with { Attribution = new() }), StringComparison.Ordinal);
    }

    [Fact]
    public void Pnl_after_fees_names_every_fills_fees_not_only_the_closed_round_trips()
    {
        // The cryptofeed spot capture, --no-model: a position open at the end paid 0.0537 of entry fees outside any round trip.
        var s = CoinRun() with
        {
            Pnl = -11.557769, Fees = 7.025797, StartingEquity = 100_000, FinalEquity = 99_988.442231,
            Attribution = new PnlAttribution { Pnl = -11.557769, FeesPaid = 7.079469, Fees = -7.079469, GrossPnl = -4.4783, Fills = 29 },
        };

        Assert.Contains("PnL                  -11.5578 after 7.0795 fees", RunSummaryText.Format(s), StringComparison.Ordinal);
        string html = File.ReadAllText(HtmlReportWriter.Write(_dir, s, new RunRecorder(), new ReportContext { AccountAsset = "USDT" }));
        Assert.Contains("<td>PnL after fees (fees), USDT</td><td>-11.5578 (7.0795)</td>", html, StringComparison.Ordinal);
    }
}
