using System.Text.Json.Nodes;

namespace HftScalper.Cli.Tests.Data;

/// <summary>
/// <c>hft data download</c> against a real HTTP server on 127.0.0.1 laid out like data.binance.vision, with archives
/// made here from small CSVs: ranges, the layout mirrored locally, sha256 checks, resuming a <c>.part</c> with a Range
/// request, days that are not published, and the kinds spot does not have.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class DataDownloadTests : IDisposable
{
    private const string UsdmBookTicker = "futures/um/daily/bookTicker/BTCUSDT";
    private readonly LocalVision _vision = new();

    private VisionServer Server => _vision.Server;

    private string Site => _vision.Site;

    private string Out => _vision.Out;

    public void Dispose() => _vision.Dispose();

    private string PublishBookTickerDay(int day, string? checksum = null, int rows = 400) =>
        VisionSite.Publish(Site, UsdmBookTicker, $"BTCUSDT-bookTicker-2024-01-0{day + 1}.zip", VisionSite.FuturesBookTicker(day, rows), checksum);

    private HftRun Download(params string[] extra) =>
        Hft.Run(["data", "download", "--source", "binance-vision", "--market", "usdm", "--kind", "bookTicker", "--period", "daily",
            "--symbol", "BTCUSDT", "--base-url", Server.BaseUrl, "--out", Out, "--json", .. extra]);

    private string Local(string name) => Path.Combine(Out, "futures", "um", "daily", "bookTicker", "BTCUSDT", name);

    [Fact]
    public void A_range_of_days_lands_in_the_mirrored_layout_verified_and_a_second_run_fetches_nothing()
    {
        string[] remote = [PublishBookTickerDay(0), PublishBookTickerDay(1), PublishBookTickerDay(2)];

        var run = Download("--from", "2024-01-01", "--to", "2024-01-03");

        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();
        Assert.Equal(3, (int)o["files"]!);
        Assert.Equal(3, (int)o["downloaded"]!);
        Assert.Equal(0, (int)o["checksumMismatches"]!);
        for (int d = 0; d < 3; d++)
        {
            string name = Path.GetFileName(remote[d]);
            Assert.Equal(File.ReadAllBytes(remote[d]), File.ReadAllBytes(Local(name)));
            Assert.False(File.Exists(Local(name) + ".part"), run.ToString());
            Assert.Equal(Local(name), (string?)o["paths"]![d]);
        }
        Assert.Equal(
            ["/data/futures/um/daily/bookTicker/BTCUSDT/BTCUSDT-bookTicker-2024-01-01.zip",
             "/data/futures/um/daily/bookTicker/BTCUSDT/BTCUSDT-bookTicker-2024-01-02.zip",
             "/data/futures/um/daily/bookTicker/BTCUSDT/BTCUSDT-bookTicker-2024-01-03.zip"],
            Server.ZipRequests.Select(r => r.Path));

        int before = Server.ZipRequests.Count;
        var again = Download("--from", "2024-01-01", "--to", "2024-01-03");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(3, (int)again.SingleJson()["present"]!);
        Assert.Equal(before, Server.ZipRequests.Count); // only the CHECKSUM files were asked for
    }

    [Fact]
    public void A_checksum_mismatch_deletes_the_file_counts_it_and_exits_3_after_the_other_days()
    {
        PublishBookTickerDay(0);
        PublishBookTickerDay(1, checksum: new string('a', 64));
        PublishBookTickerDay(2);

        var run = Download("--from", "2024-01-01", "--to", "2024-01-03");

        Assert.True(run.ExitCode == 3, run.ToString());
        var o = run.SingleJson();
        Assert.Equal(1, (int)o["checksumMismatches"]!);
        Assert.Equal(2, (int)o["downloaded"]!);
        Assert.False(File.Exists(Local("BTCUSDT-bookTicker-2024-01-02.zip")), run.ToString());
        Assert.False(File.Exists(Local("BTCUSDT-bookTicker-2024-01-02.zip.part")), run.ToString());
        Assert.True(File.Exists(Local("BTCUSDT-bookTicker-2024-01-03.zip")), run.ToString());
        Assert.Contains("CHECKSUM MISMATCH BTCUSDT-bookTicker-2024-01-02.zip", run.Stderr, StringComparison.Ordinal);
        var bad = o["results"]!.AsArray().Single(r => (string?)r!["status"] == "checksumMismatch")!;
        Assert.Equal("BTCUSDT-bookTicker-2024-01-02.zip", (string?)bad["file"]);
    }

    [Fact]
    public void A_truncated_part_is_resumed_with_a_range_request()
    {
        string remote = PublishBookTickerDay(0, rows: 5000);
        byte[] whole = File.ReadAllBytes(remote);
        int half = whole.Length / 2;
        string local = Local("BTCUSDT-bookTicker-2024-01-01.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        File.WriteAllBytes(local + ".part", whole[..half]);

        var run = Download("--from", "2024-01-01");

        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();
        Assert.Equal(1, (int)o["resumed"]!);
        Assert.Equal(whole.Length - half, (long)o["bytes"]!);
        Assert.Equal(half, (long)o["results"]![0]!["resumedFrom"]!);
        Assert.Equal($"bytes={half}-", Assert.Single(Server.ZipRequests).Range);
        Assert.Equal(whole, File.ReadAllBytes(local));
        Assert.False(File.Exists(local + ".part"));
    }

    [Fact]
    public void A_server_that_ignores_the_range_restarts_the_part_from_byte_zero()
    {
        string remote = PublishBookTickerDay(0, rows: 3000);
        byte[] whole = File.ReadAllBytes(remote);
        string local = Local("BTCUSDT-bookTicker-2024-01-01.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        File.WriteAllBytes(local + ".part", whole[..(whole.Length / 3)]);
        Server.IgnoreRange = true;

        var run = Download("--from", "2024-01-01");

        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();
        Assert.Equal(0, (int)o["resumed"]!);
        Assert.Equal(whole.Length, (long)o["bytes"]!);
        Assert.NotNull(Assert.Single(Server.ZipRequests).Range);
        Assert.Equal(whole, File.ReadAllBytes(local));
        Assert.Contains("ignored the Range request", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_day_that_is_not_published_is_reported_and_skipped()
    {
        PublishBookTickerDay(0);
        PublishBookTickerDay(2);

        var run = Download("--from", "2024-01-01", "--to", "2024-01-03");

        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();
        Assert.Equal(1, (int)o["missing"]!);
        Assert.Equal(2, (int)o["downloaded"]!);
        Assert.Contains("missing    BTCUSDT-bookTicker-2024-01-02.zip", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("missing", (string?)o["results"]![1]!["status"]);
    }

    [Fact]
    public void Nothing_published_in_the_whole_range_exits_3_with_a_hint()
    {
        var run = Download("--from", "2024-01-01", "--to", "2024-01-02");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Equal(2, (int)run.SingleJson()["missing"]!);
        Assert.Contains("check --symbol", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bookTicker")]
    [InlineData("bookDepth")]
    public void Spot_has_no_book_ticker_or_book_depth_and_is_refused_before_any_request(string kind)
    {
        var run = Hft.Run("data", "download", "--market", "spot", "--kind", kind, "--symbol", "BTCUSDT", "--from", "2024-01-01",
            "--base-url", Server.BaseUrl, "--out", Out, "--json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"--kind {kind} is published for futures only", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("input", (string?)run.SingleJson()["error"]!["code"]);
        Assert.Empty(Server.Requests);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public void Monthly_klines_have_the_interval_folder_and_name()
    {
        string folder = "spot/monthly/klines/ETHUSDT/1h";
        VisionSite.Publish(Site, folder, "ETHUSDT-1h-2024-01.zip", VisionSite.FuturesKlines(10));
        VisionSite.Publish(Site, folder, "ETHUSDT-1h-2024-02.zip", VisionSite.FuturesKlines(12));

        var run = Hft.Run("data", "download", "--kind", "klines", "--interval", "1h", "--period", "monthly", "--symbol", "ethusdt",
            "--from", "2024-01", "--to", "2024-02-15", "--base-url", Server.BaseUrl, "--out", Out, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, (int)run.SingleJson()["downloaded"]!);
        Assert.True(File.Exists(Path.Combine(Out, "spot", "monthly", "klines", "ETHUSDT", "1h", "ETHUSDT-1h-2024-02.zip")), run.ToString());
        Assert.Equal("/data/spot/monthly/klines/ETHUSDT/1h/ETHUSDT-1h-2024-01.zip", Server.ZipRequests[0].Path);
    }

    [Theory]
    [InlineData("data")]
    [InlineData("data download")]
    public void Help_shows_runnable_examples(string verb)
    {
        var run = Hft.Run([.. verb.Split(' '), "--help"]);

        Assert.True(run.ExitCode == 0 && run.Stderr.Length == 0, run.ToString());
        int examples = run.Stdout.IndexOf("Examples:", StringComparison.Ordinal);
        Assert.True(examples >= 0, run.ToString());
        Assert.Contains("hft data download --market usdm --kind bookTicker", run.Stdout[examples..], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--from", "2024-13-01", "--from must be a date YYYY-MM-DD, not '2024-13-01'")]
    [InlineData("--interval", "1M", "--interval must be one of")]
    [InlineData("--to", "2023-12-31", "--to 2023-12-31 is before --from 2024-01-01")]
    public void A_bad_date_or_interval_is_refused_before_any_request(string option, string value, string message)
    {
        string[] args = ["data", "download", "--kind", "klines", "--symbol", "BTCUSDT", "--from", "2024-01-01", "--base-url", Server.BaseUrl, "--out", Out];
        int at = Array.IndexOf(args, option);
        args = at >= 0 ? [.. args[..(at + 1)], value, .. args[(at + 2)..]] : [.. args, option, value];

        var run = Hft.Run(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
        Assert.Empty(Server.Requests);
    }
}
