using System.Diagnostics;
using System.Text.Json.Nodes;
using HftScalper.Tests.Shared;

namespace HftScalper.Cli.Tests;

/// <summary>
/// The installed command (issue #20): <c>scripts/publish.sh</c> makes a self-contained single-file <c>hft</c> that runs
/// from a link on the PATH, finds its native library and the bundled model beside itself, and replays. The publish
/// builds in a scratch artifacts folder (reusing the checkout's C++ build), so it never rewrites what other tests run;
/// that is a full C# build (minutes on a loaded machine), so it runs when <c>HFT_PUBLISH_TEST=1</c>. Always run: the
/// same layout check (a link on the PATH to the real binary, run from an unrelated folder) on the built apphost.
/// </summary>
public sealed class PublishTests
{
    [Fact]
    public void The_built_hft_runs_through_a_link_from_another_folder_and_finds_its_native_library_and_model()
    {
        var root = Hft.TempDir();
        var link = Path.Combine(root, "hft");
        File.CreateSymbolicLink(link, Path.Combine(AppContext.BaseDirectory, "hft"));

        var replay = Run(link, ["replay", "--sim-minutes", "0.5", "--json"], root);

        Assert.True(replay.Exit == 0, replay.Stdout + replay.Stderr);
        var o = JsonNode.Parse(replay.Stdout)!.AsObject();
        Assert.True(o["events"]!.GetValue<long>() > 0); // the native book loaded from beside the real binary
        Assert.Equal(Path.Combine(TestData.RepoRoot, "models", "default.onnx"), o["model"]!["path"]!.GetValue<string>());
    }

    /// <summary>Runs <paramref name="file"/> to its end (40 minutes at most: a publish on a loaded machine) and returns what it printed.</summary>
    internal static (int Exit, string Stdout, string Stderr) Run(string file, IEnumerable<string> args, string cwd, IDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = cwd };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        psi.Environment.Remove("HFT_CONFIG");
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(40))) p.Kill(entireProcessTree: true);
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void The_published_single_file_hft_runs_from_a_link_on_the_path_with_its_native_library_and_model()
    {
        if (Environment.GetEnvironmentVariable("HFT_PUBLISH_TEST") != "1") return; // a full publish: opt-in (see the class docs)
        var root = Hft.TempDir();
        var lib = Path.Combine(root, "lib", "hft");
        var native = Path.Combine(TestData.RepoRoot, "artifacts", "native");
        var env = new Dictionary<string, string> { ["HFT_ARTIFACTS"] = Path.Combine(root, "artifacts") };
        if (File.Exists(Path.Combine(native, "lib", "libhftnative.so"))) env["HFT_NATIVE_DIR"] = native;
        var publish = Run(Path.Combine(TestData.RepoRoot, "scripts", "publish.sh"), [lib], TestData.RepoRoot, env);
        Assert.True(publish.Exit == 0, publish.Stdout + publish.Stderr);
        Assert.True(File.Exists(Path.Combine(lib, "hft")));
        Assert.True(File.Exists(Path.Combine(lib, "libhftnative.so")));
        Assert.False(File.Exists(Path.Combine(lib, "hft.dll"))); // one file, not an app folder
        Assert.True(File.Exists(Path.Combine(lib, "models", "default.onnx")));

        // As scripts/install.sh lays it out: PREFIX/bin/hft -> PREFIX/lib/hft/hft, run from an unrelated folder.
        var bin = Directory.CreateDirectory(Path.Combine(root, "bin")).FullName;
        var link = Path.Combine(bin, "hft");
        File.CreateSymbolicLink(link, Path.Combine(lib, "hft"));
        var elsewhere = Directory.CreateDirectory(Path.Combine(root, "work")).FullName;

        var version = Run(link, ["--version"], elsewhere);
        Assert.True(version.Exit == 0, version.Stdout + version.Stderr);
        Assert.StartsWith("0.", version.Stdout.Trim(), StringComparison.Ordinal);

        var replay = Run(link, ["replay", "--sim-minutes", "1", "--json"], elsewhere);
        Assert.True(replay.Exit == 0, replay.Stdout + replay.Stderr);
        var o = JsonNode.Parse(replay.Stdout)!.AsObject();
        Assert.True(o["events"]!.GetValue<long>() > 0);
        Assert.StartsWith(Path.Combine(lib, "models"), o["model"]!["path"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
