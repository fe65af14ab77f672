using HftScalper.Inference.Contracts;
using HftScalper.Simulator;
using HftScalper.Tests.Shared;
using HftScalper.Training.Data;

namespace HftScalper.Training.Tests;

/// <summary>
/// Datasets read every Binance market: each recording's stated market (cryptofeed URL host, a futures depth diff's
/// <c>pu</c>, a COIN-M contract suffix) picks its depth rule, and a dataset mixing markets and symbols keeps one mid
/// path per symbol, segments end to end a day apart, so no label reads another symbol's price.
/// </summary>
public sealed class DatasetMarketTests
{
    [Theory]
    [InlineData("wss://fstream.binance.com/stream?streams=btcusdt@depth@100ms <-> 1626992740.1", "usdm")]
    [InlineData("https://dapi.binance.com/dapi/v1/depth?symbol=BCHUSD_PERP&limit=1000 -> 1626916404.5: {}", "coinm")]
    [InlineData("wss://stream.binance.com:9443/stream?streams=nknusdt@depth@100ms <-> 1633998511.1", "spot")]
    [InlineData("1723161253937085768 {\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\",\"U\":1,\"u\":2}}", "spot")]
    [InlineData("1723161253937085768 {\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\",\"U\":1,\"u\":2,\"pu\":0}}", "usdm")]
    [InlineData("1723161253937085768 {\"stream\":\"btcusd_perp@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"s\":\"BTCUSD_PERP\",\"U\":1,\"u\":2,\"pu\":0}}", "coinm")]
    public void A_recording_states_its_market(string firstLine, string market) =>
        Assert.Equal(market, ReplayMarket.FromText(firstLine)?.Name);

    [Theory]
    [InlineData("1723161253937085768 {\"stream\":\"btcusdt@bookTicker\",\"data\":{\"u\":1,\"s\":\"BTCUSDT\"}}")]
    [InlineData("wss://example.org/feed <-> 1.0")]
    public void A_recording_that_states_no_market_detects_none(string firstLine) =>
        Assert.Null(ReplayMarket.FromText(firstLine));

    [RequiresDataFact]
    public void The_shared_cryptofeed_files_state_their_markets()
    {
        string D(string f) => TestData.Path("binance", "cryptofeed", f);
        Assert.Equal("usdm", ReplayMarket.Detect(D("BINANCE_FUTURES.ws.1.0.gz"))?.Name);
        Assert.Equal("usdm", ReplayMarket.Detect(D("BINANCE_FUTURES.http.0.0.gz"))?.Name);
        Assert.Equal("coinm", ReplayMarket.Detect(D("BINANCE_DELIVERY.ws.1.0.gz"))?.Name);
        Assert.Equal("spot", ReplayMarket.Detect(D("BINANCE.ws.1.0.gz"))?.Name);
        Assert.Equal("spot", ReplayMarket.Detect(TestData.BinanceSpotBtcusdt[0])?.Name);
    }

    [RequiresDataFact]
    public void A_usdm_recording_gives_samples()
    {
        var data = ReplayDataset.Build([TestData.Path("binance", "cryptofeed", "BINANCE_FUTURES.http.0.0.gz"), TestData.Path("binance", "cryptofeed", "BINANCE_FUTURES.ws.1.0.gz")],
            SimulatorOptions.Default, 250_000_000, log: _ => { });
        Assert.True(data.Samples.Rows > 50, $"{data.Samples.Rows} samples, unsynced {data.Unsynced}");
        Assert.Equal("usdm", data.Segments.Single().Input!.MarketName);
    }

    [RequiresDataFact]
    public void A_dataset_mixing_spot_usdm_and_coinm_labels_each_symbol_on_its_own_path()
    {
        string D(string f) => TestData.Path("binance", "cryptofeed", f);
        var data = ReplayDataset.Build([D("BINANCE_FUTURES.http.0.0.gz"), D("BINANCE_FUTURES.ws.1.0.gz"), D("BINANCE_DELIVERY.http.0.0.gz"), D("BINANCE_DELIVERY.ws.1.0.gz"),
            .. TestData.BinanceSpotBtcusdt], SimulatorOptions.Default, 250_000_000, "all", log: _ => { });
        var markets = data.Segments.Select(s => s.Input!.MarketName).Distinct().ToList();
        Assert.Equal(["usdm", "coinm", "spot"], markets);
        Assert.Equal(data.Segments.Sum(s => s.Builder.Samples.Rows), data.Samples.Rows);
        var times = data.Samples.TimesNs;
        for (int i = 1; i < times.Length; i++) Assert.True(times[i] >= times[i - 1], $"sample {i} goes back in time");
        var labels = data.Label([TimeSpan.FromSeconds(2)], new MoveThreshold(0, false)).At(TimeSpan.FromSeconds(2));
        int row = 0;
        for (int k = 0; k < data.Segments.Count; k++)
        {
            var s = data.Segments[k];
            var own = new Labels.LabeledDataset(s.Builder.Samples, s.Builder.Decisions, [TimeSpan.FromSeconds(2)], new MoveThreshold(0, false)).At(TimeSpan.FromSeconds(2));
            Assert.Equal(own.Classes, labels.Classes.AsSpan(row, own.Classes.Length).ToArray());
            Assert.Equal(own.Persistence, labels.Persistence.AsSpan(row, own.Classes.Length).ToArray());
            if (k + 1 < data.Segments.Count && s.Builder.Samples.Rows > 0)
                Assert.True(labels.EndTimesNs[row + own.Classes.Length - 1] < data.Segments[k + 1].StartNs, $"segment {k}'s labels reach into the next");
            row += own.Classes.Length;
        }
    }
}
