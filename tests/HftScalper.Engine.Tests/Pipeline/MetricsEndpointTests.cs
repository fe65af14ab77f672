using System.Globalization;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Engine.Shadow;
using HftScalper.Features.Engine;
using HftScalper.Inference.Lifecycle;
using HftScalper.Recording.Replay;
using HftScalper.Reporting;
using HftScalper.Reporting.Monitoring;
using HftScalper.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Engine.Tests.Pipeline;

public sealed class MetricsEndpointTests : IClassFixture<PipelineFixture>
{
    private readonly PipelineFixture _fx;

    public MetricsEndpointTests(PipelineFixture fx) => _fx = fx;

    /// <summary>Parses the exposition: sample key (name + label block) -> value; checks every family is declared once and contiguous.</summary>
    internal static Dictionary<string, double> Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        string? family = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                family = line.Split(' ')[2];
                Assert.True(declared.Add(family), $"family {family} declared twice");
                continue;
            }
            if (line.StartsWith('#')) continue;
            int space = line.LastIndexOf(' ');
            string key = line[..space];
            string name = key.Split('{')[0];
            Assert.True(family is not null && (name == family || name.StartsWith(family + "_", StringComparison.Ordinal)), $"sample {name} outside its family block ({family})");
            Assert.True(samples.TryAdd(key, double.Parse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture)), $"duplicate sample {key}");
        }
        return samples;
    }

    [Fact]
    public async Task Scrapes_during_a_replay_show_the_pipeline_and_model_figures_growing()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_fx.Dir, "metrics-" + Guid.NewGuid().ToString("N"))).FullName;
        File.Copy(_fx.TreeModel(seed: 1), Path.Combine(dir, "default.onnx"));
        using var lifecycle = new ModelLifecycle(FeatureEngine.DefaultSchema, new ModelLifecycleOptions { Directory = dir }, NullLogger.Instance);
        Assert.True(lifecycle.LoadPromoted());
        var candidate = _fx.TreeModel(seed: 2);
        lifecycle.Shadow.SetCandidate(new ServedModel(PipelineFixture.Load(candidate), candidate, ModelRegistry.Sha256Of(candidate)));
        var registry = new SymbolRegistry();
        // A reference of standard normal columns: the simulator's features are distributed otherwise, so PSI is large.
        var rng = new Random(4);
        int width = FeatureEngine.DefaultSchema.Count;
        var normal = new float[2000 * width];
        for (int i = 0; i < normal.Length; i++) normal[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
        var probabilities = Enumerable.Repeat(1f / 3, 2000 * 3).ToArray();
        var recorder = new RunRecorder(new RunRecorderOptions
        {
            Reference = Inference.Metadata.ModelReference.Build(normal, width, probabilities, ["down", "flat", "up"], "normal"),
            FeatureNames = [.. FeatureEngine.DefaultSchema.Features.Select(f => f.Name)],
            FeatureDrift = new FeatureDriftOptions { Window = 64, SampleIntervalNs = 100_000_000, BlockNs = 5_000_000_000 },
        });
        var pipeline = new TradingPipeline(registry, new PipelineOptions { Topology = PipelineTopology.Threaded, WarmupEvents = 0 },
            new HostedModelSource(lifecycle.Host), NullLogger.Instance, new PipelineHooks { Shadow = new ShadowOptions { Scorer = lifecycle.Shadow }, Observer = recorder });
        var metrics = new PipelineMetrics(pipeline, recorder.Predictions).AddLifecycle(lifecycle).AddFeatureDrift(recorder.FeatureDrift!);

        // One simulated minute, held at two frame counts while the test scrapes: the scrapes happen while the run is
        // going by construction (a paced replay raced the scrape loop and lost once on a loaded machine).
        var gated = new GatedFrameSource(new MarketSimulatorSource(SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(1), Seed = 3 }, registry), 3_000, 6_000);
        var run = Task.Run(() =>
        {
            using var source = new ReplaySource(ReplayFormat.Unknown, gated);
            return pipeline.Run(source.Feed(registry, "binance-spot"));
        });
        var patience = TimeSpan.FromMinutes(2);
        bool heldFirst = await gated.HeldAsync(patience);
        var first = Parse(metrics.Render());
        gated.Release();
        bool heldSecond = await gated.HeldAsync(patience);
        var second = Parse(metrics.Render());
        bool scrapedWhileRunning = heldFirst && heldSecond && !run.IsCompleted;
        gated.Release();
        var result = await run;
        var final = Parse(metrics.Render());

        Assert.True(scrapedWhileRunning, "the replay ended before the scrapes");
        Assert.Equal(1, first["hft_pipeline_running"]);
        Assert.True(first["hft_pipeline_events_total"] >= 2000);
        Assert.True(second["hft_pipeline_events_total"] > first["hft_pipeline_events_total"], "events did not grow between scrapes");
        Assert.Equal(0, final["hft_pipeline_running"]);
        Assert.Equal(result.Events, final["hft_pipeline_events_total"]);
        Assert.Equal(result.Decisions, final["hft_pipeline_decisions_total"]);
        Assert.Equal(result.Inference.Rows, final["hft_pipeline_inference_rows_total{outcome=\"predicted\"}"]);
        Assert.Equal(1, final["hft_pipeline_book_state{symbol=\"BTCUSDT\",state=\"synced\"}"] + final["hft_pipeline_book_state{symbol=\"BTCUSDT\",state=\"syncing\"}"]);

        string live = "role=\"live\",model=\"pipeline-test\",version=\"1\"";
        // The live model's monitor counts the stage's batches plus the validator's single-row canary and latency runs.
        double validationRuns = final[$"hft_model_runs_total{{{live}}}"] - result.Inference.Batches;
        Assert.InRange(validationRuns, 1, 64);
        Assert.Equal(result.Inference.Rows + validationRuns, final[$"hft_model_predictions_total{{{live}}}"]);
        Assert.Equal(final[$"hft_model_runs_total{{{live}}}"], final[$"hft_model_batch_size_count{{{live}}}"]);
        Assert.Equal(final[$"hft_model_predictions_total{{{live}}}"], final[$"hft_model_batch_size_sum{{{live}}}"]);
        // Latency histogram: cumulative buckets, +Inf equals the count, which covers every run since the start.
        Assert.Equal(final[$"hft_model_runs_total{{{live}}}"], final[$"hft_model_inference_latency_seconds_count{{{live}}}"]);
        Assert.Equal(final[$"hft_model_inference_latency_seconds_count{{{live}}}"], final[$"hft_model_inference_latency_seconds_bucket{{{live},le=\"+Inf\"}}"]);
        // 12 bounds from 10 us to 100 ms and +Inf, cumulative (the serializer formats the bounds its own way).
        string bucket = $"hft_model_inference_latency_seconds_bucket{{{live},le=\"";
        var buckets = final.Where(kv => kv.Key.StartsWith(bucket, StringComparison.Ordinal))
            .Select(kv => (Le: kv.Key[bucket.Length..^2] is var le && le == "+Inf" ? double.PositiveInfinity : double.Parse(le, NumberStyles.Float, CultureInfo.InvariantCulture), Count: kv.Value))
            .OrderBy(b => b.Le).ToList();
        Assert.Equal(13, buckets.Count);
        Assert.Equal(1e-5, buckets[0].Le, 12);
        Assert.Equal(0.1, buckets[11].Le, 12);
        for (int i = 1; i < buckets.Count; i++) Assert.True(buckets[i].Count >= buckets[i - 1].Count, $"bucket le={buckets[i].Le} decreased");
        Assert.True(final[$"hft_model_predictions_total{{role=\"candidate\",model=\"pipeline-test\",version=\"1\"}}"] > 0);
        Assert.Equal(result.Shadow!.Stats.Observed, final["hft_shadow_observed_total"]);
        Assert.Equal(0, final["hft_model_rejections_total{reason=\"TooSlow\"}"]);
        Assert.True(final["hft_model_online_scored_total{horizon=\"5s\"}"] > 0);
        Assert.Equal(0, final["hft_model_loss_drift_alarms_total{horizon=\"5s\"}"]); // a short steady run: no lasting rise
        // Input drift: every feature has a PSI gauge; the decision rows reached the monitor through the observer.
        var drift = recorder.FeatureDrift!;
        Assert.True(drift.Evaluations > 0, "no drift evaluation in a simulated minute");
        Assert.Equal(width, final.Keys.Count(k => k.StartsWith("hft_feature_psi{", StringComparison.Ordinal)));
        Assert.True(final.Where(kv => kv.Key.StartsWith("hft_feature_psi{", StringComparison.Ordinal)).Max(kv => kv.Value) > 0.25);
        Assert.Equal(drift.Alarms, final["hft_feature_drift_alarms_total"]);
        Assert.True(final["hft_feature_drift_alarms_total"] > 0);
        Assert.True(final.ContainsKey("hft_prediction_psi{class=\"up\"}"));
    }
}
