using HftScalper.Cli.Feedback;

namespace HftScalper.Cli.Hosting;

/// <summary>
/// What a verb on <see cref="RunHost"/> tells the host: <see cref="Ready"/> once it is up (its servers listening, its
/// feed started: the host then completes its start, and systemd hears <c>READY=1</c>), and <see cref="Own"/> for the
/// servers the host stops when it stops, after the verb has returned (the dashboard's Kestrel: one host, one lifetime).
/// What the host tells the verb: <see cref="Stop"/>, the signal that stops the host (and which one it was).
/// </summary>
internal sealed class HostedRun(StopSignal stop)
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<IDisposable> _owned = [];
    private readonly Lock _gate = new();

    /// <summary>The host's stop: asked by SIGINT/SIGTERM (the host is then stopping); a verb that reads input ends it there.</summary>
    public StopSignal Stop { get; } = stop;

    /// <summary>Completes when the verb said it is up.</summary>
    public Task WhenReady => _ready.Task;

    /// <summary>The verb is up: its servers listen and its work has started.</summary>
    public void Ready() => _ready.TrySetResult();

    /// <summary>Hands <paramref name="server"/> to the host, which disposes it when it stops (after the verb); null is ignored.</summary>
    public void Own(IDisposable? server)
    {
        if (server is null) return;
        lock (_gate) _owned.Add(server);
    }

    /// <summary>Disposes what was handed over, newest first (each once).</summary>
    public void StopOwned()
    {
        IDisposable[] owned;
        lock (_gate)
        {
            owned = [.. _owned];
            _owned.Clear();
        }
        for (int i = owned.Length - 1; i >= 0; i--) owned[i].Dispose();
    }
}
