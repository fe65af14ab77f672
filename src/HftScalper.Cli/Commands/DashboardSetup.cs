using System.CommandLine;
using System.Net;
using System.Text.Json.Nodes;
using HftScalper.Core.Symbols;
using HftScalper.Dashboard.Feed;
using HftScalper.Dashboard.Hosting;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands;

/// <summary>
/// The dashboard (and <c>/metrics</c>) of <c>hft replay --serve</c> / <c>--metrics-port</c> and <c>hft run</c>: a
/// <see cref="DashboardTap"/> in front of the run's recorder, the sampler and the Kestrel server. Two steps because
/// the tap is the pipeline's observer: <see cref="Tap"/> before the pipeline is built, <see cref="Start"/> after.
/// </summary>
internal sealed class DashboardSetup : IDisposable
{
    /// <summary>Where <c>hft run</c> serves unless told otherwise (a busy port falls back to a free one).</summary>
    public const string DefaultRunEndpoint = "127.0.0.1:8321";

    private DashboardSampler? _sampler;
    private DashboardServer? _server;
    private readonly (IPAddress Address, int Port) _endpoint;
    private readonly bool _fallbackWhenBusy;
    private readonly string _token;

    private DashboardSetup(IRunObserver inner, int maxSymbols, (IPAddress, int) endpoint, bool fallbackWhenBusy, string? token)
    {
        Tap = new DashboardTap(inner, maxSymbols);
        _endpoint = endpoint;
        _fallbackWhenBusy = fallbackWhenBusy;
        _token = string.IsNullOrEmpty(token) ? Environment.GetEnvironmentVariable("HFT_DASHBOARD_TOKEN") is { Length: > 0 } t ? t : DashboardOptions.NewToken() : token;
    }

    /// <summary>The pipeline's observer: the tap, which calls the recorder first.</summary>
    public DashboardTap Tap { get; }

    /// <summary>The sampler once started.</summary>
    public DashboardSampler? Sampler => _sampler;

    /// <summary>The server once started.</summary>
    public DashboardServer? Server => _server;

    /// <summary><c>--serve [ADDRESS:]PORT</c>.</summary>
    public static Option<string?> ServeOption(string description) => new("--serve") { Description = description };

    /// <summary><c>--serve-for DURATION</c>.</summary>
    public static Option<string?> ServeForOption() => new("--serve-for")
    { Description = "With --serve: keep serving this long after the run (e.g. 30s, 10m; default: until Ctrl+C)" };

    /// <summary><c>--serve-token TOKEN</c>.</summary>
    public static Option<string?> TokenOption() => new("--serve-token")
    { Description = "Dashboard token (default: $HFT_DASHBOARD_TOKEN, else a random one, printed in the URL); required for the controls, and for every request when bound beyond loopback" };

    /// <summary>
    /// A setup when <paramref name="serve"/> or <paramref name="metricsPort"/> asks for one (null otherwise;
    /// <paramref name="serve"/> "off" too). <paramref name="defaultServe"/> is used when neither is given (run).
    /// </summary>
    public static DashboardSetup? Open(string? serve, int? metricsPort, string? token, string? defaultServe, IRunObserver inner, SymbolRegistry registry)
    {
        if (serve is not null && metricsPort is not null) throw new ArgumentException("--serve and --metrics-port exclude each other (--serve also serves /metrics)");
        if (string.Equals(serve, "off", StringComparison.OrdinalIgnoreCase)) return null;
        if (metricsPort is { } port) return new DashboardSetup(inner, registry.MaxSymbols, (IPAddress.Loopback, port), false, token);
        string? text = serve ?? defaultServe;
        if (text is null) return null;
        return new DashboardSetup(inner, registry.MaxSymbols, DashboardOptions.ParseEndpoint(text), serve is null, token);
    }

    /// <summary>Starts sampling and serving; prints the URLs on stderr.</summary>
    public void Start(TradingPipeline pipeline, SymbolRegistry registry, Func<string> metrics, Func<string> modelName, IDashboardControls? controls, ILoggerFactory logs)
    {
        _sampler = new DashboardSampler(pipeline, Tap, registry, modelName, metrics);
        var log = logs.CreateLogger("hft.dashboard");
        var options = new DashboardOptions(_endpoint.Address, _endpoint.Port, _token);
        _server = DashboardServer.StartAsync(options, _sampler, metrics, controls, log, anyPortWhenBusy: _fallbackWhenBusy).GetAwaiter().GetResult();
        if (!options.Loopback) Console.Error.WriteLine($"dashboard: bound to {options.Address}: every request needs the token");
        Console.Error.WriteLine($"dashboard: {_server.Url}");
        Console.Error.WriteLine($"metrics: {_server.MetricsUrl}");
    }

    /// <summary>Hands the final summary to the page and adds the URLs to it.</summary>
    public void Finish(JsonObject summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (_server is null || _sampler is null) return;
        summary["metricsUrl"] = _server.MetricsUrl;
        summary["dashboardUrl"] = $"http://127.0.0.1:{_server.Port}/";
        _sampler.SetSummary(summary.ToJsonString());
    }

    /// <summary>Keeps serving after the run until <paramref name="serveFor"/> ends or <paramref name="stop"/> (the Generic
    /// Host's stopping token: Ctrl+C, SIGTERM) fires; returns at once when the host is already stopping (a stopped run).</summary>
    public void ServeAfterRun(TimeSpan? serveFor, CancellationToken stop)
    {
        if (_server is null || stop.IsCancellationRequested) return;
        Console.Error.WriteLine($"dashboard: the run is over; serving {_server.Url} " + (serveFor is { } t ? $"for {t}" : "until Ctrl+C"));
        stop.WaitHandle.WaitOne(serveFor ?? Timeout.InfiniteTimeSpan);
    }

    /// <summary>Stops the server and the sampler.</summary>
    public void Dispose()
    {
        _server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _sampler?.Dispose();
    }
}
