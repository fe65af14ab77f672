using HftScalper.Tests.Shared;

namespace HftScalper.Cli.Tests;

/// <summary>
/// <c>train</c> and <c>evaluate</c> read every market <c>replay</c> reads: a USD-M recording states its market (its
/// cryptofeed URL) and is replayed under the futures rule; a <c>--market</c> that contradicts a recording, an unknown
/// market and a <c>--compare</c> without models are refused before any replay, exit 2.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class EvaluateMarketTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Model => Path.Combine(TestData.RepoRoot, "models", "default.onnx");

    private static string[] UsdM => [TestData.Path("binance", "cryptofeed", "BINANCE_FUTURES.http.0.0.gz"), TestData.Path("binance", "cryptofeed", "BINANCE_FUTURES.ws.1.0.gz")];

    private static string[] CoinM => [TestData.Path("binance", "cryptofeed", "BINANCE_DELIVERY.http.0.0.gz"), TestData.Path("binance", "cryptofeed", "BINANCE_DELIVERY.ws.1.0.gz")];

    [RequiresDataFact]
    public void Evaluate_reads_a_usdm_recording_under_its_own_market()
    {
        var run = Hft.Run(["evaluate", "--model", Model, .. UsdM, "--sample", "250ms", "--json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();
        Assert.True((int)o["samples"]! > 50, run.ToString());
        var segment = o["segments"]!.AsArray().Single()!;
        Assert.Equal("usdm", (string?)segment["market"]);
        Assert.True((bool)segment["marketStated"]!);
    }

    [RequiresDataFact]
    public void Evaluate_with_market_usdm_given_reads_the_usdm_recording()
    {
        var run = Hft.Run(["evaluate", "--model", Model, .. UsdM, "--market", "usdm", "--sample", "250ms", "--json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True((int)run.SingleJson()["samples"]! > 50, run.ToString());
    }

    [RequiresDataFact]
    public void Evaluate_mixes_usdm_and_coinm_symbols_in_one_dataset()
    {
        var run = Hft.Run(["evaluate", "--model", Model, .. UsdM, .. CoinM, "--symbol", "all", "--sample", "250ms", "--json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var segments = run.SingleJson()["segments"]!.AsArray();
        Assert.Contains(segments, s => (string?)s!["market"] == "usdm");
        Assert.Contains(segments, s => (string?)s!["market"] == "coinm");
        Assert.True(segments.Count >= 8, run.ToString());
    }

    [RequiresDataFact]
    public void Evaluate_refuses_a_market_the_recording_contradicts() =>
        ContractAssert.InputError(["evaluate", "--model", Model, .. UsdM, "--market", "spot"], "is a usdm recording, but --market spot was given");

    [Fact]
    public void Train_refuses_an_unknown_market() =>
        ContractAssert.UsageError(["train", "--market", "futures", "--out", Path.Combine(_dir, "m.onnx")], "--market must be spot, usdm, coinm or us");

    [Fact]
    public void Evaluate_refuses_an_unknown_market() =>
        ContractAssert.UsageError(["evaluate", "--model", Model, "--market", "usd"], "--market must be spot, usdm, coinm or us");

    [Fact]
    public void Evaluate_without_a_model_says_how_to_give_one() =>
        ContractAssert.UsageError(["evaluate"], "give --model M, or --compare M1 M2");

    [Fact]
    public void Evaluate_compare_names_a_missing_model() =>
        ContractAssert.InputError(["evaluate", "--compare", Model, Path.Combine(_dir, "none.onnx")], "not found");

    [Fact]
    public void Evaluate_refuses_model_and_compare_together() =>
        ContractAssert.UsageError(["evaluate", "--model", Model, "--compare", Model], "exclude each other");

    [Fact]
    public void Evaluate_compare_refuses_two_horizons() =>
        ContractAssert.InputError(["evaluate", "--compare", Model, Model, "--horizon", "1s,2s"], "one --horizon");

    [Fact]
    public void Evaluate_compare_prints_models_side_by_side_as_json()
    {
        var run = Hft.Run(["evaluate", "--compare", Model, Model, "--sim-minutes", "2", "--json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();
        var models = o["models"]!.AsArray();
        Assert.Equal(2, models.Count);
        foreach (var m in models)
        {
            Assert.Equal((double)models[0]!["accuracy"]!, (double)m!["accuracy"]!);
            Assert.Equal((int)o["samples"]!, (int)m["samples"]!);
            Assert.True((double)m["latencyUs"]!["mean"]! > 0, run.ToString());
            Assert.True((double)m["latencyUs"]!["p99"]! > 0, run.ToString());
            Assert.NotNull(m["expectedCalibrationError"]);
        }
        Assert.NotNull(o["majorityBaseline"]);
        Assert.NotNull(o["persistenceBaseline"]);
    }
}
