namespace HftScalper.Cli.Tests;

/// <summary>
/// The speed keys of <c>replay --json</c>: the warm-up and the JIT on each side of it, steady-state events/s, and with
/// config <c>latencyBreakdown</c> the per-cause stage latencies.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReplaySpeedJsonTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // hft replay --json of the simulator without a model under the config file <name>.json holding json.
    private HftRun ReplayWithConfig(string name, string json, string minutes)
    {
        string config = Path.Combine(_dir, name + ".json");
        File.WriteAllText(config, json);
        return Hft.Run(["replay", "--sim-minutes", minutes, "--no-model", "--config", config, "--quiet", "--json"]);
    }

    [Fact]
    public void Replay_json_reports_the_warm_up_the_jit_after_it_and_with_the_config_key_the_stage_latency_by_cause()
    {
        var run = ReplayWithConfig("breakdown", """{ "latencyBreakdown": true }""", minutes: "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();
        Assert.Equal((long)o["events"]!, (long)o["warmup"]!["events"]! + (long)o["steadyStateEvents"]!);
        Assert.True((double)o["warmup"]!["jitMs"]! >= 0, run.ToString());
        Assert.True((double)o["jitMsInWindow"]! >= 0, run.ToString());
        Assert.True((double)o["steadyStateEventsPerSecond"]! > 0, run.ToString());
        var features = o["stageLatencyByCause"]!["features"]!.AsArray();
        Assert.NotEmpty(features);
        Assert.Equal((long)o["tickToDecisionNs"]!["count"]!, features.Sum(c => (long)c!["count"]!));
        Assert.All(features, c => Assert.True((long)c!["p50"]! <= (long)c["p99"]!, c.ToJsonString()));
    }

    [Fact]
    public void Replay_json_reports_each_pipeline_threads_steady_state_cpu_for_the_configured_stage_threads()
    {
        var run = ReplayWithConfig("threads", """{ "topology": "threaded", "stageThreads": 2 }""", minutes: "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        if (!OperatingSystem.IsLinux()) return;
        var threads = run.SingleJson()["threadCpu"]!.AsArray();
        Assert.Equal(["producer", "features", "inference+strategy"], threads.Select(t => (string)t!["name"]!));
        // A thread that is never switched out during the steady window has 0 timeslices there (a producer that runs ahead
        // and ends within one slice on a quiet machine: CI saw it); the stage threads wait on the ring, so together the
        // threads were scheduled in at least once.
        Assert.All(threads, t => Assert.True((double)t!["cpuSeconds"]! > 0 && (double)t["busy"]! is > 0 and <= 1.05
            && (double)t["runQueueSeconds"]! >= 0 && (long)t["timeslices"]! >= 0, t!.ToJsonString()));
        Assert.True(threads.Sum(t => (long)t!["timeslices"]!) > 0, run.ToString());
    }

    [Fact]
    public void Replay_json_counts_each_stage_threads_ring_batches_and_no_batch_exceeds_the_configured_stage_batch()
    {
        var run = ReplayWithConfig("batch", """{ "topology": "threaded", "stageBatch": 64 }""", minutes: "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        if (!OperatingSystem.IsLinux()) return;
        var o = run.SingleJson();
        long events = (long)o["events"]!;
        var threads = o["threadCpu"]!.AsArray();
        Assert.Null(threads[0]!["ringBatches"]); // the producer claims per message, it has no ring batches
        // Every event handled, in batches of at most 64: at least events / 64 of them on each stage thread.
        Assert.All(threads.Skip(1), t => Assert.True((long)t!["ringBatches"]! >= (events + 63) / 64, $"{events} events: {t.ToJsonString()}"));
    }

    [Fact]
    public void Replay_json_names_the_layout_the_source_chose_and_a_configured_layout_wins()
    {
        string recording = Path.Combine(_dir, "rec.gz");
        Assert.Equal(0, Hft.Run(["simulate", "--minutes", "2", "--out", recording]).ExitCode);
        var file = Hft.Run(["replay", recording, "--no-model", "--topology", "threaded", "--quiet", "--json"]);
        var sim = Hft.Run(["replay", "--sim-minutes", "1", "--no-model", "--topology", "threaded", "--quiet", "--json"]);
        var configured = ReplayWithConfig("configured", """{ "topology": "threaded", "stageThreads": 2, "wakeBatch": 0 }""", minutes: "1");
        var inline = Hft.Run(["replay", recording, "--no-model", "--quiet", "--json"]);

        Assert.True(file.ExitCode == 0, file.ToString());
        var f = file.SingleJson();
        Assert.Equal("producer+features | inference+strategy", (string?)f["layout"]!["threads"]);
        Assert.Equal("recording", (string?)f["layout"]!["chosenBy"]);
        Assert.True((bool)f["layout"]!["featuresOnProducer"]!);
        Assert.Equal(256, (int)f["layout"]!["wakeBatch"]!);
        Assert.Equal("threaded", (string?)f["topology"]);
        var s = sim.SingleJson()["layout"]!;
        Assert.Equal(("producer | features | inference+strategy", "simulator", 256), ((string?)s["threads"], (string?)s["chosenBy"], (int)s["wakeBatch"]!));
        var c = configured.SingleJson()["layout"]!;
        Assert.Equal(("producer | features | inference+strategy", "config", 0), ((string?)c["threads"], (string?)c["chosenBy"], (int)c["wakeBatch"]!));
        Assert.Equal(("inline", "inline"), ((string?)inline.SingleJson()["layout"]!["threads"], (string?)inline.SingleJson()["layout"]!["chosenBy"]));
        Assert.Equal(f["digest"]!.ToString(), inline.SingleJson()["digest"]!.ToString());
        if (!OperatingSystem.IsLinux()) return;
        Assert.Equal(["producer", "inference+strategy"], f["threadCpu"]!.AsArray().Select(t => (string)t!["name"]!));
    }

    [Fact]
    public void A_negative_stage_batch_is_refused()
    {
        var run = ReplayWithConfig("negative-batch", """{ "topology": "threaded", "stageBatch": -1 }""", minutes: "1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("stageBatch", run.ToString());
    }

    [Fact]
    public void A_stage_thread_count_outside_one_to_three_is_refused()
    {
        var run = ReplayWithConfig("four", """{ "topology": "threaded", "stageThreads": 4 }""", minutes: "1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("stageThreads", run.ToString());
    }

    [Fact]
    public void Without_the_config_key_there_is_no_breakdown()
    {
        var o = Hft.Run(["replay", "--sim-minutes", "1", "--no-model", "--quiet", "--json"]).SingleJson();

        Assert.Null(o["stageLatencyByCause"]);
        Assert.NotNull(o["warmup"]);
    }
}
