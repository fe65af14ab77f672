using System.Diagnostics;
using System.Net.Sockets;
using HftScalper.Cli.Hosting;
using HftScalper.Tests.Shared;

namespace HftScalper.Cli.Tests;

/// <summary>
/// <c>hft run</c> as a service: the Generic Host speaks systemd's notify protocol to a real unix datagram socket standing
/// in for systemd (READY=1, WATCHDOG=1 at the interval asked, STOPPING=1), and the unit in the repository passes
/// <c>systemd-analyze verify</c> with the co-location settings in it.
/// </summary>
[Collection(ConsoleCollection.Name)] // NOTIFY_SOCKET and WATCHDOG_USEC are process-wide
public sealed class ServiceHostTests
{
    private static readonly string Unit = Path.Combine(TestData.RepoRoot, "deploy", "systemd", "hft.service");

    [Fact]
    public async Task The_host_notifies_ready_then_watchdog_pings_then_stopping_on_a_fake_notify_socket()
    {
        await using var notify = new FakeNotifySocket();
        var path = notify.Path;

        Environment.SetEnvironmentVariable("NOTIFY_SOCKET", path);
        Environment.SetEnvironmentVariable("WATCHDOG_USEC", "100000"); // 100 ms: pings every 50 ms
        int exit;
        try
        {
            exit = await RunHost.RunAsync(async stop =>
            {
                // The verb runs until systemd has heard it is ready and alive (twice), however long that takes.
                var until = Stopwatch.StartNew();
                while (until.Elapsed < TimeSpan.FromMinutes(2) && !(notify.Received.Contains("READY=1") && notify.Received.Count(s => s == "WATCHDOG=1") >= 2))
                    await Task.Delay(20, stop);
                return 7;
            }, CancellationToken.None);
        }
        finally
        {
            Environment.SetEnvironmentVariable("NOTIFY_SOCKET", null);
            Environment.SetEnvironmentVariable("WATCHDOG_USEC", null);
        }
        var wait = Stopwatch.StartNew();
        while (!notify.Received.Contains("STOPPING=1") && wait.Elapsed < TimeSpan.FromMinutes(1)) await Task.Delay(20);

        Assert.Equal(7, exit); // the verb's own exit code comes out of the host
        var seen = notify.Received;
        Assert.True(seen.Count(s => s == "WATCHDOG=1") >= 2, string.Join(" | ", seen));
        int ready = Array.IndexOf(seen, "READY=1"), stopping = Array.IndexOf(seen, "STOPPING=1");
        Assert.True(ready >= 0 && stopping > ready, string.Join(" | ", seen));
    }

    [Fact]
    public async Task Ready_waits_for_the_verb_s_server_and_the_host_stops_that_server_after_the_verb()
    {
        await using var notify = new FakeNotifySocket();
        var path = notify.Path;

        // The verb's server (as the dashboard's Kestrel): a real listening socket the host is handed to stop.
        var server = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        var order = new List<string>();
        bool readyBeforeUp = false, readyAfterUp = false;
        int port = 0;
        Environment.SetEnvironmentVariable("NOTIFY_SOCKET", path);
        int exit;
        try
        {
            exit = await RunHost.RunAsync(async (host, stop) =>
            {
                // Start-up takes a while (model, book snapshots): systemd must not hear READY=1 before the server is up.
                await Task.Delay(300, stop);
                readyBeforeUp = notify.Seen("READY=1");
                server.Start();
                port = ((System.Net.IPEndPoint)server.LocalEndpoint).Port;
                host.Own(new Stopper(() => { lock (order) order.Add("server stopped"); server.Stop(); }));
                host.Ready();
                var until = Stopwatch.StartNew();
                while (!notify.Seen("READY=1") && until.Elapsed < TimeSpan.FromMinutes(2)) await Task.Delay(20, stop);
                readyAfterUp = notify.Seen("READY=1");
                lock (order) order.Add("verb returned");
                return 5;
            }, CancellationToken.None);
        }
        finally
        {
            Environment.SetEnvironmentVariable("NOTIFY_SOCKET", null);
        }

        Assert.Equal(5, exit);
        Assert.False(readyBeforeUp, "READY=1 went out before the verb's server was up");
        Assert.True(readyAfterUp, "READY=1 never came after the verb said it was up");
        Assert.Equal(["verb returned", "server stopped"], order);
        using var client = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(System.Net.IPAddress.Loopback, port));
    }

    private sealed class Stopper(Action stop) : IDisposable
    {
        public void Dispose() => stop();
    }

    [Fact]
    public async Task A_failure_of_the_verb_comes_out_of_the_host_as_the_same_exception()
    {
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => RunHost.RunAsync(_ => throw new InvalidDataException("bad feed"), CancellationToken.None));
        Assert.Equal("bad feed", e.Message);
    }

    [Fact]
    public async Task Stopping_the_host_cancels_the_verb_which_still_returns_its_code()
    {
        using var cancel = new CancellationTokenSource();
        var run = RunHost.RunAsync(async stop =>
        {
            await cancel.CancelAsync(); // as Ctrl+C / systemctl stop would
            try { await Task.Delay(Timeout.Infinite, stop); }
            catch (OperationCanceledException) { return 0; }
            return 1;
        }, cancel.Token);
        Assert.Equal(0, await run);
    }

    [Fact]
    public async Task The_systemd_unit_passes_systemd_analyze_verify_without_a_warning()
    {
        var analyze = new[] { "/usr/bin/systemd-analyze", "/bin/systemd-analyze" }.FirstOrDefault(File.Exists);
        if (analyze is null) return; // systemd-analyze not installed (apt-get install systemd): nothing to verify with
        // verify checks that ExecStart's binary exists: point it at one that does (the unit names the installed /opt/hft/hft).
        var text = File.ReadAllText(Unit);
        Assert.Contains("ExecStart=/opt/hft/hft run ", text, StringComparison.Ordinal);
        var dir = Hft.TempDir();
        var copy = Path.Combine(dir, "hft.service");
        File.WriteAllText(copy, text.Replace("/opt/hft/hft", "/bin/true", StringComparison.Ordinal));
        var psi = new ProcessStartInfo(analyze!) { RedirectStandardOutput = true, RedirectStandardError = true, ArgumentList = { "verify", copy } };
        using var p = Process.Start(psi)!;
        var stderrRead = p.StandardError.ReadToEndAsync();
        var stdout = await p.StandardOutput.ReadToEndAsync();
        var stderr = await stderrRead;
        await p.WaitForExitAsync();

        Assert.True(p.ExitCode == 0, stdout + stderr);
        Assert.True(stderr.Trim().Length == 0, stderr); // an unknown or misspelt key is only a warning there
    }

    [Theory]
    [InlineData("Type=notify")]
    [InlineData("WatchdogSec=")]
    [InlineData("CPUAffinity=")]
    [InlineData("LimitMEMLOCK=infinity")]
    [InlineData("Restart=on-failure")]
    [InlineData("KillSignal=SIGTERM")]
    public void The_systemd_unit_carries_the_service_and_co_location_settings(string setting)
    {
        Assert.Contains(File.ReadAllLines(Unit), l => l.StartsWith(setting, StringComparison.Ordinal));
    }
}
