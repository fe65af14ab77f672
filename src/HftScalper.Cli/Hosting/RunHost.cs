using HftScalper.Cli.Feedback;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Hosting;

/// <summary>
/// Runs a long-lived verb (<c>hft run</c>, <c>hft replay --serve</c>) on the .NET Generic Host, so it behaves as a service:
/// <code>
///  Host ── SignalLifetime: StopSignal (Ctrl+C, SIGTERM) ─┐        systemd (NOTIFY_SOCKET, WATCHDOG_USEC)
///                                                        v             ^  READY=1 / STOPPING=1 / WATCHDOG=1
///        VerbService: the verb's work(HostedRun, stoppingToken) ───> SystemdNotify
///        ReadyGate: the host has started (READY=1) once the work calls HostedRun.Ready (its servers listen)
///        OwnedServers: what the work handed to HostedRun.Own (the dashboard's Kestrel) stops with the host, after the work
/// </code>
/// One handler sees each signal: <see cref="SignalLifetime"/> replaces the host's console and systemd lifetimes, and
/// the verb reads the same <see cref="HostedRun.Stop"/> (which signal, for its exit code; a second signal ends the
/// process at once). <see cref="SystemdNotify"/> speaks the notify protocol through
/// <see cref="ISystemdNotifier"/> (Microsoft.Extensions.Hosting.Systemd) whenever <c>NOTIFY_SOCKET</c> is set, under
/// systemd (<c>Type=notify</c>) or a wrapper script or test alike. The host adds no logging provider of its own: the
/// verb logs to stderr as every verb does, so <c>--json</c> keeps stdout to one object. A stop (signal,
/// <c>systemctl stop</c>) cancels the work's token; the work drains and returns its exit code, which this returns
/// (after the host's servers have stopped, and however long the work takes to finish its summary); an exception of
/// the work is rethrown here, so the CLI maps it to its exit code as for any verb.
/// </summary>
internal static class RunHost
{
    /// <summary>Runs <paramref name="work"/> (up as soon as it starts) until it ends or the host is stopped; <paramref name="cancel"/> stops it too.</summary>
    public static Task<int> RunAsync(Func<CancellationToken, Task<int>> work, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync((host, token) =>
        {
            host.Ready();
            return work(token);
        }, cancel);
    }

    /// <summary>
    /// Runs <paramref name="work"/> until it ends or the host is stopped; <paramref name="cancel"/> stops it too. The host
    /// has started (and systemd hears <c>READY=1</c>) once the work calls <see cref="HostedRun.Ready"/>; what it hands
    /// to <see cref="HostedRun.Own"/> is stopped with the host, after the work.
    /// </summary>
    public static async Task<int> RunAsync(Func<HostedRun, CancellationToken, Task<int>> work, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var stop = new StopSignal(static line => Console.Error.WriteLine(line)); // listening before the host: no signal is missed
        var run = new HostedRun(stop);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30)); // drain, cancel open orders
        builder.Services.RemoveAll<IHostLifetime>();
        builder.Services.AddSingleton<IHostLifetime>(sp => new SignalLifetime(stop, sp.GetRequiredService<IHostApplicationLifetime>()));
        builder.Services.AddSingleton<ISystemdNotifier, SystemdNotifier>();
        var verb = new VerbService(token => work(run, token));
        // Order matters: services start in this order and stop in reverse. The owner stops the verb's servers after
        // the verb has returned; the gate holds the host's start (ApplicationStarted, READY=1) until the verb is up.
        builder.Services.AddHostedService(_ => new OwnedServers(run));
        builder.Services.AddHostedService(sp =>
        {
            verb.Attach(sp.GetRequiredService<IHostApplicationLifetime>());
            return verb;
        });
        builder.Services.AddHostedService(_ => new ReadyGate(run, verb));
        builder.Services.AddHostedService<SystemdNotify>();
        using var host = builder.Build();
        await host.RunAsync(cancel).ConfigureAwait(false);
        // The host gives up waiting for the verb after ShutdownTimeout (its servers then stop), but the verb's summary
        // is never cut off: it ends here (a second signal ends the process). ExecuteAsync catches everything.
        if (verb.ExecuteTask is { } ended) await ended.ConfigureAwait(false);
        if (verb.Failure is { } failure) failure.Throw();
        if (verb.ExitCode is { } code) return code;
        throw new OperationCanceledException("stopped before the verb started");
    }

    /// <summary>Stops what the verb handed over (<see cref="HostedRun.Own"/>) when the host stops, after the verb.</summary>
    private sealed class OwnedServers(HostedRun run) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            run.StopOwned();
            return Task.CompletedTask;
        }
    }

    /// <summary>Completes the host's start once the verb is up, or has ended (a failed start still stops the host).</summary>
    private sealed class ReadyGate(HostedRun run, VerbService verb) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var ended = verb.ExecuteTask ?? Task.CompletedTask;
            try { await Task.WhenAny(run.WhenReady, ended).WaitAsync(cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException)
            {
                // Stopped while starting (SIGTERM, Ctrl+C): the host goes on to stop, which cancels the verb's token.
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
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
