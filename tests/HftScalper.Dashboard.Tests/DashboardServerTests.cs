using System.Net;
using System.Net.Sockets;
using HftScalper.Core.Symbols;
using HftScalper.Dashboard.Feed;
using HftScalper.Dashboard.Hosting;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Dashboard.Tests;

/// <summary>The server on real sockets (127.0.0.1 or every interface): slow clients, the token, the controls' guard.</summary>
public sealed class DashboardServerTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    private sealed class Recorded : IDashboardControls
    {
        public List<string> Actions { get; } = [];

        public string Apply(string action)
        {
            if (action is not ("halt" or "flatten" or "resume")) throw new ArgumentException($"unknown action '{action}'");
            lock (Actions) Actions.Add(action);
            return action + " done";
        }
    }

    private static async Task<(DashboardServer Server, DashboardSampler Sampler)> Start(IPAddress address, IDashboardControls? controls = null, Func<string>? metrics = null)
    {
        var registry = new SymbolRegistry();
        var pipeline = new TradingPipeline(registry, new PipelineOptions(), new SingleModelSource(null), NullLogger.Instance);
        var sampler = new DashboardSampler(pipeline, new DashboardTap(null, 4), registry, () => "none");
        var server = await DashboardServer.StartAsync(new DashboardOptions(address, 0, "secret-token"), sampler, metrics ?? (() => "# TYPE hft_up gauge\nhft_up 1\n"), controls, NullLogger.Instance);
        return (server, sampler);
    }

    [Fact]
    public async Task A_client_that_never_reads_its_answer_does_not_hold_up_another_scrape()
    {
        string big = "# TYPE hft_big gauge\n" + string.Concat(Enumerable.Range(0, 50_000).Select(i => $"hft_big{{i=\"{i}\"}} {i}\n"));
        var (server, sampler) = await Start(IPAddress.Loopback, metrics: () => big);
        await using var _ = server;
        using var __ = sampler;
        // Several clients ask for ~1.5 MB each and never read: their answers fill the socket buffers.
        var stuck = new List<TcpClient>();
        try
        {
            for (int i = 0; i < 4; i++)
            {
                var c = new TcpClient { ReceiveBufferSize = 1024 };
                await c.ConnectAsync(IPAddress.Loopback, server.Port);
                await c.GetStream().WriteAsync("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
                stuck.Add(c);
            }
            using var http = new HttpClient { Timeout = Generous };
            string body = await http.GetStringAsync(server.MetricsUrl);
            Assert.Contains("hft_big{i=\"49999\"} 49999", body, StringComparison.Ordinal);
            Assert.Contains("hft_dashboard_sample_sequence", body, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var c in stuck) c.Dispose();
        }
    }

    [Fact]
    public async Task A_client_trickling_its_request_does_not_hold_up_another_scrape()
    {
        var (server, sampler) = await Start(IPAddress.Loopback);
        await using var _ = server;
        using var __ = sampler;
        using var slow = new TcpClient();
        await slow.ConnectAsync(IPAddress.Loopback, server.Port);
        await slow.GetStream().WriteAsync("GET /metr"u8.ToArray());

        using var http = new HttpClient { Timeout = Generous };
        string body = await http.GetStringAsync(server.MetricsUrl);

        Assert.StartsWith("# TYPE hft_up gauge\nhft_up 1\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bound_beyond_loopback_every_request_needs_the_token()
    {
        var (server, sampler) = await Start(IPAddress.Any);
        await using var _ = server;
        using var __ = sampler;
        using var http = new HttpClient { Timeout = Generous };
        string url = $"http://127.0.0.1:{server.Port}";

        var anonymousMetrics = await http.GetAsync($"{url}/metrics");
        var anonymousPage = await http.GetAsync($"{url}/");
        using var withBearer = new HttpRequestMessage(HttpMethod.Get, $"{url}/metrics");
        withBearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "secret-token");
        var bearerMetrics = await http.SendAsync(withBearer);
        var wrongToken = await http.GetAsync($"{url}/api/state?token=guess");
        var pageWithToken = await http.GetAsync($"{url}/?token=secret-token");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymousMetrics.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bearerMetrics.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pageWithToken.StatusCode);
        Assert.Contains(pageWithToken.Headers.GetValues("Set-Cookie"), c => c.StartsWith("hft_token=secret-token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_loopback_the_page_is_open_but_a_control_needs_the_token_and_a_confirmation()
    {
        var controls = new Recorded();
        var (server, sampler) = await Start(IPAddress.Loopback, controls);
        await using var _ = server;
        using var __ = sampler;
        using var http = new HttpClient { Timeout = Generous };
        string url = $"http://127.0.0.1:{server.Port}";

        var page = await http.GetStringAsync($"{url}/");
        var chartLibrary = await http.GetAsync($"{url}/static/vendor/uPlot.iife.min.js");
        var noToken = await http.PostAsync($"{url}/api/control/halt", null);
        var unconfirmed = await Post(http, $"{url}/api/control/halt", confirm: null);
        var wrongConfirmation = await Post(http, $"{url}/api/control/halt", confirm: "resume");
        var halted = await Post(http, $"{url}/api/control/halt", confirm: "halt");

        Assert.Contains("<title>hft dashboard</title>", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, chartLibrary.StatusCode);
        Assert.Contains("uPlot", await chartLibrary.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionRequired, unconfirmed.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionRequired, wrongConfirmation.StatusCode);
        Assert.Equal(HttpStatusCode.OK, halted.StatusCode);
        Assert.Equal(["halt"], controls.Actions);
    }

    [Fact]
    public async Task A_busy_port_is_an_error_unless_any_port_is_allowed_then_a_free_one_is_taken()
    {
        var (first, sampler) = await Start(IPAddress.Loopback);
        await using var _ = first;
        using var __ = sampler;
        var options = new DashboardOptions(IPAddress.Loopback, first.Port, "t");

        var strict = await Record.ExceptionAsync(() => DashboardServer.StartAsync(options, sampler, () => "", null, NullLogger.Instance));
        await using var second = await DashboardServer.StartAsync(options, sampler, () => "", null, NullLogger.Instance, anyPortWhenBusy: true);

        Assert.IsType<IOException>(strict);
        Assert.NotEqual(first.Port, second.Port);
        using var http = new HttpClient { Timeout = Generous };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(second.MetricsUrl)).StatusCode);
    }

    private static Task<HttpResponseMessage> Post(HttpClient http, string url, string? confirm)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "secret-token");
        if (confirm is not null) request.Headers.Add("X-Hft-Confirm", confirm);
        return http.SendAsync(request);
    }
}
