using HftScalper.Cli.Feedback;
using Microsoft.Extensions.Hosting;

namespace HftScalper.Cli.Hosting;

/// <summary>
/// The lifetime of <see cref="RunHost"/>: the first SIGINT (Ctrl+C) or SIGTERM (<c>systemctl stop</c>, <c>docker stop</c>)
/// stops the host, through the verb's <see cref="StopSignal"/>, which remembers which signal it was (a stopped replay
/// exits 130 or 143) and lets a second signal end the process at once. It takes the place of the host's
/// <c>ConsoleLifetime</c> and of <c>SystemdLifetime</c>, so one handler sees each signal, in a terminal and under
/// systemd alike (<see cref="SystemdNotify"/> speaks the notify protocol for both).
/// </summary>
internal sealed class SignalLifetime(StopSignal stop, IHostApplicationLifetime lifetime) : IHostLifetime, IDisposable
{
    private CancellationTokenRegistration _stopping;

    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _stopping = stop.Token.Register(lifetime.StopApplication);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();
}
