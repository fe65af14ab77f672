using System.Text.Json.Nodes;
using HftScalper.Binance.IntegrationTests.Recording;
using HftScalper.Recording.Journal;

namespace HftScalper.Binance.IntegrationTests.Damage;

/// <summary>
/// Issue 13 item 3: every verb that reads recordings reports damage as <c>inputDamage</c> counters in <c>--json</c> and
/// as a warning on stderr that <c>--quiet</c> does not hide; <c>--strict</c> turns damage into exit 3.
/// </summary>
public sealed class InputDamageCliTests(DamagedRecordings data) : IClassFixture<DamagedRecordings>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Replay_of_a_truncated_gzip_reports_a_truncated_stream_and_warns_even_when_quiet()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(Timeout, "replay", data.Truncated(), "--no-model", "--json", "--quiet");

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        var damage = Damage(stdout);
        Assert.Equal(1, damage["truncatedStreams"]!.GetValue<long>());
        Assert.Equal(1, damage["corruptFiles"]!.GetValue<long>());
        Assert.Contains("warning: input damaged", stderr, StringComparison.Ordinal);
        Assert.Contains("truncatedStreams=1", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_with_strict_exits_3_on_damaged_input()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(Timeout, "replay", data.Truncated(), "--no-model", "--json", "--quiet", "--strict");

        Assert.True(exit == 3, $"exit {exit}: {stderr}");
        Assert.Equal(1, Damage(stdout)["truncatedStreams"]!.GetValue<long>());
    }

    [Fact]
    public async Task Replay_of_a_clean_recording_reports_zero_damage_and_passes_strict()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(Timeout, "replay", data.Clean, "--no-model", "--json", "--quiet", "--strict");

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        var damage = Damage(stdout);
        Assert.All(damage, kv => Assert.Equal(0, kv.Value!.GetValue<long>()));
        Assert.DoesNotContain("input damaged", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_of_a_bit_flipped_gzip_reports_a_crc_failure()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(Timeout, "replay", data.BitFlipped(), "--no-model", "--json", "--quiet");

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        var damage = Damage(stdout);
        Assert.Equal(1, damage["crcFailures"]!.GetValue<long>());
        Assert.Contains("warning: input damaged", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_counts_malformed_lines()
    {
        var lines = data.Lines.ToList();
        lines.Insert(100, "this line is not a frame");
        lines.Insert(200, "12345 not json either");
        var path = data.WriteLines("malformed.txt", lines);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(Timeout, "replay", path, "--no-model", "--json", "--quiet");

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.Equal(2, Damage(stdout)["malformedLines"]!.GetValue<long>());
        Assert.Contains("malformedLines=2", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_of_a_damaged_journal_reports_it_and_warns_even_when_quiet()
    {
        string journal = data.File("journal-" + Guid.NewGuid().ToString("N"));
        var (convertExit, _, convertErr) = await CliProcess.RunAsync(Timeout, "convert", data.Clean, "--out", journal, "--to", "journal");
        Assert.True(convertExit == 0, convertErr);
        var segment = JournalDirectory.ListSegments(journal)[0];
        var bytes = File.ReadAllBytes(segment);
        bytes[bytes.Length / 2] ^= 0x40; // inside a record: its CRC fails
        File.WriteAllBytes(segment, bytes);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(Timeout, "replay", journal, "--no-model", "--json", "--quiet");

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        var damage = Damage(stdout);
        Assert.True(damage["crcFailures"]!.GetValue<long>() >= 1, damage.ToJsonString());
        Assert.True(damage["bytesSkipped"]!.GetValue<long>() > 0, damage.ToJsonString());
        Assert.Contains("warning: input damaged", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convert_reports_input_damage_and_strict_exits_3()
    {
        string truncated = data.Truncated();
        var (exit, stdout, stderr) = await CliProcess.RunAsync(Timeout, "convert", truncated, "--out", data.File("conv-" + Guid.NewGuid().ToString("N")), "--json");
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.Equal(1, Damage(stdout)["truncatedStreams"]!.GetValue<long>());
        Assert.Contains("warning: input damaged", stderr, StringComparison.Ordinal);

        var (strictExit, _, strictErr) = await CliProcess.RunAsync(Timeout, "convert", truncated, "--out", data.File("conv-" + Guid.NewGuid().ToString("N")), "--json", "--strict");
        Assert.True(strictExit == 3, $"exit {strictExit}: {strictErr}");
    }

    [Fact]
    public async Task Features_report_input_damage()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(Timeout, "features", data.Truncated(), "--out", data.File($"f-{Guid.NewGuid():N}.parquet"), "--json");

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.Equal(1, Damage(stdout)["truncatedStreams"]!.GetValue<long>());
        Assert.Contains("warning: input damaged", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_reports_input_damage_and_strict_exits_3()
    {
        string model = Path.Combine(Tests.Shared.TestData.RepoRoot, "models", "default.onnx");
        string truncated = data.Truncated();

        var (exit, stdout, stderr) = await CliProcess.RunAsync(Timeout, "evaluate", "--model", model, truncated, "--json");
        var (strictExit, _, strictErr) = await CliProcess.RunAsync(Timeout, "evaluate", "--model", model, truncated, "--json", "--strict");

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.Equal(1, Damage(stdout)["truncatedStreams"]!.GetValue<long>());
        Assert.Contains("warning: input damaged", stderr, StringComparison.Ordinal);
        Assert.True(strictExit == 3, $"exit {strictExit}: {strictErr}");
    }

    [Fact]
    public async Task Train_reports_input_damage()
    {
        string five = data.File($"five-{Guid.NewGuid():N}.gz");
        var (simExit, _, simErr) = await CliProcess.RunAsync(Timeout, "simulate", "--sim-minutes", "5", "--seed", "3", "--out", five);
        Assert.True(simExit == 0, simErr);
        var bytes = File.ReadAllBytes(five);
        File.WriteAllBytes(five, bytes[..(bytes.Length * 3 / 4)]);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(Timeout, "train", five, "--budget", "0", "--candidates", "1", "--max-iterations", "5",
            "--folds", "2", "--out", data.File($"m-{Guid.NewGuid():N}.onnx"), "--json");

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.Equal(1, Damage(stdout)["truncatedStreams"]!.GetValue<long>());
        Assert.Contains("warning: input damaged", stderr, StringComparison.Ordinal);
    }

    private static JsonObject Damage(string stdout) =>
        CliProcess.LastJson(stdout)["inputDamage"]?.AsObject() ?? throw new Xunit.Sdk.XunitException($"no inputDamage in: {stdout}");
}
