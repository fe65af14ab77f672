namespace HftScalper.Cli.Tests.Data;

/// <summary>
/// What <c>hft data download</c> brings in replays directly: USD-M futures trades, aggTrades and bookTicker archives
/// (header rows, the futures columns) fetched from a local server laid out like data.binance.vision feed
/// <c>hft replay</c> as they are; bookDepth and klines, which cannot drive a book, are refused with a reason.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class DownloadedDataReplayTests : IDisposable
{
    private readonly LocalVision _vision = new();

    private VisionServer Server => _vision.Server;

    private string Site => _vision.Site;

    private string Out => _vision.Out;

    public void Dispose() => _vision.Dispose();

    private string[] Download(string kind, string market = "usdm", params string[] extra)
    {
        var run = Hft.Run(["data", "download", "--market", market, "--kind", kind, "--symbol", "BTCUSDT", "--from", "2024-01-01",
            "--base-url", Server.BaseUrl, "--out", Out, "--json", .. extra]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return [.. run.SingleJson()["paths"]!.AsArray().Select(p => (string)p!)];
    }

    [Fact]
    public void Downloaded_futures_trades_aggTrades_and_bookTicker_replay_every_row()
    {
        VisionSite.Publish(Site, "futures/um/daily/bookTicker/BTCUSDT", "BTCUSDT-bookTicker-2024-01-01.zip", VisionSite.FuturesBookTicker(0, 400));
        VisionSite.Publish(Site, "futures/um/daily/aggTrades/BTCUSDT", "BTCUSDT-aggTrades-2024-01-01.zip", VisionSite.FuturesAggTrades(0, 300));
        VisionSite.Publish(Site, "futures/um/daily/trades/BTCUSDT", "BTCUSDT-trades-2024-01-01.zip", VisionSite.FuturesTrades(0, 200));
        string[] files = [.. Download("bookTicker"), .. Download("aggTrades"), .. Download("trades")];
        Assert.Equal(3, files.Length);

        foreach (var (file, rows) in files.Zip([400, 300, 200]))
        {
            var one = Hft.Run("replay", file, "--no-model", "--quiet", "--json");
            Assert.True(one.ExitCode == 0, one.ToString());
            var o = one.SingleJson();
            Assert.Equal(rows, (long)o["events"]!);
            Assert.Equal(0, (long)o["inputDamage"]!["malformedLines"]!);
        }
        var all = Hft.Run(["replay", .. files, "--market", "usdm", "--no-model", "--quiet", "--json"]);
        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Equal(900, (long)all.SingleJson()["events"]!);
        // BTCUSDT registers with its exchange scales (as the frame parser does), not 10^-8, so the paper desk can trade.
        Assert.DoesNotContain("Trading disabled", all.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Downloaded_spot_trades_replay_every_row()
    {
        VisionSite.Publish(Site, "spot/daily/trades/BTCUSDT", "BTCUSDT-trades-2024-01-01.zip", VisionSite.SpotTrades(0, 250));
        string file = Assert.Single(Download("trades", "spot"));

        var run = Hft.Run("replay", file, "--no-model", "--quiet", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(250, (long)run.SingleJson()["events"]!);
    }

    [Fact]
    public void Downloaded_book_depth_and_klines_are_refused_by_replay_with_the_reason()
    {
        VisionSite.Publish(Site, "futures/um/daily/bookDepth/BTCUSDT", "BTCUSDT-bookDepth-2024-01-01.zip", VisionSite.FuturesBookDepth(50));
        VisionSite.Publish(Site, "futures/um/daily/klines/BTCUSDT/1m", "BTCUSDT-1m-2024-01-01.zip", VisionSite.FuturesKlines(50));
        string depth = Assert.Single(Download("bookDepth"));
        string klines = Assert.Single(Download("klines"));

        var d = Hft.Run("replay", depth, "--no-model", "--quiet", "--json");
        var k = Hft.Run("replay", klines, "--no-model", "--quiet", "--json");

        Assert.True(d.ExitCode == 2, d.ToString());
        Assert.Contains("bookDepth file holds percentage-depth snapshots", d.Stderr, StringComparison.Ordinal);
        Assert.Contains("cannot drive the order book", d.Stderr, StringComparison.Ordinal);
        Assert.True(k.ExitCode == 2, k.ToString());
        Assert.Contains("klines file holds candles", k.Stderr, StringComparison.Ordinal);
    }
}
