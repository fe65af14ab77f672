using System.Net;
using System.Security.Cryptography;
using System.Text;
using HftScalper.Dashboard.Feed;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HftScalper.Dashboard.Hosting;

/// <summary>
/// The dashboard and <c>/metrics</c> on Kestrel. Serves the page (embedded <c>wwwroot</c>, uPlot included),
/// <c>/api/state</c> (current frame + chart history), <c>/api/events</c> (the frames as server-sent events),
/// <c>/metrics</c> (prometheus-net's text, rendered once per scrape into a buffer, so a slow client only delays itself)
/// and, for a live run, <c>POST /api/control/{halt|flatten|resume}</c>, which needs the token and a confirmation
/// header naming the action, and is logged. Loopback needs no token except for the controls; bound elsewhere, every
/// request needs it (<c>Authorization: Bearer</c>, <c>?token=</c>, or the cookie set from it).
/// The CLI keeps its own signal handling: the host gets no console lifetime.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private const string Cookie = "hft_token";
    private readonly WebApplication _app;
    private readonly DashboardOptions _options;
    private readonly DashboardSampler _sampler;
    private readonly Func<string> _metrics;
    private readonly IDashboardControls? _controls;
    private readonly ILogger _log;
    private readonly Prometheus.CollectorRegistry _own = Prometheus.Metrics.NewCustomRegistry();
    private readonly Prometheus.Gauge _sequence, _clients;
    private readonly Lock _scrape = new();
    private readonly List<(Prometheus.Gauge Gauge, Func<double> Read)> _gauges = [];

    private DashboardServer(WebApplication app, DashboardOptions options, DashboardSampler sampler, Func<string> metrics, IDashboardControls? controls, ILogger log)
    {
        (_app, _options, _sampler, _metrics, _controls, _log) = (app, options, sampler, metrics, controls, log);
        var f = Prometheus.Metrics.WithCustomRegistry(_own);
        _sequence = f.CreateGauge("hft_dashboard_sample_sequence", "Number of the dashboard frame whose pipeline counters this scrape shows");
        _clients = f.CreateGauge("hft_dashboard_clients", "Pages connected to the event stream");
        AddGauge("hft_equity", "Equity in the quote currency after the last decision", () => sampler.Tap.Equity);
        AddGauge("hft_drawdown_ratio", "Drawdown from the highest equity seen after a decision, as a fraction of it", () => sampler.Tap.Drawdown);
        AddGauge("hft_realised_pnl", "Net PnL of the closed round trips in the quote currency", () => sampler.Tap.Totals.RealisedPnl);
        AddGauge("hft_round_trips", "Round trips closed", () => sampler.Tap.Totals.Trips);
    }

    /// <summary>Adds a gauge read at each scrape (e.g. the drawdown limit, reconciliation mismatches of a live run).</summary>
    public void AddGauge(string name, string help, Func<double> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var gauge = Prometheus.Metrics.WithCustomRegistry(_own).CreateGauge(name, help);
        lock (_scrape) _gauges.Add((gauge, read));
    }

    /// <summary>The bound port.</summary>
    public int Port { get; private set; }

    /// <summary>The page's URL (with the token, so its controls work).</summary>
    public string Url => $"http://{Host}:{Port}/?token={_options.Token}";

    /// <summary>The metrics URL.</summary>
    public string MetricsUrl => $"http://{Host}:{Port}/metrics";

    private string Host => _options.Address.Equals(IPAddress.Any) ? "127.0.0.1" : _options.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{_options.Address}]" : _options.Address.ToString();

    /// <summary>Starts listening. <paramref name="metrics"/> renders the Prometheus text (called with the sampler's
    /// gate held, so it reads the frame's counters); <paramref name="controls"/> is null for a replay. With
    /// <paramref name="anyPortWhenBusy"/>, a port already in use is logged and a free one taken instead.</summary>
    public static async Task<DashboardServer> StartAsync(DashboardOptions options, DashboardSampler sampler, Func<string> metrics,
        IDashboardControls? controls, ILogger log, bool anyPortWhenBusy = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(log);
        try
        {
            return await StartOnceAsync(options, sampler, metrics, controls, log).ConfigureAwait(false);
        }
        catch (IOException e) when (anyPortWhenBusy && options.Port != 0 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            log.LogWarning("Dashboard port {Port} is busy; serving on a free port instead", options.Port);
            return await StartOnceAsync(options with { Port = 0 }, sampler, metrics, controls, log).ConfigureAwait(false);
        }
    }

    private static async Task<DashboardServer> StartOnceAsync(DashboardOptions options, DashboardSampler sampler, Func<string> metrics,
        IDashboardControls? controls, ILogger log)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders(); // stdout belongs to the CLI (--json): Kestrel's own log stays quiet
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(5);
            k.Limits.MaxConcurrentConnections = 64;
            k.Listen(options.Address, options.Port);
        });
        var app = builder.Build();
        var server = new DashboardServer(app, options, sampler, metrics, controls, log);
        server.Map(app);
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Port = new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal)).Port;
        return server;
    }

    /// <summary>Stops serving.</summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private void Map(WebApplication app)
    {
        app.Use(async (ctx, next) =>
        {
            bool control = ctx.Request.Path.StartsWithSegments("/api/control", StringComparison.Ordinal);
            if ((control || !_options.Loopback) && !Authorized(ctx))
            {
                ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await ctx.Response.WriteAsync("token required\n").ConfigureAwait(false);
                return;
            }
            await next(ctx).ConfigureAwait(false);
        });
        app.MapGet("/", ctx => Asset(ctx, "index.html"));
        app.MapGet("/static/{**path}", ctx => Asset(ctx, (string)ctx.Request.RouteValues["path"]!));
        app.MapGet("/api/state", ctx => Json(ctx, _sampler.State()));
        app.MapGet("/api/info", ctx => Json(ctx, _controls is null ? """{"controls":false}"""u8.ToArray() : """{"controls":true}"""u8.ToArray()));
        app.MapGet("/api/events", Events);
        app.MapGet("/metrics", Metrics);
        app.MapPost("/api/control/{action}", Control);
    }

    private bool Authorized(HttpContext ctx)
    {
        string? given = ctx.Request.Headers.Authorization.ToString() is var h && h.StartsWith("Bearer ", StringComparison.Ordinal) ? h[7..]
            : ctx.Request.Query["token"].FirstOrDefault() ?? ctx.Request.Cookies[Cookie];
        if (given is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(_options.Token))) return false;
        if (ctx.Request.Query.ContainsKey("token"))
            ctx.Response.Cookies.Append(Cookie, given, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
        return true;
    }

    private static Task Asset(HttpContext ctx, string path)
    {
        if (!DashboardAssets.TryGet(path, out var bytes, out var type))
        {
            ctx.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        ctx.Response.ContentType = type;
        ctx.Response.Headers.CacheControl = "no-cache";
        return ctx.Response.Body.WriteAsync(bytes).AsTask();
    }

    private static Task Json(HttpContext ctx, byte[] body)
    {
        ctx.Response.ContentType = "application/json; charset=utf-8";
        ctx.Response.Headers.CacheControl = "no-store";
        return ctx.Response.Body.WriteAsync(body).AsTask();
    }

    // Each page gets the newest frame whenever one is published; a page that reads slowly skips frames.
    private async Task Events(HttpContext ctx)
    {
        ctx.Response.ContentType = "text/event-stream";
        ctx.Response.Headers.CacheControl = "no-store";
        // Ends with the page, or when the server stops (a connected page must not hold up the CLI's exit).
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, _app.Lifetime.ApplicationStopping);
        var abort = linked.Token;
        _clients.Inc();
        try
        {
            long sent = -1;
            while (!abort.IsCancellationRequested)
            {
                var (frame, seq, next) = _sampler.Current();
                if (seq != sent)
                {
                    await ctx.Response.Body.WriteAsync("data: "u8.ToArray(), abort).ConfigureAwait(false);
                    await ctx.Response.Body.WriteAsync(frame, abort).ConfigureAwait(false);
                    await ctx.Response.Body.WriteAsync("\n\n"u8.ToArray(), abort).ConfigureAwait(false);
                    await ctx.Response.Body.FlushAsync(abort).ConfigureAwait(false);
                    sent = seq;
                }
                await next.WaitAsync(abort).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException) { } // the page went away
        finally
        {
            _clients.Dec();
        }
    }

    private async Task Metrics(HttpContext ctx)
    {
        byte[] body;
        try
        {
            lock (_scrape)
            {
                string text;
                lock (_sampler.Gate)
                {
                    _sequence.Set(_sampler.Sequence);
                    foreach (var (gauge, read) in _gauges) gauge.Set(read());
                    text = _metrics();
                }
                using var own = new MemoryStream();
                _own.CollectAndExportAsTextAsync(own).GetAwaiter().GetResult(); // a MemoryStream completes synchronously
                body = [.. Encoding.UTF8.GetBytes(text), .. own.ToArray()];
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.LogError(e, "Metrics rendering failed");
            ctx.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }
        ctx.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted).ConfigureAwait(false);
    }

    private async Task Control(HttpContext ctx)
    {
        string action = ((string?)ctx.Request.RouteValues["action"] ?? "").ToLowerInvariant();
        string remote = ctx.Connection.RemoteIpAddress?.ToString() ?? "?";
        if (_controls is null)
        {
            ctx.Response.StatusCode = StatusCodes.Status404NotFound;
            await ctx.Response.WriteAsync("no controls: this run is a replay\n").ConfigureAwait(false);
            return;
        }
        if (!string.Equals(ctx.Request.Headers["X-Hft-Confirm"].ToString(), action, StringComparison.Ordinal))
        {
            _log.LogWarning("Dashboard control '{Action}' from {Remote} refused: not confirmed", action, remote);
            ctx.Response.StatusCode = StatusCodes.Status428PreconditionRequired;
            await ctx.Response.WriteAsync($"confirm with the header X-Hft-Confirm: {action}\n").ConfigureAwait(false);
            return;
        }
        try
        {
            string done = _controls.Apply(action);
            _log.LogWarning("Dashboard control '{Action}' from {Remote}: {Result}", action, remote, done);
            await ctx.Response.WriteAsync(done + "\n").ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
            await ctx.Response.WriteAsync(e.Message + "\n").ConfigureAwait(false);
        }
    }

    // The CLI handles SIGINT/SIGTERM itself; the web host must not stop (or exit) on them.
    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
