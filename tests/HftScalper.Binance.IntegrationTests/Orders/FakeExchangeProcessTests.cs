using System.Diagnostics;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace HftScalper.Binance.IntegrationTests.Orders;

/// <summary>The fake exchange as a process: one JSON line with its URLs, keys and faults from the command line,
/// a clean stop on SIGTERM.</summary>
public sealed class FakeExchangeProcessTests
{
    private static string FakeDll
    {
        get
        {
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var bin = new DirectoryInfo(Path.Combine(here.Parent!.Parent!.FullName, "HftScalper.FakeExchange"));
            string config = here.Name.Split('_')[0];
            var dll = bin.Exists
                ? bin.GetDirectories().Where(d => d.Name == here.Name || d.Name == config)
                    .Select(d => Path.Combine(d.FullName, "HftScalper.FakeExchange.dll")).FirstOrDefault(File.Exists)
                : null;
            return dll ?? throw new FileNotFoundException($"fake exchange not built under {bin.FullName}");
        }
    }

    [Fact]
    public async Task The_process_prints_its_urls_as_one_json_line_serves_orders_and_stops_on_sigterm()
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { FakeDll, "--port", "0", "--symbols", "btcusdt", "--seed", "7", "--api-key", SignedClient.HmacKey, "--hmac-secret", SignedClient.HmacSecret, "--fault-next", "reject" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            string line = await p.StandardOutput.ReadLineAsync(cts.Token) ?? throw new InvalidOperationException("no output: " + await stderr);

            var urls = JsonNode.Parse(line)!.AsObject();
            Assert.Equal(["ws", "wsApi", "rest"], urls.Select(kv => kv.Key));
            var rest = new Uri(urls["rest"]!.GetValue<string>());
            Assert.Equal("127.0.0.1", rest.Host);
            Assert.True(rest.Port > 0);
            Assert.Equal($"ws://127.0.0.1:{rest.Port}/ws-api/v3", urls["wsApi"]!.GetValue<string>());

            await using var client = new SignedClient(rest, futures: false);
            var (rejected, body, _) = await client.SendAsync(HttpMethod.Post, "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=29000.00");
            Assert.Equal(400, rejected);
            Assert.Equal(-2010, body["code"]!.GetValue<int>()); // --fault-next reject
            var (placed, _, _) = await client.SendAsync(HttpMethod.Post, "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=29000.00");
            Assert.Equal(200, placed);
            using var market = new ClientWebSocket();
            await market.ConnectAsync(new Uri(urls["ws"]!.GetValue<string>() + "/ws/btcusdt@depth@100ms"), cts.Token);
            var buffer = new byte[64 * 1024];
            Assert.True((await market.ReceiveAsync(buffer, cts.Token)).Count > 0);
            market.Abort();

            using (var kill = Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync(cts.Token);
            await p.WaitForExitAsync(cts.Token);

            Assert.Equal(0, p.ExitCode);
            using var probe = new TcpClient();
            await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync("127.0.0.1", rest.Port, cts.Token).AsTask());
        }
        finally
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
        }
    }
}
