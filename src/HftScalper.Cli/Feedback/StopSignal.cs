using System.Runtime.InteropServices;

namespace HftScalper.Cli.Feedback;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM for a long verb: the first signal asks the verb to stop at its next safe point and is
/// swallowed, so the verb still prints what it has (a partial summary) and exits with <see cref="ExitCode"/>; a second
/// signal gets the default action (the process ends at once). Registered for the verb's lifetime only. The one home
/// of SIGINT/SIGTERM in the CLI: a verb on the Generic Host gets the host's (<see cref="Hosting.HostedRun.Stop"/>),
/// which also stops the host (<see cref="Hosting.SignalLifetime"/>).
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private readonly CancellationTokenSource _stop = new();
    private int _signal; // 0 none; else the signal number (2 SIGINT, 15 SIGTERM)

    /// <summary>Starts listening; <paramref name="notice"/> gets one line when the first signal arrives.</summary>
    public StopSignal(Action<string>? notice = null)
    {
        Notice = notice;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => c.Cancel = Request(2));
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => c.Cancel = Request(15));
    }

    /// <summary>Gets the one line said when the first signal arrives (the progress display's, once a verb shows one).</summary>
    public Action<string>? Notice { get; set; }

    /// <summary>Whether a stop was asked for (read once per frame by <see cref="StoppableFrames"/>: a volatile read).</summary>
    public bool IsRequested => Volatile.Read(ref _signal) != 0;

    /// <summary>Cancelled when a stop is asked for.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>How the stop was asked for, as a user knows it: <c>Ctrl+C</c> or <c>SIGTERM</c> (empty when not asked).</summary>
    public string Name => Volatile.Read(ref _signal) switch { 2 => "Ctrl+C", 15 => "SIGTERM", _ => "" };

    /// <summary>The exit code of a stopped verb: <see cref="ExitCodes.Cancelled"/> for Ctrl+C,
    /// <see cref="ExitCodes.Terminated"/> for SIGTERM (the shell's 128 + signal).</summary>
    public int ExitCode => Volatile.Read(ref _signal) == 15 ? ExitCodes.Terminated : ExitCodes.Cancelled;

    /// <summary>Asks for a stop as signal <paramref name="signal"/> would; true when this is the first request (the
    /// caller then swallows the signal), false for a repeat (the default action runs).</summary>
    public bool Request(int signal)
    {
        if (Interlocked.CompareExchange(ref _signal, signal, 0) != 0) return false;
        Notice?.Invoke($"stopping ({(signal == 15 ? "SIGTERM" : "Ctrl+C")}): finishing with what was done so far; Ctrl+C again to quit at once");
        _stop.Cancel();
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }
}
