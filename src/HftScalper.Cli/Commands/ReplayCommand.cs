using System.CommandLine;
using System.Text.Json.Nodes;
using HftScalper.Binance.Sync;
using HftScalper.Training.Data;
using HftScalper.Cli.Commands.Replay;
using HftScalper.Cli.Feedback;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Engine.Shadow;
using HftScalper.Features.Engine;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Serving;
using HftScalper.Recording.Integrity;
using HftScalper.Recording.Replay;
using HftScalper.Reporting;
using HftScalper.Reporting.Monitoring;
using HftScalper.Simulator;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft replay [FILE...] [--model PATH] [--config FILE] [--report DIR] [--json] [--shadow FILE] [--metrics-port N]</c>: the main job. Replays
/// recordings (format detected by content; no file = the built-in market simulator) through the whole pipeline:
/// parser -> ring -> book + features -> inference -> signal -> risk -> paper exchange, and prints the summary
/// (throughput, tick-to-decision latency, GC, accuracy, PnL, Sharpe, drawdown, win rate, decision digest).
/// <c>--shadow</c> scores a candidate beside the live model off the decision path (decisions and digest unchanged);
/// <c>--serve [ADDR:]PORT</c> runs on the Generic Host as <c>hft run</c> does (READY=1, its signals), serves the live
/// dashboard and <c>/metrics</c> (Kestrel, stopped with the host) and keeps serving after the run
/// (until Ctrl+C or <c>--serve-for</c>); <c>--metrics-port N</c> is the same server on 127.0.0.1:N for the run only.
/// </summary>
internal static partial class ReplayCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Arity = ArgumentArity.ZeroOrMore, Description = "Recordings or journal folders in order; none = the market simulator" };
        var market = DatasetOptions.Market();
        var speed = new Option<double>("--speed") { Description = "Pace at recorded speed times this factor (0 = as fast as possible)", DefaultValueFactory = _ => 0 };
        var simMinutes = new Option<double>("--sim-minutes") { Description = "Simulated minutes when no file is given", DefaultValueFactory = _ => 10 };
        var model = new Option<string?>("--model") { Description = "ONNX model (default: models/default.onnx, the bundled model)" };
        var modelsDir = new Option<string?>("--models-dir") { Description = "Serve the promoted model of this folder and hot-reload any model dropped into it while running (decisions then depend on when the swap lands)" };
        var returnModel = new Option<string?>("--return-model") { Description = "Return regressor (bps of the mid) whose prediction is the expected move of risk's expected-value gate (default: NAME.return.onnx beside the model, when it predicts bps)" };
        var noModel = new Option<bool>("--no-model") { Description = "Run without a model: every decision uses the rule-based fallback signal" };
        var config = ConfigFileSetup.Option();
        var report = new Option<string?>("--report") { Description = "Write an HTML report with plots (and summary.json) into this folder" };
        var topology = new Option<string?>("--topology") { Description = "inline (one thread, default) | threaded (one thread per stage)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress line and only warnings in the log" };
        var shadow = new Option<string?>("--shadow") { Description = "Score this candidate model beside the live one on the same decisions (off the decision path; decisions unchanged) and report both" };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "Serve Prometheus metrics on http://127.0.0.1:PORT/metrics while the replay runs (0 = any free port, printed)" };
        var seed = new Option<ulong>("--seed") { Description = "Simulator seed when no file is given: same seed, same market", DefaultValueFactory = _ => SimulatorOptions.Default.Seed };
        var ordersJournal = new Option<string?>("--orders-journal") { Description = "Journal every order request and execution report into this folder (hft journal orders DIR reads it)" };
        var trades = new Option<string?>("--trades") { Description = "Write one row per fill (price, size, maker/taker, fee, the model's probabilities, markouts at 1/5/30 s) to FILE: Parquet, or CSV when it ends in .csv" };
        var online = new Option<bool>("--online") { Description = "Learn an online (FTRL) layer over the features and the model's probabilities from each decision's label one horizon later, scored prequentially beside the frozen model (decisions unchanged unless config online.drive)" };
        var baselines = new Option<bool>("--baselines") { Description = "Also run the rule-based fallback and a no-information maker over the same events (separate passes, not in the digest) and report them beside the model" };
        var strict = InputDamageReport.StrictOption();
        var serve = DashboardSetup.ServeOption("Serve the live dashboard (and /metrics) on [ADDRESS:]PORT (loopback unless an address is given; 0 = any free port) and keep serving after the run until Ctrl+C or --serve-for");
        var serveFor = DashboardSetup.ServeForOption();
        var serveToken = DashboardSetup.TokenOption();
        var switchAt = SimulateCommand.SwitchAtOption();
        var latentValue = SimulateCommand.LatentValueOption();
        var switchSymbols = SimulateCommand.SwitchSymbolsOption();
        var simSymbols = new Option<string?>("--sim-symbols") { Description = "Symbols the simulator trades when no file is given, comma-separated (default btcusdt)" };
        var gateHorizon = GateOptions.Horizon();
        var gateThreshold = GateOptions.Threshold();
        var adapt = new AdaptSetup();
        var cmd = new Command("replay", "Run the whole trading pipeline over recordings (or the simulator) and report")
            { files, market, speed, simMinutes, model, returnModel, modelsDir, noModel, config, report, topology, json, quiet, shadow, metricsPort, seed, trades, strict, ordersJournal, baselines, serve, serveFor, serveToken, online, switchAt, switchSymbols, simSymbols, gateHorizon, gateThreshold, latentValue };
        foreach (var o in adapt.All) cmd.Options.Add(o);
        cmd.SetAction((parse, _) => Start(new Args(parse.GetValue(files) ?? [], parse.GetValue(market), parse.GetValue(speed),
            parse.GetValue(simMinutes), parse.GetValue(model), parse.GetValue(modelsDir), parse.GetValue(noModel), parse.GetValue(config), parse.GetValue(report),
            parse.GetValue(topology), parse.GetValue(json), parse.GetValue(quiet), parse.GetValue(shadow), parse.GetValue(metricsPort), parse.GetValue(strict), parse.GetValue(ordersJournal)) { Seed = parse.GetValue(seed), Trades = parse.GetValue(trades), ReturnModel = parse.GetValue(returnModel), Baselines = parse.GetValue(baselines), Online = parse.GetValue(online),
                Serve = parse.GetValue(serve), ServeFor = RecordCommand.ParseDuration(parse.GetValue(serveFor)), ServeToken = parse.GetValue(serveToken),
                SwitchAt = parse.GetValue(switchAt), SwitchSymbols = parse.GetValue(switchSymbols), SimSymbols = parse.GetValue(simSymbols), LatentValue = parse.GetValue(latentValue), Adapt = adapt.Parse(parse),
                GateHorizon = parse.GetValue(gateHorizon), GateThreshold = parse.GetValue(gateThreshold) }));
        return cmd;
    }

    // --serve runs on the Generic Host as `hft run` does (its signals, READY=1, Kestrel stopped with it); the
    // pipeline runs on its own thread there, so the host's start and stop are never held up by it.
    private static Task<int> Start(Args a) => a.Serve is null
        ? Task.FromResult(Run(a, null, CancellationToken.None))
        : Hosting.RunHost.RunAsync((host, stopping) => Task.Factory.StartNew(() => Run(a, host, stopping), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default), CancellationToken.None);

    // host: on the Generic Host (--serve), whose stop (SIGINT, SIGTERM) ends the input and whose stopping token ends
    // the serving after the run; null: the watch listens for the signals itself.
    private static int Run(Args a, Hosting.HostedRun? host, CancellationToken stopping)
    {
        // The recordings' own market (fees, sync rule, venue), as train and evaluate read them; --market for those that state none.
        var market = ReplayMarket.ForRecordings(a.Files, DatasetOptions.MarketOf(a.Market));
        var (rule, venue) = (market.Rule, market.Venue);
        if (a.Speed < 0 || double.IsNaN(a.Speed) || double.IsInfinity(a.Speed)) throw new ArgumentException($"--speed must be 0 or a positive factor, got {a.Speed}");
        if ((a.NoModel ? 1 : 0) + (a.Model is null ? 0 : 1) + (a.ModelsDir is null ? 0 : 1) > 1)
            throw new ArgumentException("--model, --models-dir and --no-model exclude each other");

        using var logs = CliLogging.Create(a.Quiet ? LogLevel.Warning : LogLevel.Information);
        var log = logs.CreateLogger("hft.replay");
        // The market's own default fee tier (VIP 0); --config's feeTier / makerFeePpm / takerFeePpm override it (Binance.US: only at stated fees).
        var config = ConfigFileSetup.Load(a.Config);
        var options = ConfigFileSetup.Options(config, rule, venue);
        options = ReplayLayout.Choose(options, a.Topology, config, a.Files.Length > 0, a.Speed > 0, out string layoutRule); // threads per source
        if (a.Adapt is not null && (a.ModelsDir is not null || a.NoModel)) throw new ArgumentException("--adapt adapts one model: it excludes --models-dir and --no-model");
        // The loop swaps models between two events: inline, that event is the same in every replay.
        if (a.Adapt is not null) options = options with { Topology = PipelineTopology.Inline };
        if (a.MetricsPort is { } mp) Core.Settings.SettingRange.Check("--metrics-port", mp, 0, 65535);

        string modelName = "";
        using var session = a.ModelsDir is null && a.Adapt is null ? DecisionModel.Load(a.Model, a.NoModel, logs, log, out modelName) : null;
        // Hot reload validates drops on the run's recent real rows (copied by the feature stage).
        var canary = a.ModelsDir is null && a.Adapt is null ? null : new CanaryRows(FeatureEngine.DefaultSchema.Count);
        using var lifecycle = a.Adapt is { } adapting
            ? AdaptSetup.Lifecycle(adapting, a.Model ?? ModelPaths.FindDefault() ?? throw new FileNotFoundException("--adapt: no model given and no bundled models/default.onnx"), canary, logs, out modelName)
            : a.ModelsDir is null ? null : Replay.ModelsDirStart.Open(a.ModelsDir, logs, canary, out modelName);
        using var watcher = lifecycle is null || a.Adapt is not null ? null : new ModelDirectoryWatcher(lifecycle, logs.CreateLogger("hft.models"));
        watcher?.Start();
        IDecisionModelSource models = lifecycle is null ? new SingleModelSource(session)
            : a.Adapt is { } ad ? AdaptSetup.Models(ad, lifecycle) : new HostedModelSource(lifecycle.Host);
        var adaptModels = models;
        using var returns = ExpectedMove.Setup(session ?? lifecycle?.Host.Current?.Session, ExpectedMove.DirectionPath(a.Model, a.NoModel || a.ModelsDir is not null),
            a.ReturnModel, ref options, logs, log);
        var gate = GateJudging.Parse(a.GateHorizon, a.GateThreshold, config?.Gate()); // the command line over --config's model section
        options = MovePriorSetup.Apply(session ?? lifecycle?.Host.Current?.Session, options, log, gate);
        var registry = new SymbolRegistry(config?.MaxSymbols ?? SymbolRegistry.DefaultMaxSymbols);
        using var symbolModels = ReplaySymbolModels.Open(config, session, registry, logs, log);
        if (symbolModels is not null) models = symbolModels.Source; // per-symbol models, the run's model for the rest
        using var watch = RunWatch.Start("replay", a.Files, a.Quiet, host?.Stop); // progress + Ctrl+C; before the sources open
        var known = a.Files.Length > 0 ? PrescanSymbols(a, venue, log) : [];
        var opened = a.Files.Length > 0 ? OpenFiles(registry, a, known, venue, log) : OpenSimulator(registry, Simulator(a), venue, options.Trading.Futures.ContractSizes);
        using var source = a.Speed > 0 ? Pace(opened, a.Speed) : opened;
        var recording = new RunRecorderOptions();
        if ((session ?? lifecycle?.Host.Current?.Session) is { } served)
        {
            recording = ScoreLikeTraining(recording, served.Contract) with { Reference = served.Metadata.Reference, FeatureNames = served.Metadata.FeatureNames };
            options = options with { Features = served.Metadata.FeatureOptions(options.Features) };
        }
        if (lifecycle is not null) lifecycle.Validator.EngineFeatureProfile = Features.Regime.FeatureProfile.Of(options.Features ?? FeatureEngineOptions.Default);
        if (a.Adapt is not null && a.Shadow is not null) throw new ArgumentException("--adapt scores its own candidates in shadow: it excludes --shadow");
        double? switchAt = a.Files.Length == 0 ? a.SwitchAt : null;
        var perSymbol = a.Adapt is { PerSymbol: > 0 } ps ? AdaptPerSymbol.Open(ps, lifecycle!, registry, switchAt, replay: true, canary, logs) : default;
        using var symbolAdaptation = perSymbol.Adaptation;
        if (perSymbol.Models is not null) models = perSymbol.Models; // each symbol served by its own lifecycle's live model
        using var loop = a.Adapt is null || perSymbol.Adaptation is not null ? null : AdaptSetup.Loop(a.Adapt, lifecycle!, switchAt, replay: true, logs);
        using var shadowRun = a.Adapt is null ? ReplayShadow.Open(a.Shadow, lifecycle, recording.Predictions, options.Features, logs, log)
            : loop is null ? null : ReplayShadow.ForLifecycle(lifecycle!, recording.Predictions);
        var online = ReplayOnline.Open(a.Online, config, recording.Predictions, (session ?? lifecycle?.Host.Current?.Session) is not null, log,
            FeatureEngine.SchemaFor(FeatureEngine.DefaultSchema, options.Features?.CrossSymbol).Count); // the rows the engine writes for the served model
        // The report's recorders observe the run: the engine hands them each decision and round trip.
        if (a.Trades is not null) recording = recording with { Fills = recording.Fills with { FillCapacity = ReplayTrades.Capacity } };
        recording = recording with { Fills = recording.Fills with { ContractSizes = options.Trading.Futures.ContractSizes } }; // COIN-M amounts in the coin
        var recorder = new RunRecorder(recording, registry, logs.CreateLogger("hft.drift"));
        // --baselines: the run's fills are also marked out at the model's horizon (an observer; decisions unchanged).
        var tap = a.Baselines ? new Replay.Baselines.HorizonMarkoutTap(recorder, registry, options.Trading.HorizonNs) : null;
        var journal = OrderJournalSetup.Open(a.OrdersJournal, registry, venue, fsync: false, log);
        if (a.ServeFor is not null && a.Serve is null) throw new ArgumentException("--serve-for needs --serve");
        var dashboard = DashboardSetup.Open(a.Serve, a.MetricsPort, a.ServeToken, null, (IRunObserver?)tap ?? recorder, registry);
        using var dashboardHere = host is null ? dashboard : null; // on the host, the host stops it after the run
        if (dashboard is null) UntimedRuns(session, returns); // nothing reads the models' run latency: no clock reads for it
        host?.Own(dashboard);
        IRunObserver observer = (IRunObserver?)dashboard?.Tap ?? (IRunObserver?)tap ?? recorder;
        var abPnl = adaptModels is AbModelSource abSource ? new AbArmPnl(abSource, observer) : null; // --adapt-ab: PnL per arm
        var pipeline = new TradingPipeline(registry, options, models, log,
            new PipelineHooks { Canary = canary, Shadow = shadowRun?.Options, Observer = (IRunObserver?)abPnl ?? observer, OrderFlow = journal, Follower = (IDecisionFollower?)symbolAdaptation ?? loop, Online = online },
            returns: returns);
        if (dashboard is not null) StartMetrics(dashboard, pipeline, registry, recorder, session, lifecycle, shadowRun, modelName, options.Trading.Risk.MaxDrawdownFraction, logs);
        host?.Ready(); // the dashboard listens and the input is open: systemd hears READY=1

        PipelineResult result;
        try
        {
            result = pipeline.Run(watch.Feed(source, registry, options.Venue));
        }
        finally
        {
            journal?.Dispose();
            watch.EndProgress();
        }
        if (result.Events == 0 && watch.Stopped) throw new OperationCanceledException();
        if (result.Events == 0) throw new InvalidDataException($"no market event came out of {source.Description}");

        var counters = new RunCounters
        {
            Events = result.Events, Decisions = result.Decisions, ElapsedSeconds = result.ElapsedSeconds,
            Gen0Collections = result.Gen0Collections, Gen1Collections = result.Gen1Collections, Gen2Collections = result.Gen2Collections,
            AllocatedBytes = result.AllocatedBytes, Digest = result.Digest, Source = source.Description, Model = modelName,
            FundingTotal = result.Futures?.FundingTotal ?? 0,
        };
        var summary = RunStatistics.Summarize(recorder, counters) with
        {
            AllocatedBytesPerEvent = Math.Round(result.AllocatedBytesPerEvent, 4),
            StartingEquity = options.Trading.InitialEquity,
            FinalEquity = result.Trading.FinalEquity,
        };
        var o = (JsonObject)JsonNode.Parse(RunSummaryJson.Serialize(summary))!;
        o["source"] = JsonShapes.Source(a.Files, Simulator(a), source.Description, source.Format == ReplayFormat.Unknown ? null : source.Format.ToString());
        o["model"] = ModelJson(a, session, lifecycle);
        if (symbolModels is not null) o["symbolModels"] = symbolModels.Json();
        ReplayLayout.AddJson(o, options, layoutRule); // topology, layout
        o["frames"] = result.Frames;
        o["orders"] = result.Orders;
        o["steadyStateEvents"] = result.SteadyEvents;
        o["modelSignals"] = result.Trading.ModelSignals;
        o["fallbackSignals"] = result.Trading.FallbackSignals;
        o["modelGatedFallbackSignals"] = result.Trading.ModelGatedFallbackSignals; // directionSource Fallback: the model gated them
        o["signalSwitches"] = result.Trading.SignalSwitches;
        o["killSwitchTrips"] = result.Trading.KillSwitchTrips;
        o["halted"] = result.Trading.Halted;
        o["riskVerdicts"] = JsonShapes.CamelKeys(result.Trading.RiskVerdicts);
        UntradedJson.Add(o, result.Trading); // decisions of symbols not on the desk (no verdict), and why
        AccountJson.Add(o, result.Trading, summary.Pnl);
        if (result.Trading.Execution is { } x) o["execution"] = ExecutionJson(x);
        o["edge"] = EdgeJson.Of(result.Trading.Edge, market.Name, options.Trading.Exchange.Fees, options.Trading.Risk.MinEdgeBps);
        InferenceJson.Add(o, result.Inference, session ?? lifecycle?.Host.Current?.Session, result.CrossSymbol);
        GateOptions.AddJson(o, options.MovePrior);
        o["parseRejected"] = result.Parse?.Rejected ?? 0;
        Replay.BookSyncJson.Add(o, result.Sync, result.Trading.RiskVerdicts, log); // gaps, crossed, resyncs, ...
        o["duplicatesDropped"] = result.Parse?.Duplicates ?? source.Events?.Stats.Duplicates ?? 0;
        o["levelsDroppedByCap"] = result.Sync.LevelsDroppedByCap;
        o["symbolsRefused"] = registry.Refused;
        o["drained"] = result.Drained;
        var futures = result.Futures ?? (venue == "binance-usdm" ? Trading.Margin.MarginSummary.Idle(options.Trading.Futures) : null);
        if (futures is not null) FuturesJson.Add(o, futures);
        if (journal is not null) o["ordersJournal"] = OrderJournalSetup.Json(journal, a.OrdersJournal!);
        if (result.Shadow is { } sh) o["shadow"] = ReplayShadow.Json(sh);
        if (result.Online is { } on)
        {
            o["online"] = ReplayOnline.Json(on, online!.Learner.Options, registry);
            if (ReplayOnline.AbJson(on) is { } ab) o["ab"] = ab;
        }
        if (loop is not null)
        {
            o["adaptation"] = AdaptSetup.Json(loop, lifecycle!, adaptModels, abPnl, recorder.Trades.NetPnl);
            o["adaptationCost"] = AdaptSetup.Cost(loop, lifecycle!);
        }
        if (symbolAdaptation is not null)
        {
            o["adaptation"] = AdaptPerSymbol.Json(symbolAdaptation, lifecycle!);
            o["adaptationCost"] = AdaptPerSymbol.Cost(symbolAdaptation, lifecycle!);
        }
        SpeedJson.Add(o, result);
        if (a.Trades is not null) o["tradesFile"] = ReplayTrades.Write(a.Trades, recorder, registry, log, result.Trading.AccountAsset);
        string? failed = InferenceJson.FailureNote(result.Inference, result.Trading.ModelSignals);
        if (failed is not null) log.LogWarning("Model {Model}: {Note}", summary.Model, failed);
        var baselines = tap is null ? null : BaselineRows(a, summary, failed, result.Orders, tap, known, venue, config, options, recording, logs.CreateLogger("hft.baselines"));
        if (baselines is not null)
            o["baselines"] = Replay.Baselines.BaselinesReport.Json(baselines, tap!.HorizonNs, options.Trading.Exchange.Fees, market.Name);
        dashboard?.Finish(o);
        var damage = InputDamage.Of(source);
        damage.AddRejectedFrames(result.Parse);
        InputDamageReport.NoteDuplicates("replay", result.Parse?.Duplicates ?? source.Events?.Stats.Duplicates ?? 0, result.Parse?.FirstDuplicate);
        InputDamageReport.Report("replay", damage, o);
        watch.Describe(o);

        if (a.Report is not null)
        {
            var context = ReplayTrades.ReportContext(a.Config, options, registry, futures) with { AccountAsset = result.Trading.AccountAsset };
            if (loop is not null) context = context with { Adaptation = AdaptSetup.Timeline(loop) };
            if (symbolAdaptation is not null) context = context with { Adaptation = AdaptPerSymbol.Timeline(symbolAdaptation) };
            string index = HtmlReportWriter.Write(a.Report, summary, recorder, context);
            o["report"] = index;
            JsonOut.WriteFile(Path.Combine(a.Report, "summary.json"), o); // summary.json = the --json object
        }
        if (a.Json) JsonOut.Write(o);
        else
        {
            if (watch.PartialLine(result.Events) is { } partial) Console.WriteLine(partial);
            Console.WriteLine(RunSummaryText.Format(summary, result.Trading.AccountAsset));
            Console.WriteLine($"orders {result.Orders}, model signals {result.Trading.ModelSignals}, fallback signals {result.Trading.FallbackSignals}, "
                + $"kill-switch trips {result.Trading.KillSwitchTrips}, gaps {result.Sync.Gaps}, topology {o["topology"]}");
            if (failed is not null) Console.WriteLine(failed);
            if (a.Report is not null) Console.WriteLine($"report: {o["report"]}");
            if (result.Trading.Edge is { Decisions: > 0 } edge) Console.WriteLine(EdgeJson.Text(edge));
            if (result.Shadow is { } sh2) Console.WriteLine(ReplayShadow.Text(sh2));
            if (result.Online is { } on2) Console.WriteLine(ReplayOnline.Text(on2));
            if (futures is not null) Console.WriteLine(FuturesJson.Text(futures));
            if (baselines is not null) Console.WriteLine(Replay.Baselines.BaselinesReport.Text(baselines, tap!.HorizonNs));
        }
        if (host is not null) dashboard?.ServeAfterRun(a.ServeFor, stopping);
        return watch.ExitCode(InputDamageReport.ExitCode(result.Drained ? 0 : CliErrors.InternalError, damage, a.Strict));
    }

    // --baselines: the run itself first, then the fallback and the no-information maker over the same events.
    private static List<Replay.Baselines.StrategyFigures> BaselineRows(Args a, RunSummary summary, string? failed, long orders, Replay.Baselines.HorizonMarkoutTap tap,
        IReadOnlyList<SymbolInfo> known, string venue, RunConfig? config, PipelineOptions options, RunRecorderOptions recording, ILogger log)
    {
        ReplaySource Open(SymbolRegistry r) => a.Files.Length > 0
            ? OpenFiles(r, a, known, venue, log)
            : OpenSimulator(r, Simulator(a), venue, options.Trading.Futures.ContractSizes);
        var rows = new List<Replay.Baselines.StrategyFigures>
        {
            Replay.Baselines.StrategyFigures.Of("model", $"the run itself: {summary.Model}" + (failed is null ? "" : $" ({failed})"), summary, orders, tap),
        };
        rows.AddRange(Replay.Baselines.ReplayBaselines.Run(Open, config?.MaxSymbols ?? SymbolRegistry.DefaultMaxSymbols, options, recording, tap.HorizonNs, log));
        return rows;
    }

    // The market's own default fee schedule (a config file's fees override it): USD-M VIP 0 for usdm runs.
    internal static PipelineOptions MarketDefaults(PipelineOptions options) => options with
    {
        // The one fee table (FeeTiers): the venue's market at VIP 0; the paper venue charges it and risk's EV gate prices it.
        Trading = options.Trading with { Exchange = options.Trading.Exchange with { Fees = Trading.Economics.FeeTiers.DefaultFor(MarketOf(options.Venue)) } },
    };

    private static string MarketOf(string venue) => venue switch
    {
        "binance-usdm" => "usdm",
        "binance-coinm" => "coinm",
        _ => "spot",
    };

    // Accuracy answers the model's own question: its horizon is the headline, its labelling threshold (ticks or bps
    // of the mid, from the model's contract) decides up/flat/down.
    internal static RunRecorderOptions ScoreLikeTraining(RunRecorderOptions recorder, ModelContract contract)
    {
        var p = recorder.Predictions;
        // Score at the model's own horizon too (it may not be one of the default 5/10/30 s), and make it the headline.
        long modelHorizonNs = (long)contract.Horizon.TotalNanoseconds;
        var horizons = p.HorizonsNs;
        if (modelHorizonNs > 0 && Array.IndexOf(horizons, modelHorizonNs) < 0)
        {
            horizons = [.. horizons, modelHorizonNs];
            Array.Sort(horizons);
        }
        int primary = Array.IndexOf(horizons, modelHorizonNs);
        double ticks = p.ThresholdTicks, bps = 0;
        if (contract.Threshold is { } threshold)
        {
            if (threshold.InBasisPoints) bps = threshold.Value;
            else ticks = threshold.Value;
        }
        var predictions = p with
        {
            HorizonsNs = horizons, ThresholdTicks = ticks, ThresholdBps = bps, PrimaryHorizon = primary >= 0 ? primary : p.PrimaryHorizon,
        };
        return recorder with { Predictions = predictions };
    }

    // Without /metrics or the dashboard no one reads the run-latency histograms of the run's own sessions (the
    // --json timings are the pipeline's stage stamps): their runs are counted, not timed. Hosted models keep timing.
    private static void UntimedRuns(ModelSession? session, ReturnModelSource? returns)
    {
        if (session is not null) session.Monitor.TimesRuns = false;
        if (returns is not null) returns.Session.Monitor.TimesRuns = false;
    }

    // The dashboard and /metrics: the pipeline's counters (as the page's frame shows them) and every model serving in the run.
    private static void StartMetrics(DashboardSetup dashboard, TradingPipeline pipeline, SymbolRegistry registry, RunRecorder recorder, ModelSession? session,
        ModelLifecycle? lifecycle, ReplayShadow? shadow, string modelName, double drawdownLimit, ILoggerFactory logs)
    {
        var metrics = new PipelineMetrics(pipeline, recorder.Predictions, () => dashboard.Sampler?.Snapshot);
        if (session is not null) metrics.AddModel("live", session, DateTimeOffset.UtcNow);
        if (lifecycle is not null) metrics.AddLifecycle(lifecycle);
        if (shadow is not null) metrics.AddShadow(shadow.Options.Scorer);
        if (recorder.FeatureDrift is { } drift) metrics.AddFeatureDrift(drift);
        dashboard.Start(pipeline, registry, metrics.Render, () => modelName, controls: null, logs);
        dashboard.Server!.AddGauge("hft_drawdown_limit_ratio", "Drawdown at which the kill switch halts trading", () => drawdownLimit);
    }

    // The orders' fate: fills by liquidity and the quote manager's cancels, replaces and exits.
    private static JsonObject ExecutionJson(ExecutionFigures x) => new()
    {
        ["fills"] = x.Fills, ["makerFills"] = x.MakerFills, ["takerFills"] = x.TakerFills,
        ["makerShare"] = x.Fills == 0 ? 0 : Math.Round((double)x.MakerFills / x.Fills, 4),
        ["rejects"] = x.Rejects, ["postOnlyRejects"] = x.PostOnlyRejects,
        ["cancels"] = x.Cancels, ["replaces"] = x.Replaces, ["signalCancels"] = x.SignalCancels,
        ["unlikelyFillCancels"] = x.UnlikelyFillCancels, ["selfCrossCancels"] = x.SelfCrossCancels,
        ["takeProfits"] = x.TakeProfits, ["timeStops"] = x.TimeStops, ["adverseStops"] = x.AdverseStops,
        ["stopOrders"] = x.StopOrders, ["rateLimited"] = x.RateLimited, ["chaseCancels"] = x.ChaseCancels,
        ["filterRejects"] = x.FilterRejects, // of rejects: refused by the venue's filters (off the tick/lot grid on paper)
    };

    // The model that served, as an object (the text summary keeps its one-line name).
    private static JsonObject ModelJson(Args a, ModelSession? session, ModelLifecycle? lifecycle)
    {
        if (lifecycle?.Host.Current is { } m)
        {
            var hosted = JsonShapes.Model(m.SourcePath, m.Metadata, m.Session.ExecutionProvider.ToString(), m.Sha256);
            hosted["modelsDir"] = Path.GetFullPath(a.ModelsDir ?? Path.GetDirectoryName(m.SourcePath) ?? ".");
            return Replay.ModelsDirJson.With(hosted, lifecycle.Counters); // swaps, modelsRefused, refusedBy
        }
        if (session is not null && (a.Model ?? ModelPaths.FindDefault()) is { } path)
            return JsonShapes.Model(path, session.Metadata, session.ExecutionProvider.ToString());
        return lifecycle is null ? JsonShapes.Fallback(a.ModelsDir) : Replay.ModelsDirJson.With(JsonShapes.Fallback(a.ModelsDir), lifecycle.Counters);
    }
}
