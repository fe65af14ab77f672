using HftScalper.Cli.Commands.Replay;
using HftScalper.Core.Settings;
using HftScalper.Tests.Shared;
using HftScalper.Trading.Margin;

namespace HftScalper.Cli.Tests;

/// <summary>
/// <c>replay --market usdm</c> trades as USD-M futures: margin, funding and the mark source in <c>--json</c>, the
/// futures fee schedule; a spot run (the default) has none of these keys. The <c>futures</c> section of
/// <c>--config</c> is read and checked like the other sections.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReplayUsdMTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [RequiresDataFact]
    public void A_usdm_replay_of_the_cryptofeed_futures_sample_runs_end_to_end()
    {
        string[] files = [TestData.Path("binance", "cryptofeed", "BINANCE_FUTURES.http.0.0.gz"), TestData.Path("binance", "cryptofeed", "BINANCE_FUTURES.ws.1.0.gz")];
        var run = Hft.Run(["replay", .. files, "--market", "usdm", "--quiet", "--json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();
        Assert.True((long)o["events"]! > 1000, run.ToString());
        Assert.Equal(20, (int)o["margin"]!["leverage"]!);
        Assert.Equal("mid", (string?)o["markSource"]); // the recording has no markPrice stream
        Assert.Equal(0L, (long)o["funding"]!["payments"]!); // a few minutes cross no 00/08/16 UTC funding time
    }

    [Fact]
    public void A_usdm_recording_with_mark_price_frames_marks_at_the_recorded_mark_and_takes_its_funding_times()
    {
        string file = Path.Combine(_dir, "btcusdt-usdm.txt");
        File.WriteAllLines(file, MarkPriceRecording(depthUpdates: 40, markEvery: 10));

        var run = Hft.Run(["replay", file, "--market", "usdm", "--quiet", "--json"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();
        Assert.Equal(0L, (long)o["parseRejected"]!);
        Assert.Equal(0L, (long)o["gaps"]!);
        Assert.Equal("markPrice", (string?)o["markSource"]);
        Assert.Equal(4L, (long)o["markPrices"]!);
        Assert.Equal("markPrice", (string?)o["funding"]!["source"]);
    }

    [Fact]
    public void The_report_of_a_usdm_replay_shows_the_futures_settings_and_figures()
    {
        string file = Path.Combine(_dir, "btcusdt-usdm.txt");
        File.WriteAllLines(file, MarkPriceRecording(depthUpdates: 20, markEvery: 10));
        string report = Path.Combine(_dir, "report");

        var run = Hft.Run(["replay", file, "--market", "usdm", "--report", report, "--quiet"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        string html = File.ReadAllText(Path.Combine(report, "index.html"));
        Assert.Contains("USD-M futures", html, StringComparison.Ordinal);
        Assert.Contains("mark price max age 5000 ms", html, StringComparison.Ordinal);
        Assert.Contains("mark markPrice (2 mark prices, 0 stale)", html, StringComparison.Ordinal);
    }

    // A crafted USD-M raw-lines recording (<local ns> <frame>): a depth diff, the REST snapshot it chains onto, then
    // diffs chained by pu, with a markPriceUpdate frame every `markEvery` diffs (mark 29990.12345678, 0.01 %, next
    // funding the next 8-hour boundary), as `hft record --market usdm` journals them.
    internal static IEnumerable<string> MarkPriceRecording(int depthUpdates, int markEvery)
    {
        const long e0 = 1_700_000_000_000;
        string Line(long ms, string json) => $"{(ms + 5) * 1_000_000} {json}";
        string Depth(long ms, long id) =>
            $$$"""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":{{{ms}}},"T":{{{ms}}},"s":"BTCUSDT","U":{{{id}}},"u":{{{id}}},"pu":{{{id - 1}}},"b":[["30000.00","{{{1 + id % 7}}}.000"]],"a":[["30000.10","{{{1 + id % 5}}}.000"]]}}""";
        yield return Line(e0, Depth(e0, 100));
        yield return Line(e0 + 1, """{"lastUpdateId":100,"E":1700000000001,"T":1700000000001,"bids":[["30000.00","2.000"],["29999.90","3.000"]],"asks":[["30000.10","2.000"],["30000.20","3.000"]]}""");
        for (int i = 1; i <= depthUpdates; i++)
        {
            long ms = e0 + 100L * i;
            yield return Line(ms, Depth(ms, 100 + i));
            if (i % markEvery == 0)
                yield return Line(ms + 1, $$$"""{"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":{{{ms + 1}}},"s":"BTCUSDT","p":"29990.12345678","i":"29991.00000000","P":"29990.50000000","r":"0.00010000","T":1700006400000}}""");
        }
    }

    [Fact]
    public void A_usdm_simulator_run_holds_margin_and_a_spot_run_reports_none()
    {
        string config = Path.Combine(_dir, "usdm.json");
        // Zero fees: at VIP 0 the expected-value gate refuses every entry of the bundled model (its 2 s moves are well
        // under a round trip's fees), and this test needs positions to hold margin.
        File.WriteAllText(config, """{ "makerFeePpm": 0, "takerFeePpm": 0, "futures": { "marginMode": "Isolated", "leverage": 10 } }""");
        // A model that calls entries on the simulator's BTCUSDT (the default, behind its baseline gate, calls none).
        var usdm = Hft.Run(["replay", "--market", "usdm", "--sim-minutes", "2", "--config", config, "--model", BundledModels.Trading, "--quiet", "--json"]);
        Assert.True(usdm.ExitCode == 0, usdm.ToString());
        var o = usdm.SingleJson();
        Assert.True((long)o["orders"]! > 0, usdm.ToString());
        Assert.Equal("isolated", (string?)o["margin"]!["marginMode"]);
        Assert.True((double)o["margin"]!["maxInitialMarginUsed"]! > 0, usdm.ToString());
        // Isolated at 10x: the liquidation price is about 9.6 % from the entry (less the maintenance rate).
        Assert.InRange((double)o["margin"]!["minLiquidationDistanceBps"]!, 800, 1000);

        var spot = Hft.Run(["replay", "--sim-minutes", "2", "--quiet", "--json"]).SingleJson();
        Assert.Null(spot["margin"]);
        Assert.Null(spot["funding"]);
    }

    [Fact]
    public void A_usdm_replay_pays_the_futures_fee_schedule_unless_the_config_names_fees()
    {
        var usdm = Commands.ReplayCommand.MarketDefaults(new Engine.Composition.PipelineOptions { Venue = "binance-usdm" });
        Assert.Equal(new Trading.Execution.FeeSchedule(200, 500), usdm.Trading.Exchange.Fees);
        var spot = Commands.ReplayCommand.MarketDefaults(new Engine.Composition.PipelineOptions { Venue = "binance-spot" });
        Assert.Equal(Trading.Execution.FeeSchedule.BinanceSpotDefault, spot.Trading.Exchange.Fees);
        var configured = new RunConfig { TakerFeePpm = 400 }.Apply(usdm);
        Assert.Equal(new Trading.Execution.FeeSchedule(200, 400), configured.Trading.Exchange.Fees);
    }

    [Fact]
    public void The_futures_config_section_replaces_the_defaults_and_is_range_checked()
    {
        var applied = new RunConfig { Futures = new FuturesOptions { Leverage = 5 } }.Apply(new Engine.Composition.PipelineOptions());
        Assert.Equal(5, applied.Trading.Futures.Leverage);

        var e = Assert.Throws<SettingException>(() => new RunConfig { Futures = new FuturesOptions { Leverage = 200 } }.Apply(new Engine.Composition.PipelineOptions()));
        Assert.Contains("futures.leverage = 200", e.Message);
        var f = Assert.Throws<SettingException>(() => new RunConfig
        {
            Futures = new FuturesOptions { Funding = new FundingOptions { Rate = 0.5 } },
        }.Apply(new Engine.Composition.PipelineOptions()));
        Assert.Contains("futures.funding.rate", f.Message);
    }
}
