using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;

namespace HftScalper.Cli.Hosting;

/// <summary>
/// The sd_notify side of <see cref="RunHost"/> (<c>hft run</c>, <c>hft replay --serve</c>): <c>READY=1</c> once the host
/// has started (the verb is up), <c>STOPPING=1</c> when it starts stopping, and <c>WATCHDOG=1</c> every half of
/// <c>WATCHDOG_USEC</c> while it runs (systemd's <c>WatchdogSec=</c>: a hung process is killed and restarted). The same
/// path under systemd (<c>Type=notify</c>), a wrapper script with <c>NotifyAccess=all</c> and a test's fake socket: the
/// host's lifetime is <see cref="SignalLifetime"/>, never <see cref="SystemdLifetime"/>. The datagrams go through
/// <see cref="ISystemdNotifier"/> (Microsoft.Extensions.Hosting.Systemd); nothing is sent without a socket.
/// </summary>
internal sealed class SystemdNotify(ISystemdNotifier notifier, IHostApplicationLifetime lifetime) : BackgroundService
{
    /// <summary>The watchdog interval systemd asks for (<c>WATCHDOG_USEC</c>, for this process when <c>WATCHDOG_PID</c>
    /// is set), or null.</summary>
    public static TimeSpan? WatchdogInterval()
    {
        if (!long.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out long usec) || usec <= 0)
            return null;
        var pid = Environment.GetEnvironmentVariable("WATCHDOG_PID");
        if (!string.IsNullOrEmpty(pid) && pid != Environment.ProcessId.ToString(CultureInfo.InvariantCulture)) return null;
        return TimeSpan.FromMicroseconds(usec);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!notifier.IsEnabled) return;
        lifetime.ApplicationStarted.Register(() => notifier.Notify(ServiceState.Ready));
        lifetime.ApplicationStopping.Register(() => notifier.Notify(ServiceState.Stopping));
        if (WatchdogInterval() is not { } interval) return;
        var watchdog = new ServiceState("WATCHDOG=1");
        using var timer = new PeriodicTimer(interval / 2);
        try
        {
            do notifier.Notify(watchdog);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // stopping: STOPPING=1 goes out through the lifetime
        }
    }
}
