using System.Text.Json.Nodes;
using HftScalper.Reporting.Fills;

namespace HftScalper.Cli.Tests;

/// <summary>PnL you can explain: the trades file, the attribution, the Sharpe basis and the report's summary.json, on
/// real replays of the simulator through the whole pipeline and the bundled model.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReplayExplainTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Zero fees: at VIP 0 the expected-value gate refuses every entry of the bundled model (its 2 s moves are well under
    // a round trip's fees); these tests need fills to explain.
    private JsonObject Replay(params string[] extra)
    {
        string config = Path.Combine(_dir, "zero-fees.json");
        File.WriteAllText(config, """{ "makerFeePpm": 0, "takerFeePpm": 0 }""");
        // A model that calls entries on the simulator's BTCUSDT (the default, behind its baseline gate, calls none).
        var run = Hft.Run(["replay", "--sim-minutes", "3", "--quiet", "--json", "--config", config, "--model", BundledModels.Trading, .. extra]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.SingleJson();
    }

    [Fact]
    public void The_trades_file_reads_back_the_same_fills_as_parquet_and_as_csv()
    {
        string parquet = Path.Combine(_dir, "fills.parquet"), csv = Path.Combine(_dir, "fills.csv");
        var a = Replay("--trades", parquet);
        var b = Replay("--trades", csv);

        var (fromParquet, horizons) = TradesFile.Read(parquet);
        var (fromCsv, _) = TradesFile.Read(csv);

        Assert.Equal(a["digest"]!.GetValue<string>(), b["digest"]!.GetValue<string>());
        Assert.NotEmpty(fromParquet);
        Assert.Equal([1.0, 5.0, 30.0], horizons);
        Assert.Equal(fromParquet, fromCsv);
        Assert.Equal(a["tradesFile"]!["rows"]!.GetValue<int>(), fromParquet.Count);
        Assert.Equal(a["attribution"]!["fills"]!.GetValue<long>(), fromParquet.Count);
        Assert.Equal("parquet", a["tradesFile"]!["format"]!.GetValue<string>());
        Assert.Equal("csv", b["tradesFile"]!["format"]!.GetValue<string>());
        Assert.Contains(fromParquet, r => !double.IsNaN(r.PUp)); // the bundled model scored the entries
        Assert.Contains(fromParquet, r => !double.IsNaN(r.MarkoutBps[0]));
        Assert.All(fromParquet, r => Assert.True(r.Price > 0 && r.Quantity > 0 && r.Symbol == "BTCUSDT" && r.Side is "buy" or "sell"));
    }

    [Fact]
    public void Attribution_terms_sum_to_the_net_pnl_and_summary_json_holds_the_json_keys()
    {
        string report = Path.Combine(_dir, "report");
        var o = Replay("--report", report);

        var a = o["attribution"]!.AsObject();
        double pnl = o["pnl"]!.GetValue<double>();
        double sum = 0;
        foreach (var term in new[] { "spreadCaptured", "adverseSelection", "inventory", "closeOut", "fees", "funding" }) sum += a[term]!.GetValue<double>();
        Assert.True(o["trades"]!.GetValue<long>() > 0, "the run made no trade");
        Assert.Equal(pnl, a["pnl"]!.GetValue<double>());
        Assert.True(Math.Abs(pnl - sum) < 1e-6, $"terms sum to {sum}, PnL is {pnl}");
        Assert.Equal(-a["feesPaid"]!.GetValue<double>(), a["fees"]!.GetValue<double>());
        Assert.Equal(0, a["funding"]!.GetValue<double>());
        Assert.Equal(pnl + a["feesPaid"]!.GetValue<double>(), a["grossPnl"]!.GetValue<double>(), 9);

        // Three minutes of data: not annualised, and said so.
        Assert.Equal("perTrade", o["sharpeBasis"]!.GetValue<string>());
        Assert.False(o["sharpeAnnualised"]!.GetValue<bool>());
        Assert.Contains("too short to annualise", o["sharpeNote"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(o["stopReason"]!.GetValue<string>()));

        var saved = JsonNode.Parse(File.ReadAllText(Path.Combine(report, "summary.json")))!.AsObject();
        Assert.Equal(o.Select(p => p.Key).Order(), saved.Select(p => p.Key).Order());
        string html = File.ReadAllText(Path.Combine(report, "index.html"));
        Assert.Contains("<svg", html);
        Assert.Contains("PnL attribution", html);
        Assert.Contains("Risk verdicts", html);
        Assert.DoesNotContain("<script", html);
    }
}
