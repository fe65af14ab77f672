using System.Text.Json.Nodes;
using HftScalper.Tests.Shared;

namespace HftScalper.Cli.Tests;

/// <summary>
/// The Native AOT serving build (<c>scripts/publish.sh --aot</c>, issue #18): one native <c>hft</c> with no JIT that
/// replays the README main command to the same digest as the JIT build, reads a <c>--config</c> file (source-generated
/// JSON), and refuses training with exit code 2. The publish compiles everything ahead of time (~10 min on a loaded
/// 2-vCPU machine, bench/README), too slow for CI: it runs when <c>HFT_AOT_TEST=1</c>. What CI checks instead on every
/// build: the trim and AOT analyzers (warnings are errors in src/) and the training switch in a JIT build
/// (<see cref="TrainingSwitchTests"/>).
/// </summary>
public sealed class AotPublishTests
{
    [Fact]
    public void The_native_aot_hft_replays_the_main_command_to_the_same_digest_and_refuses_training()
    {
        if (Environment.GetEnvironmentVariable("HFT_AOT_TEST") != "1") return; // a full AOT publish: opt-in (see the class docs)
        var root = Hft.TempDir();
        var outDir = Path.Combine(root, "hft-aot");
        var native = Path.Combine(TestData.RepoRoot, "artifacts", "native");
        var env = new Dictionary<string, string> { ["HFT_ARTIFACTS"] = Path.Combine(root, "artifacts") };
        if (File.Exists(Path.Combine(native, "lib", "libhftnative.so"))) env["HFT_NATIVE_DIR"] = native;
        var publish = Run(Path.Combine(TestData.RepoRoot, "scripts", "publish.sh"), ["--aot", outDir], TestData.RepoRoot, env);
        Assert.True(publish.Exit == 0, publish.Stdout + publish.Stderr);
        var hft = Path.Combine(outDir, "hft");
        Assert.True(File.Exists(hft));
        Assert.False(File.Exists(Path.Combine(outDir, "hft.dll"))); // native code, no IL to JIT
        Assert.False(File.Exists(Path.Combine(outDir, "libtorch_cpu.so"))); // no trainers' natives
        Assert.True(File.Exists(Path.Combine(outDir, "libonnxruntime.so")));

        // The README main command, from the repository root as the README runs it.
        var replay = Run(hft, ["replay", "--json", "--quiet"], TestData.RepoRoot);
        Assert.True(replay.Exit == 0, replay.Stdout + replay.Stderr);
        var o = JsonNode.Parse(replay.Stdout)!.AsObject();
        Assert.Equal("50e1b906cfb7e6f8", (string?)o["digest"]);
        Assert.Contains("compiled trees", replay.Stderr + ModelLine(hft), StringComparison.Ordinal);

        // A config file: source-generated reading, enums by name, the error for an unknown key names it.
        var config = Path.Combine(root, "run.json");
        File.WriteAllText(config, """{ "queueModel": "Never", "risk": { "kellyFraction": 0.2, "bogus": 1 } }""");
        var bad = Run(hft, ["replay", "--sim-minutes", "0.2", "--config", config, "--quiet"], root);
        Assert.Equal(ExitCodes.Usage, bad.Exit);
        Assert.Contains("unknown setting risk.bogus (known: kellyFraction", bad.Stderr, StringComparison.Ordinal);

        var train = Run(hft, ["train", "--sim-minutes", "1", "--out", Path.Combine(root, "m.onnx")], root);
        Assert.Equal(ExitCodes.Usage, train.Exit);
        Assert.Contains("hft train trains models (ML.NET, TorchSharp) and is not in this build", train.Stderr, StringComparison.Ordinal);
    }

    // The evaluator line is logged at information level (not under --quiet): one short run shows it.
    private static string ModelLine(string hft) => Run(hft, ["replay", "--sim-minutes", "0.1"], Path.GetDirectoryName(hft)!).Stderr;

    private static (int Exit, string Stdout, string Stderr) Run(string file, IEnumerable<string> args, string cwd, IDictionary<string, string>? env = null) =>
        PublishTests.Run(file, args, cwd, env);
}
