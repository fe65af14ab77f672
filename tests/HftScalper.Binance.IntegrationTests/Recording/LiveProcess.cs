using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace HftScalper.Binance.IntegrationTests.Recording;

/// <summary>A real child process (hft, or the fake exchange) with its output captured, its environment set, and
/// SIGTERM on demand.</summary>
internal sealed class LiveProcess : IDisposable
{
    private readonly Process _p;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();
    private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LiveProcess(Process p) => _p = p;

    public static LiveProcess Hft(IReadOnlyDictionary<string, string?> env, params string[] args) =>
        Start(CliProcess.CliDll, env, args);

    public static LiveProcess FakeExchange(params string[] args) =>
        Start(Path.Combine(AppContext.BaseDirectory, "HftScalper.FakeExchange.dll"), new Dictionary<string, string?>(), args);

    private static LiveProcess Start(string dll, IReadOnlyDictionary<string, string?> env, string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        var p = new Process { StartInfo = psi };
        var lp = new LiveProcess(p);
        p.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (lp._out) lp._out.AppendLine(e.Data);
            lp._firstLine.TrySetResult(e.Data);
        };
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (lp._err) lp._err.AppendLine(e.Data);
        };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return lp;
    }

    public string Stdout { get { lock (_out) return _out.ToString(); } }

    public string Stderr { get { lock (_err) return _err.ToString(); } }

    public bool HasExited => _p.HasExited;

    public Task<string> FirstLine(TimeSpan timeout) => _firstLine.Task.WaitAsync(timeout);

    /// <summary>
    /// Waits until <paramref name="condition"/> holds (polled every 50 ms; it may read this process's output or any other
    /// state). Fails at once, with the process's stderr, when the process exits first or <paramref name="timeout"/> passes:
    /// a test waits for what it needs, never for a fixed time.
    /// </summary>
    public async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (_p.HasExited)
            {
                _p.WaitForExit(); // flushes the output events
                if (condition()) return;
                throw new InvalidOperationException($"the process exited ({_p.ExitCode}) before {what}:\n{Stderr}");
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no {what} within {timeout}:\n{Stderr}");
            await Task.Delay(50);
        }
    }

    /// <summary>True when stderr holds <paramref name="text"/> (log lines go there).</summary>
    public bool Logged(string text) => Stderr.Contains(text, StringComparison.Ordinal);

    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill?.WaitForExit();
    }

    /// <summary>Sends a signal by name (e.g. USR1).</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-" + name, _p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill?.WaitForExit();
    }

    /// <summary>The names of the process's threads (Linux: /proc/PID/task/*/comm; empty elsewhere).</summary>
    public IReadOnlyList<string> ThreadNames()
    {
        string tasks = $"/proc/{_p.Id}/task";
        if (!Directory.Exists(tasks)) return [];
        var names = new List<string>();
        foreach (var t in Directory.EnumerateDirectories(tasks))
        {
            try { names.Add(File.ReadAllText(Path.Combine(t, "comm")).Trim()); }
            catch (IOException) { } // the thread ended meanwhile
        }
        return names;
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _p.Kill(entireProcessTree: true);
            throw new TimeoutException($"process did not exit in {timeout}:\n{Stderr}");
        }
        _p.WaitForExit(); // flushes the output events
        return _p.ExitCode;
    }

    /// <summary>The last top-level JSON object on stdout.</summary>
    public JsonObject LastJson()
    {
        string stdout = Stdout;
        int start = stdout.LastIndexOf("\n{", StringComparison.Ordinal);
        start = start < 0 ? stdout.IndexOf('{', StringComparison.Ordinal) : start + 1;
        Assert.True(start >= 0, $"no JSON on stdout:\n{stdout}\n--- stderr ---\n{Stderr}");
        return JsonNode.Parse(stdout[start..])!.AsObject();
    }

    public void Dispose()
    {
        if (!_p.HasExited) _p.Kill(entireProcessTree: true);
        _p.Dispose();
    }
}
