using System.Diagnostics;
using System.Text;

namespace HftScalper.Cli.Tests;

/// <summary>
/// A running <c>hft</c> process (the built hft.dll under dotnet) whose stdout and stderr are collected as they come,
/// so a test can wait for a line, send a signal and read what the process printed before it exited. SIGINT is reset to
/// its default action in the child (<c>env --default-signal=INT</c>): a shell's background job ignores it otherwise.
/// </summary>
internal sealed class HftProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();

    public HftProcess(IReadOnlyDictionary<string, string> env, params string[] args)
    {
        var psi = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("--default-signal=INT");
        psi.ArgumentList.Add("dotnet");
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hft.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        _process = new Process { StartInfo = psi };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_gate) _stdout.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_gate) _stderr.AppendLine(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    public string Stdout { get { lock (_gate) return _stdout.ToString(); } }

    public string Stderr { get { lock (_gate) return _stderr.ToString(); } }

    /// <summary>Waits (generously) until stderr satisfies <paramref name="condition"/>; fails with what was printed.</summary>
    public void WaitForStderr(Func<string, bool> condition, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        while (DateTime.UtcNow < until)
        {
            if (condition(Stderr)) return;
            if (_process.HasExited)
            {
                _process.WaitForExit(); // drains the readers
                if (condition(Stderr)) return;
                Assert.Fail($"hft exited ({_process.ExitCode}) before the expected output\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}");
            }
            Thread.Sleep(50);
        }
        Assert.Fail($"timed out waiting for the expected output\n--- stderr ---\n{Stderr}");
    }

    /// <summary>Sends <paramref name="signal"/> (INT, TERM) to the process.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
    }

    /// <summary>Waits (generously: 3 minutes unless <paramref name="timeout"/> says otherwise) for the exit and returns the exit code.</summary>
    public int WaitForExit(TimeSpan? timeout = null)
    {
        if (!_process.WaitForExit(timeout ?? TimeSpan.FromMinutes(3)))
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"hft did not exit\n--- stderr ---\n{Stderr}");
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public override string ToString() => $"--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
