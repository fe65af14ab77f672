using System.Diagnostics;
using System.Net.Sockets;
using HftScalper.Reporting.Monitoring;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Reporting.Tests.Monitoring;

/// <summary>Real sockets on 127.0.0.1: a slow or silent client on the metrics port neither delays other scrapes nor
/// stays connected past the request timeout.</summary>
public sealed class MetricsServerSlowClientTests
{
    private static readonly TimeSpan ScrapeBound = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task A_client_trickling_its_request_does_not_hold_up_another_scrape()
    {
        using var server = new MetricsHttpServer(0, () => "hft_up 1\n", NullLogger.Instance);
        using var slow = new TcpClient();
        await slow.ConnectAsync("127.0.0.1", server.Port);
        var stream = slow.GetStream();
        await stream.WriteAsync("GET /metr"u8.ToArray());
        using var stopTrickle = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // One byte every 300 ms: each read sees data long before any per-read timeout would fire.
        var trickle = Task.Run(async () =>
        {
            try
            {
                while (!stopTrickle.IsCancellationRequested)
                {
                    await stream.WriteAsync("x"u8.ToArray(), stopTrickle.Token);
                    await Task.Delay(300, stopTrickle.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // closed by the server (expected) or the test ended
            }
        });
        await Task.Delay(500);

        using var http = new HttpClient { Timeout = ScrapeBound };
        string body = await http.GetStringAsync(server.Url);

        Assert.Equal("hft_up 1\n", body);
        await stopTrickle.CancelAsync();
        await trickle;
    }

    [Fact]
    public async Task A_silent_client_is_closed_after_the_request_timeout_and_counted()
    {
        using var server = new MetricsHttpServer(0, () => "hft_up 1\n", NullLogger.Instance);
        using var silent = new TcpClient();
        await silent.ConnectAsync("127.0.0.1", server.Port);
        var sw = Stopwatch.StartNew();

        using var http = new HttpClient { Timeout = ScrapeBound };
        string body = await http.GetStringAsync(server.Url);
        var buffer = new byte[64];
        using var wait = new CancellationTokenSource(MetricsHttpServer.RequestTimeout + TimeSpan.FromSeconds(20));
        int read;
        try { read = await silent.GetStream().ReadAsync(buffer, wait.Token); }
        catch (IOException) { read = 0; } // reset instead of FIN: closed all the same

        Assert.Equal("hft_up 1\n", body);
        Assert.Equal(0, read); // the server closed it without an answer
        Assert.True(sw.Elapsed >= MetricsHttpServer.RequestTimeout - TimeSpan.FromMilliseconds(500), $"closed after {sw.Elapsed}");
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (server.Errors == 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(1, server.Errors);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Connections_beyond_the_limit_are_closed_while_a_later_scrape_still_succeeds()
    {
        using var server = new MetricsHttpServer(0, () => "hft_up 1\n", NullLogger.Instance);
        var idle = new List<TcpClient>();
        try
        {
            for (int i = 0; i < MetricsHttpServer.MaxConnections + 4; i++)
            {
                var c = new TcpClient();
                await c.ConnectAsync("127.0.0.1", server.Port);
                idle.Add(c);
            }
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (server.Errors < 4 && DateTime.UtcNow < deadline) await Task.Delay(20);
            Assert.Equal(4, server.Errors); // the extra four, closed at once

            foreach (var c in idle) c.Dispose();
            idle.Clear();
            using var http = new HttpClient { Timeout = MetricsHttpServer.RequestTimeout + ScrapeBound };
            Assert.Equal("hft_up 1\n", await http.GetStringAsync(server.Url));
        }
        finally
        {
            foreach (var c in idle) c.Dispose();
        }
    }
}
