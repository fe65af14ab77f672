using System.CommandLine;
using System.Text.Json.Nodes;
using HftScalper.Binance.Sync;
using HftScalper.Cli.Commands.Replay;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Monitoring;
using HftScalper.Engine.Pipeline;
using HftScalper.Engine.Reporting;
using HftScalper.Engine.Shadow;
using HftScalper.Features.Engine;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Serving;
using HftScalper.Recording.Integrity;
using HftScalper.Recording.Replay;
using HftScalper.Simulator;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft replay [FILE...] [--model PATH] [--config FILE] [--report DIR] [--json] [--shadow FILE] [--metrics-port N]</c>: the main job. Replays
/// recordings (format detected by content; no file = the built-in market simulator) through the whole pipeline:
/// parser -> ring -> book + features -> inference -> signal -> risk -> paper exchange, and prints the summary
/// (throughput, tick-to-decision latency, GC, accuracy, PnL, Sharpe, drawdown, win rate, decision digest).
/// <c>--shadow</c> scores a candidate beside the live model off the decision path (decisions and digest unchanged);
/// <c>--metrics-port</c> serves Prometheus metrics on 127.0.0.1 while the run goes on.
/// </summary>
public static class ReplayCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Arity = ArgumentArity.ZeroOrMore, Description = "Recordings or journal folders in order; none = the market simulator" };
        var market = new Option<string>("--market") { Description = "spot (U/u chaining) | usdm | coinm (pu chaining)", DefaultValueFactory = _ => "spot" };
        var speed = new Option<double>("--speed") { Description = "Pace at recorded speed times this factor (0 = as fast as possible)", DefaultValueFactory = _ => 0 };
        var simMinutes = new Option<double>("--sim-minutes") { Description = "Simulated minutes when no file is given", DefaultValueFactory = _ => 10 };
        var model = new Option<string?>("--model") { Description = "ONNX model (default: models/default.onnx, the bundled model)" };
        var modelsDir = new Option<string?>("--models-dir") { Description = "Serve the promoted model of this folder and hot-reload any model dropped into it while running (decisions then depend on when the swap lands)" };
        var noModel = new Option<bool>("--no-model") { Description = "Run without a model: every decision uses the rule-based fallback signal" };
        var config = new Option<string?>("--config") { Description = "JSON file overriding pipeline, risk, fee and latency settings" };
        var report = new Option<string?>("--report") { Description = "Write an HTML report with plots (and summary.json) into this folder" };
        var topology = new Option<string?>("--topology") { Description = "inline (one thread, default) | threaded (one thread per stage)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress line and only warnings in the log" };
        var shadow = new Option<string?>("--shadow") { Description = "Score this candidate model beside the live one on the same decisions (off the decision path; decisions unchanged) and report both" };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "Serve Prometheus metrics on http://127.0.0.1:PORT/metrics while the replay runs (0 = any free port, printed)" };
        var strict = InputDamageReport.StrictOption();
        var cmd = new Command("replay", "Run the whole trading pipeline over recordings (or the simulator) and report")
            { files, market, speed, simMinutes, model, modelsDir, noModel, config, report, topology, json, quiet, shadow, metricsPort, strict };
        cmd.SetAction(parse => Run(new Args(parse.GetValue(files) ?? [], parse.GetValue(market) ?? "spot", parse.GetValue(speed),
            parse.GetValue(simMinutes), parse.GetValue(model), parse.GetValue(modelsDir), parse.GetValue(noModel), parse.GetValue(config), parse.GetValue(report),
            parse.GetValue(topology), parse.GetValue(json), parse.GetValue(quiet), parse.GetValue(shadow), parse.GetValue(metricsPort), parse.GetValue(strict))));
        return cmd;
    }

    private sealed record Args(string[] Files, string Market, double Speed, double SimMinutes, string? Model, string? ModelsDir, bool NoModel,
        string? Config, string? Report, string? Topology, bool Json, bool Quiet, string? Shadow = null, int? MetricsPort = null, bool Strict = false);

    private static int Run(Args a)
    {
        var (rule, venue) = a.Market.ToLowerInvariant() switch
        {
            "spot" => (DepthSyncRule.Spot, "binance-spot"),
            "usdm" => (DepthSyncRule.Futures, "binance-usdm"),
            "coinm" => (DepthSyncRule.Futures, "binance-coinm"),
            _ => throw new ArgumentException($"--market must be spot, usdm or coinm, not '{a.Market}'"),
        };
        if (a.Speed < 0 || double.IsNaN(a.Speed) || double.IsInfinity(a.Speed)) throw new ArgumentException($"--speed must be 0 or a positive factor, got {a.Speed}");
        if ((a.NoModel ? 1 : 0) + (a.Model is null ? 0 : 1) + (a.ModelsDir is null ? 0 : 1) > 1)
            throw new ArgumentException("--model, --models-dir and --no-model exclude each other");

        using var logs = CliLogging.Create(a.Quiet ? LogLevel.Warning : LogLevel.Information);
        var log = logs.CreateLogger("hft.replay");
        var options = new PipelineOptions { SyncRule = rule, Venue = venue };
        if (a.Config is not null) options = RunConfig.Load(a.Config).Apply(options);
        if (a.Topology is not null) options = options with { Topology = Enum.Parse<PipelineTopology>(a.Topology, ignoreCase: true) };

        string modelName = "";
        using var session = a.ModelsDir is null ? LoadModel(a, logs, log, out modelName) : null;
        // Hot reload validates drops on the run's recent real rows (copied by the feature stage).
        var canary = a.ModelsDir is null ? null : new CanaryRows(FeatureEngine.DefaultSchema.Count);
        using var lifecycle = a.ModelsDir is null ? null : StartLifecycle(a.ModelsDir, logs, canary, out modelName);
        using var watcher = lifecycle is null ? null : new ModelDirectoryWatcher(lifecycle, logs.CreateLogger("hft.models"));
        watcher?.Start();
        IDecisionModelSource models = lifecycle is null ? new SingleModelSource(session) : new HostedModelSource(lifecycle.Host);
        var registry = new SymbolRegistry();
        var opened = a.Files.Length > 0 ? ReplaySourceFactory.Open(registry, a.Files, m => log.LogWarning("{Message}", m), venue) : OpenSimulator(registry, a.SimMinutes);
        using var source = a.Speed > 0 ? Pace(opened, a.Speed) : opened;
        if ((session?.Metadata ?? lifecycle?.Host.Current?.Metadata) is { } meta) options = options with { Recorder = ScoreLikeTraining(options.Recorder, meta, log), Features = meta.FeatureOptions(options.Features) };
        if (lifecycle is not null) lifecycle.Validator.EngineFeatureProfile = Features.Regime.FeatureProfile.Of(options.Features ?? FeatureEngineOptions.Default);
        using var shadowRun = ReplayShadow.Open(a.Shadow, lifecycle, options.Recorder.Predictions, options.Features, logs, log);
        var pipeline = new TradingPipeline(registry, options, models, log, new PipelineHooks { Canary = canary, Shadow = shadowRun?.Options });
        using var metrics = a.MetricsPort is { } port ? StartMetrics(pipeline, port, session, lifecycle, shadowRun, logs) : null;

        PipelineResult result;
        using (var progress = new ProgressReporter(() => pipeline.Published, 0, new ProgressReporterOptions { Output = Console.Error }))
        {
            if (!a.Quiet) progress.Start();
            result = pipeline.Run(source);
        }
        if (result.Events == 0) throw new InvalidDataException($"no market event came out of {source.Description}");

        var counters = new RunCounters
        {
            Events = result.Events, Decisions = result.Decisions, ElapsedSeconds = result.ElapsedSeconds,
            Gen0Collections = result.Gen0Collections, Gen1Collections = result.Gen1Collections, Gen2Collections = result.Gen2Collections,
            AllocatedBytes = result.AllocatedBytes, Digest = result.Digest, Source = source.Description, Model = modelName,
        };
        var summary = RunStatistics.Summarize(result.Recorder, counters) with
        {
            AllocatedBytesPerEvent = Math.Round(result.AllocatedBytesPerEvent, 4),
            StartingEquity = options.Trading.InitialEquity,
            FinalEquity = result.Trading.FinalEquity,
        };
        var o = (JsonObject)JsonNode.Parse(RunSummaryJson.Serialize(summary))!;
        o["topology"] = options.Topology.ToString().ToLowerInvariant();
        o["frames"] = result.Frames;
        o["orders"] = result.Orders;
        o["steadyStateEvents"] = result.SteadyEvents;
        o["modelSignals"] = result.Trading.ModelSignals;
        o["fallbackSignals"] = result.Trading.FallbackSignals;
        o["signalSwitches"] = result.Trading.SignalSwitches;
        o["killSwitchTrips"] = result.Trading.KillSwitchTrips;
        o["halted"] = result.Trading.Halted;
        o["riskVerdicts"] = new JsonObject(result.Trading.RiskVerdicts.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        o["inferenceBatches"] = result.Inference.Batches;
        o["inferenceRows"] = result.Inference.Rows;
        o["parseRejected"] = result.Parse?.Rejected ?? 0;
        o["gaps"] = result.Sync.Gaps;
        o["crossed"] = result.Sync.Crossed;
        o["drained"] = result.Drained;
        if (result.Shadow is { } sh) o["shadow"] = ReplayShadow.Json(sh);
        if (metrics is not null) o["metricsUrl"] = metrics.Url;
        var damage = InputDamage.Of(source);
        damage.AddRejectedFrames(result.Parse?.Rejected ?? 0);
        InputDamageReport.Report("replay", damage, o);

        if (a.Report is not null)
        {
            string index = HtmlReportWriter.Write(a.Report, summary, result.Recorder);
            o["report"] = index;
        }
        if (a.Json) JsonOut.Write(o);
        else
        {
            Console.WriteLine(RunSummaryText.Format(summary));
            Console.WriteLine($"orders {result.Orders}, model signals {result.Trading.ModelSignals}, fallback signals {result.Trading.FallbackSignals}, "
                + $"kill-switch trips {result.Trading.KillSwitchTrips}, gaps {result.Sync.Gaps}, topology {o["topology"]}");
            if (a.Report is not null) Console.WriteLine($"report: {o["report"]}");
            if (result.Shadow is { } sh2) Console.WriteLine(ReplayShadow.Text(sh2));
        }
        return InputDamageReport.ExitCode(result.Drained ? 0 : CliErrors.InternalError, damage, a.Strict);
    }

    // The default model is optional (a fresh machine may not have it yet); an explicit one must load.
    private static ModelSession? LoadModel(Args a, ILoggerFactory logs, ILogger log, out string name)
    {
        name = "fallback (no model)";
        if (a.NoModel) return null;
        string? path = a.Model ?? ModelPaths.FindDefault();
        if (path is null)
        {
            log.LogWarning("No model given and no bundled models/{File} found: every decision uses the rule-based fallback signal", ModelPaths.DefaultFile);
            return null;
        }
        var loader = new ModelLoader(FeatureEngine.DefaultSchema, new ServingOptions(), logs.CreateLogger("hft.model"));
        if (!loader.TryLoad(path, out var session, out var error))
        {
            if (a.Model is not null) throw new InvalidDataException($"model {path} refused: {error}");
            log.LogError("Bundled model {Path} refused ({Error}): every decision uses the rule-based fallback signal", path, error);
            return null;
        }
        session!.Warmup();
        name = $"{session.Metadata.Name} v{session.Metadata.Version} ({Path.GetFileName(path)}, {session.ExecutionProvider})";
        log.LogInformation("Model {Name}", name);
        return session;
    }

    // Accuracy answers the model's own question: its horizon is the headline, its labelling threshold (ticks or bps
    // of the mid, from the training metadata) decides up/flat/down.
    private static RunRecorderOptions ScoreLikeTraining(RunRecorderOptions recorder, Inference.Metadata.ModelMetadata meta, ILogger log)
    {
        var p = recorder.Predictions;
        // Score at the model's own horizon too (it may not be one of the default 5/10/30 s), and make it the headline.
        long modelHorizonNs = (long)meta.Horizon.TotalNanoseconds;
        var horizons = p.HorizonsNs;
        if (modelHorizonNs > 0 && Array.IndexOf(horizons, modelHorizonNs) < 0)
        {
            horizons = [.. horizons, modelHorizonNs];
            Array.Sort(horizons);
        }
        int primary = Array.IndexOf(horizons, modelHorizonNs);
        double ticks = p.ThresholdTicks, bps = 0;
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(meta.ValidationMetricsJson);
            if (doc.RootElement.TryGetProperty("labelling", out var l) && l.TryGetProperty("threshold", out var t) && t.GetString() is { } text)
            {
                // The trainer's own parser, so replay reads the labelling exactly as training wrote it.
                var threshold = Training.Labels.MoveThreshold.Parse(text);
                if (threshold.InBasisPoints) bps = threshold.Value;
                else ticks = threshold.Value;
            }
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            log.LogWarning("Model metadata has no readable labelling ({Error}); accuracy uses {Ticks} ticks", e.Message, ticks);
        }
        var predictions = new PredictionRecorderOptions
        {
            HorizonsNs = horizons, ThresholdTicks = ticks, ThresholdBps = bps, PrimaryHorizon = primary >= 0 ? primary : p.PrimaryHorizon,
            PendingCapacity = p.PendingCapacity, MaxSymbols = p.MaxSymbols, CalibrationBins = p.CalibrationBins,
        };
        return new RunRecorderOptions
        {
            StageNames = recorder.StageNames, HighestTrackableLatencyNs = recorder.HighestTrackableLatencyNs, EquityGridIntervalNs = recorder.EquityGridIntervalNs,
            EquityTraceCapacity = recorder.EquityTraceCapacity, TradeCapacity = recorder.TradeCapacity, Predictions = predictions,
        };
    }

    // Metrics: the pipeline's counters and every model serving in the run, on 127.0.0.1 only.
    private static MetricsHttpServer StartMetrics(TradingPipeline pipeline, int port, ModelSession? session, ModelLifecycle? lifecycle, ReplayShadow? shadow, ILoggerFactory logs)
    {
        var metrics = new PipelineMetrics(pipeline);
        if (session is not null) metrics.AddModel("live", session, DateTimeOffset.UtcNow);
        if (lifecycle is not null) metrics.AddLifecycle(lifecycle);
        if (shadow is not null) metrics.AddShadow(shadow.Options.Scorer);
        var server = new MetricsHttpServer(port, metrics.Render, logs.CreateLogger("hft.metrics"));
        Console.Error.WriteLine($"metrics: {server.Url}");
        return server;
    }

    // Hot reload: the promoted model of the folder (manifest.json, or default.onnx) serves; drops are watched.
    private static ModelLifecycle StartLifecycle(string dir, ILoggerFactory logs, CanaryRows? canary, out string name)
    {
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"models folder not found: {dir}");
        var lifecycle = new ModelLifecycle(FeatureEngine.DefaultSchema, new ModelLifecycleOptions { Directory = dir }, logs.CreateLogger("hft.models"), canary);
        name = lifecycle.LoadPromoted() && lifecycle.Host.Current is { } m
            ? $"{m.Metadata.Name} v{m.Metadata.Version} ({Path.GetFileName(m.SourcePath)}, hot reload from {dir})"
            : $"none yet (hot reload from {dir}; fallback until a model is dropped)";
        return lifecycle;
    }

    private static ReplaySource OpenSimulator(SymbolRegistry registry, double minutes)
    {
        if (!(minutes > 0) || minutes > 24 * 60) throw new ArgumentException($"--sim-minutes must be in (0, 1440], got {minutes}");
        var options = SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(minutes) };
        return new ReplaySource(ReplayFormat.Unknown, new MarketSimulatorSource(options, registry));
    }

    private static ReplaySource Pace(ReplaySource source, double speed) =>
        source.Frames is { } f
            ? new ReplaySource(source.Format, new PacedFrameSource(f, speed))
            : new ReplaySource(source.Format, new PacedEventSource(source.Events!, speed));
}
