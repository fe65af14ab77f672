using System.Runtime.ExceptionServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Hosting;

/// <summary>
/// Runs a long-lived verb (<c>hft run</c>) on the .NET Generic Host, so it behaves as a service:
/// <code>
///  Host ── ConsoleLifetime (Ctrl+C, SIGTERM) ─┐            systemd (NOTIFY_SOCKET, WATCHDOG_USEC)
///       └─ SystemdLifetime when systemd ──────┤                 ^  READY=1 / STOPPING=1 / WATCHDOG=1
///                                             v                 |
///        VerbService: the verb's work(stoppingToken) ──> SystemdNotify
/// </code>
/// Under systemd (<c>Type=notify</c>) <c>AddSystemd</c> installs <see cref="SystemdLifetime"/>; <see cref="SystemdNotify"/>
/// adds the watchdog, and READY/STOPPING when a notify socket is given but the process was not started by systemd itself
/// (a wrapper script, a test). The host adds no logging provider of its own: the verb logs to stderr as every verb does,
/// so <c>--json</c> keeps stdout to one object. A stop (signal, <c>systemctl stop</c>) cancels the work's token; the
/// work drains and returns its exit code, which this returns; an exception of the work is rethrown here, so the CLI maps
/// it to its exit code as for any verb.
/// </summary>
internal static class RunHost
{
    /// <summary>Runs <paramref name="work"/> until it ends or the host is stopped; <paramref name="cancel"/> stops it too.</summary>
    public static async Task<int> RunAsync(Func<CancellationToken, Task<int>> work, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(work);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30)); // drain, cancel open orders
        builder.Services.AddSystemd();
        var verb = new VerbService(work);
        builder.Services.TryAddSingleton<ISystemdNotifier, SystemdNotifier>();
        builder.Services.AddHostedService(sp =>
        {
            verb.Attach(sp.GetRequiredService<IHostApplicationLifetime>());
            return verb;
        });
        builder.Services.AddHostedService<SystemdNotify>();
        using var host = builder.Build();
        await host.RunAsync(cancel).ConfigureAwait(false);
        if (verb.Failure is { } failure) failure.Throw();
        if (verb.ExitCode is { } code) return code;
        throw new OperationCanceledException("stopped before the verb started");
    }

    /// <summary>The verb as a hosted service: runs once, then stops the host.</summary>
    private sealed class VerbService(Func<CancellationToken, Task<int>> work) : BackgroundService
    {
        private IHostApplicationLifetime? _lifetime;

        public int? ExitCode { get; private set; }

        public ExceptionDispatchInfo? Failure { get; private set; }

        public void Attach(IHostApplicationLifetime lifetime) => _lifetime = lifetime;

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            try
            {
                ExitCode = await work(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                _lifetime?.StopApplication();
            }
        }
    }
}
