using System.Text.Json.Nodes;

namespace HftScalper.Cli.Tests;

/// <summary><c>hft replay --baselines</c>: the rule-based fallback and the no-information maker replay the same
/// simulator events beside the model, through the real pipeline, without touching the run's decisions.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReplayBaselinesTests : IDisposable
{
    private static readonly string[] Strategies = ["model", "fallback", "noInformationMaker"];
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Zero fees: the model's entries clear the expected-value gate and every strategy's fills can be compared.
    private JsonObject Replay(params string[] extra)
    {
        string config = Path.Combine(_dir, "zero-fees.json");
        File.WriteAllText(config, """{ "makerFeePpm": 0, "takerFeePpm": 0 }""");
        var run = Hft.Run(["replay", "--sim-minutes", "2", "--quiet", "--json", "--config", config, .. extra]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.SingleJson();
    }

    private static JsonObject Strategy(JsonObject run, string name) =>
        run["baselines"]!["strategies"]!.AsArray().Single(s => s!["strategy"]!.GetValue<string>() == name)!.AsObject();

    [Fact]
    public void Baselines_leave_the_run_s_digest_unchanged_and_are_deterministic()
    {
        var plain = Replay();
        var first = Replay("--baselines");
        var second = Replay("--baselines");

        Assert.Null(plain["baselines"]);
        Assert.Equal(plain["digest"]!.GetValue<string>(), first["digest"]!.GetValue<string>());
        Assert.Equal(plain["orders"]!.GetValue<long>(), first["orders"]!.GetValue<long>());
        Assert.Equal(plain["pnl"]!.GetValue<double>(), first["pnl"]!.GetValue<double>());
        // The model row is the run itself; the baselines' own digests differ from it and repeat run to run.
        Assert.Equal(first["digest"]!.GetValue<string>(), Strategy(first, "model")["digest"]!.GetValue<string>());
        foreach (var name in Strategies)
        {
            var a = Strategy(first, name);
            var b = Strategy(second, name);
            Assert.Equal(a.ToJsonString(), b.ToJsonString());
        }
        // The intervals and verdicts are figures of the run: the same twice.
        Assert.Equal(first["baselines"]!["comparisons"]!.ToJsonString(), second["baselines"]!["comparisons"]!.ToJsonString());
        Assert.NotEqual(first["digest"]!.GetValue<string>(), Strategy(first, "fallback")["digest"]!.GetValue<string>());
        Assert.NotEqual(first["digest"]!.GetValue<string>(), Strategy(first, "noInformationMaker")["digest"]!.GetValue<string>());
    }

    [Fact]
    public void Each_baseline_trades_at_zero_fees_and_reports_every_key()
    {
        var o = Replay("--baselines");
        var baselines = o["baselines"]!.AsObject();
        Assert.True(baselines["horizonSeconds"]!.GetValue<double>() > 0);
        Assert.Equal(Strategies, baselines["strategies"]!.AsArray().Select(s => s!["strategy"]!.GetValue<string>()));
        foreach (var name in Strategies)
        {
            var s = Strategy(o, name);
            foreach (var key in new[] { "orders", "fills", "makerShare", "grossPnl", "fees", "netPnl", "markouts", "markoutAtHorizon",
                "breakEvenFeeRate", "breakEvenFeeBps", "netPnlAt", "stopReason", "stopReasonText", "digest" })
                Assert.True(s[key] is not null, $"{name} has no {key}: {s.ToJsonString()}");
            Assert.Equal([1.0, 5.0, 30.0], s["markouts"]!.AsArray().Select(m => m!["horizonSeconds"]!.GetValue<double>()));
            foreach (var tier in new[] { "run", "spot-vip0", "usdm-vip0", "usdm-vip0-maker" }) Assert.NotNull(s["netPnlAt"]![tier]);
            // Zero fees: net equals gross, and re-pricing the same fills at USD-M VIP 0 can only cost.
            Assert.Equal(s["grossPnl"]!.GetValue<double>(), s["netPnl"]!.GetValue<double>(), tolerance: 1e-6);
            Assert.True(s["netPnlAt"]!["usdm-vip0"]!["netPnl"]!.GetValue<double>() <= s["netPnl"]!.GetValue<double>() + 1e-9);
            // Re-pricing the same fills: a flat rate costs rate x notional (spot VIP 0 0.1 %, USD-M VIP 0 maker 0.02 %).
            double gross = s["grossPnl"]!.GetValue<double>(), notional = s["notional"]!.GetValue<double>();
            Assert.Equal(gross - 0.001 * notional, s["netPnlAt"]!["spot-vip0"]!["netPnl"]!.GetValue<double>(), tolerance: 1e-3);
            Assert.Equal(gross - 0.0002 * notional, s["netPnlAt"]!["usdm-vip0-maker"]!["netPnl"]!.GetValue<double>(), tolerance: 1e-3);
        }
        Assert.True(Strategy(o, "fallback")["fills"]!.GetValue<long>() > 0, Strategy(o, "fallback").ToJsonString());
        var maker = Strategy(o, "noInformationMaker");
        Assert.True(maker["fills"]!.GetValue<long>() > 0, maker.ToJsonString());
        Assert.True(maker["makerShare"]!.GetValue<double>() > 0, maker.ToJsonString());
        Assert.Equal(o["attribution"]!["fills"]!.GetValue<long>(), Strategy(o, "model")["fills"]!.GetValue<long>());
    }

    private static readonly string[] Verdicts = ["better", "worse", "notDistinguishable", "tooFewSamples", "mixed"];

    // Is the model's lead distinguishable from noise? Intervals per strategy, model-minus-baseline comparisons with verdicts,
    // in --json, in summary.json (the same object) and one text line per comparison.
    [Fact]
    public void Baselines_report_intervals_and_a_verdict_per_comparison_in_json_summary_json_and_text()
    {
        string report = Path.Combine(_dir, "report");
        var o = Replay("--baselines", "--report", report);
        var baselines = o["baselines"]!.AsObject();

        var method = baselines["uncertainty"]!.AsObject();
        Assert.Equal(10 * baselines["horizonSeconds"]!.GetValue<double>(), method["bucketSeconds"]!.GetValue<double>(), 9);
        Assert.Equal(10, method["minClusters"]!.GetValue<int>());
        foreach (var name in Strategies)
        {
            var s = Strategy(o, name);
            var m = s["markoutAtHorizonInterval"]!.AsObject();
            foreach (var key in new[] { "fills", "clusters", "meanBps", "stdErrBps", "lowBps", "highBps" }) Assert.True(m.ContainsKey(key), $"{name}: {m.ToJsonString()}");
            var g = s["grossPnlInterval"]!.AsObject();
            foreach (var key in new[] { "buckets", "grossPnl", "atMid", "stdErr", "low", "high" }) Assert.True(g.ContainsKey(key), $"{name}: {g.ToJsonString()}");
            Assert.Equal(s["markoutAtHorizon"]!["resolved"]!.GetValue<long>(), m["fills"]!.GetValue<long>());
            if (m["meanBps"] is { } mean) Assert.Equal(s["markoutAtHorizon"]!["meanBps"]!.GetValue<double>(), mean.GetValue<double>(), 3);
            if (m["lowBps"] is { } low) Assert.True(low.GetValue<double>() <= m["highBps"]!.GetValue<double>());
            Assert.Equal(s["grossPnl"]!.GetValue<double>(), g["grossPnl"]!.GetValue<double>(), 6);
        }
        var comparisons = baselines["comparisons"]!.AsArray();
        Assert.Equal(["fallback", "noInformationMaker"], comparisons.Select(c => c!["baseline"]!.GetValue<string>()));
        foreach (var c in comparisons)
        {
            Assert.Equal("model", c!["strategy"]!.GetValue<string>());
            Assert.Contains(c["verdict"]!.GetValue<string>(), Verdicts);
            Assert.Contains(c["markoutAtHorizon"]!["verdict"]!.GetValue<string>(), Verdicts);
            Assert.Contains(c["grossPnl"]!["verdict"]!.GetValue<string>(), Verdicts);
            double gross = Strategy(o, "model")["grossPnl"]!.GetValue<double>() - Strategy(o, c["baseline"]!.GetValue<string>())["grossPnl"]!.GetValue<double>();
            Assert.Equal(gross, c["grossPnl"]!["difference"]!.GetValue<double>(), 5);
            foreach (var key in new[] { "stdErr", "low", "high", "buckets" }) Assert.True(c["grossPnl"]!.AsObject().ContainsKey(key));
            foreach (var key in new[] { "differenceBps", "stdErrBps", "lowBps", "highBps", "clusters", "fills" }) Assert.True(c["markoutAtHorizon"]!.AsObject().ContainsKey(key));
        }
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(report, "summary.json")))!;
        Assert.Equal(comparisons.ToJsonString(), summary["baselines"]!["comparisons"]!.ToJsonString());

        string config = Path.Combine(_dir, "zero-fees.json");
        var text = Hft.Run(["replay", "--sim-minutes", "2", "--quiet", "--config", config, "--baselines"]);
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("model vs fallback: markout ", text.Stdout);
        Assert.Contains("model vs noInformationMaker: markout ", text.Stdout);
        Assert.Contains("95 % intervals, cluster-robust", text.Stdout);
    }

    // COIN-M: re-pricing a strategy's fills at the run's own fees must give its net. The maker notional had been price x
    // contracts (USD) beside the coin notional of the attribution: the no-information maker's -1.1e-5 BTC came out +48.93 BTC.
    [Fact]
    public void Coin_m_fills_re_priced_at_the_run_s_own_fees_give_the_run_s_net()
    {
        string config = Path.Combine(_dir, "coin.json");
        File.WriteAllText(config, """{ "initialEquity": 1 }""");
        var run = Hft.Run(["replay", "--sim-minutes", "2", "--quiet", "--json", "--market", "coinm", "--sim-symbols", "btcusd_perp", "--no-model",
            "--baselines", "--config", config]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();

        Assert.Equal("BTC", o["accountAsset"]!.GetValue<string>());
        Assert.True(Strategy(o, "noInformationMaker")["makerFills"]!.GetValue<long>() > 0);
        foreach (var name in Strategies)
        {
            var s = Strategy(o, name);
            double net = s["netPnl"]!.GetValue<double>(), fees = s["fees"]!.GetValue<double>();
            double atRun = s["netPnlAt"]!["run"]!["netPnl"]!.GetValue<double>();
            Assert.True(Math.Abs(atRun - net) <= 0.01 * fees + 1e-9, $"{name}: net {net}, re-priced at the run's fees {atRun}, fees {fees}");
            Assert.InRange(s["notional"]!.GetValue<double>(), 0, 10); // coin amounts of a 1 BTC account, not USD
        }
    }
}
