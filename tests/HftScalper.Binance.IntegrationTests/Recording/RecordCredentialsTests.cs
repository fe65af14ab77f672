using System.Text;
using HftScalper.FakeExchange;

namespace HftScalper.Binance.IntegrationTests.Recording;

/// <summary><c>hft record --url</c> with credentials in it, as a real process against the fake exchange: the
/// recording works, and the secret appears nowhere — not on stdout or stderr, not in the journal's header.</summary>
public sealed class RecordCredentialsTests
{
    private const string Secret = "s3cr3t-pw";

    [Fact]
    public async Task Credentials_in_the_url_reach_neither_the_output_nor_the_journal()
    {
        using var dir = new TempJournalDir();
        await using var fake = await FakeBinanceExchange.StartAsync(new FakeExchangeOptions { Symbols = ["BTCUSDT"] });
        var url = new UriBuilder(fake.BaseUri) { Scheme = "ws", UserName = "alice", Password = Secret }.Uri;

        var (exit, stdout, stderr) = await CliProcess.RunAsync(TimeSpan.FromMinutes(2),
            "record", "--symbols", "btcusdt", "--url", url.ToString(), "--out", dir.Path, "--duration", "3s", "--json");

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.True(CliProcess.LastJson(stdout)["frames"]!.GetValue<long>() > 0, stdout);
        Assert.DoesNotContain(Secret, stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, stderr, StringComparison.Ordinal);
        Assert.Contains("ws://***@127.0.0.1", stderr, StringComparison.Ordinal); // still says where it records from
        var files = Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var f in files)
        {
            var text = Encoding.Latin1.GetString(File.ReadAllBytes(f));
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("alice", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_malformed_url_is_refused_without_echoing_its_token()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(TimeSpan.FromMinutes(1),
            "record", "--symbols", "btcusdt", "--url", $"not a url?token={Secret}", "--out", Path.GetTempPath());

        Assert.Equal(2, exit);
        Assert.DoesNotContain(Secret, stderr, StringComparison.Ordinal);
    }
}
