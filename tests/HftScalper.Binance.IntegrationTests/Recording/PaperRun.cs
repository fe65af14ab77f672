using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using HftScalper.FakeExchange;

namespace HftScalper.Binance.IntegrationTests.Recording;

/// <summary>
/// <c>hft run --mode paper</c> against a fresh fake exchange, stopped by what the test waits for rather than by the
/// clock: a run with a fixed <c>--duration</c> on a loaded CI machine can end before it has seen what the test asserts
/// (under load a 12 s run had not bought in 3 of 8 runs). Also the run dashboard's <c>/metrics</c> counters such waits read.
/// </summary>
internal static class PaperRun
{
    /// <summary>
    /// One paper run of <paramref name="symbols"/> (comma-separated) on a fresh fake exchange made with
    /// <paramref name="options"/>, with <c>--json</c>, <c>--serve</c> on a free port and <paramref name="extra"/>, stopped
    /// (SIGTERM) once its <c>/metrics</c> counter <paramref name="counter"/> reaches <paramref name="atLeast"/>. The
    /// 5-minute bound only ends a run that never gets there, whose summary then fails the test. Asserts exit 0 and
    /// returns the summary.
    /// </summary>
    public static async Task<JsonObject> UntilCounterAsync(FakeExchangeOptions options, string symbols, string counter, double atLeast,
        params string[] extra)
    {
        await using var fake = await FakeBinanceExchange.StartAsync(options);
        var ws = new UriBuilder(fake.BaseUri) { Scheme = "ws" }.Uri;
        int port = FreePort();
        using var hft = LiveProcess.Hft(new Dictionary<string, string?>(), ["run", "--symbols", symbols, "--mode", "paper", "--url", ws.ToString(),
            "--rest", fake.BaseUri.ToString(), "--json", "--duration", "30m", "--serve", $"127.0.0.1:{port}", .. extra]);
        using var http = new HttpClient();
        string metrics = MetricsUrl(port);
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (!hft.HasExited && DateTime.UtcNow < deadline && Counter(await ScrapeAsync(http, metrics), counter) < atLeast) await Task.Delay(200);
        if (!hft.HasExited) hft.Terminate();
        int exit = await hft.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, $"exit {exit}: {hft.Stderr}");
        return CliProcess.LastJson(hft.Stdout);
    }

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago (for <c>--serve</c>).</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>The <c>/metrics</c> address of a run serving on 127.0.0.1:<paramref name="port"/>.</summary>
    public static string MetricsUrl(int port) => $"http://127.0.0.1:{port}/metrics";

    /// <summary>The text at <paramref name="url"/>, or "" while nothing answers there yet.</summary>
    public static async Task<string> ScrapeAsync(HttpClient http, string url)
    {
        try { return await http.GetStringAsync(url); }
        catch (HttpRequestException) { return ""; } // not listening yet
    }

    /// <summary>The value of the unlabelled counter <paramref name="name"/> in <paramref name="metrics"/> (0 when absent).</summary>
    public static double Counter(string metrics, string name)
    {
        foreach (var line in metrics.Split('\n'))
            if (line.Length > name.Length && line.StartsWith(name, StringComparison.Ordinal) && line[name.Length] == ' '
                && double.TryParse(line[(name.Length + 1)..], CultureInfo.InvariantCulture, out double v)) return v;
        return 0;
    }
}
