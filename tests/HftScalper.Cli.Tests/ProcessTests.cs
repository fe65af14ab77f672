using System.Diagnostics;
using System.Text.Json;

namespace HftScalper.Cli.Tests;

/// <summary>The contract holds for the real process too (exit code as the shell sees it, stdout purity).</summary>
[Collection(ConsoleCollection.Name)] // the child inherits the environment other tests set (HFT_CONFIG)
public sealed class ProcessTests
{
    private static (int Exit, string Stdout, string Stderr) RunProcess(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "hft.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(1))) p.Kill(entireProcessTree: true);
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void A_mistyped_option_with_json_exits_2_with_one_error_object_on_stdout()
    {
        var (exit, stdout, stderr) = RunProcess("replay", "--sim-minute", "1", "--json");
        Assert.Equal(2, exit);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("usage", doc.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("did you mean --sim-minutes?", stderr, StringComparison.Ordinal);
    }
}
