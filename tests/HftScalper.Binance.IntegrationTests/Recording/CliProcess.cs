using System.Diagnostics;
using System.Text.Json.Nodes;

namespace HftScalper.Binance.IntegrationTests.Recording;

/// <summary>Runs the built <c>hft</c> CLI (hft.dll, built beside this test project) as a real process.</summary>
internal static class CliProcess
{
    public static string CliDll
    {
        get
        {
            // Artifacts layout: bin/<project>/<config>[_<rid>]/ for every project (the CLI is built without a RID).
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var cliBin = new DirectoryInfo(Path.Combine(here.Parent!.Parent!.FullName, "HftScalper.Cli"));
            string config = here.Name.Split('_')[0];
            var dll = cliBin.Exists
                ? cliBin.GetDirectories().Where(d => d.Name == here.Name || d.Name == config)
                    .Select(d => Path.Combine(d.FullName, "hft.dll")).FirstOrDefault(File.Exists)
                : null;
            return dll ?? throw new FileNotFoundException($"hft CLI not built under {cliBin.FullName}");
        }
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(CliDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"hft {string.Join(' ', args)} did not finish in {timeout}: {await stderr}");
        }
        return (p.ExitCode, await stdout, await stderr);
    }

    /// <summary>The last top-level JSON object printed on stdout.</summary>
    public static JsonObject LastJson(string stdout)
    {
        int start = stdout.LastIndexOf("\n{", StringComparison.Ordinal);
        start = start < 0 ? stdout.IndexOf('{', StringComparison.Ordinal) : start + 1;
        return JsonNode.Parse(stdout[start..])!.AsObject();
    }
}
