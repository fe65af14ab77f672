using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;

namespace HftScalper.Cli.Hosting;

/// <summary>
/// The sd_notify side of <c>hft run</c> that <see cref="SystemdLifetime"/> does not cover: <c>WATCHDOG=1</c> every half
/// of <c>WATCHDOG_USEC</c> while the host runs (systemd's <c>WatchdogSec=</c>: a hung process is killed and restarted),
/// and <c>READY=1</c> / <c>STOPPING=1</c> when <c>NOTIFY_SOCKET</c> is set but the process was not started by systemd
/// itself (then <see cref="SystemdLifetime"/> is not installed: a wrapper script with <c>NotifyAccess=all</c>, a test).
/// The datagrams go through <see cref="ISystemdNotifier"/> (Microsoft.Extensions.Hosting.Systemd); nothing is sent
/// without a socket.
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
        if (!SystemdHelpers.IsSystemdService())
        {
            lifetime.ApplicationStarted.Register(() => notifier.Notify(ServiceState.Ready));
            lifetime.ApplicationStopping.Register(() => notifier.Notify(ServiceState.Stopping));
        }
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
