using System.Text.Json.Nodes;
using HftScalper.Binance.Live;
using HftScalper.Binance.Parsing;
using HftScalper.Binance.Sync;
using HftScalper.Cli.Commands.Replay;
using HftScalper.Core.Security;
using HftScalper.Core.Symbols;
using HftScalper.Core.Time;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Features.Engine;
using HftScalper.Inference.Calibration;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Serving;
using HftScalper.Recording.Orders;
using HftScalper.Reporting;
using HftScalper.Reporting.Monitoring;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands.Run;

/// <summary>
/// Runs <c>hft run</c>: the composition of <c>hft replay</c> with a live source, the wall clock and the paper venue
/// (<c>--mode paper</c>) or Binance spot (<c>--mode testnet|live</c>: <see cref="LiveTradingSession"/> supplies the
/// gateway factory, reconciles, and cancels every open order at exit).
/// <code>
///  Binance / --url --> LiveMarketDataClient --> LiveEventFeed (parse, sync state, bounded queue)
///                                                     '--TryReadMessage--> TradingPipeline (WallClock, paper venue) --> summary
/// </code>
/// The pipeline runs on its own thread; the duration or the host's stop (SIGINT, SIGTERM: the host's stopping
/// token) cancel the feed, the pipeline drains what was queued, the client closes, and the same summary
/// as replay is printed.
/// </summary>
public static class RunCommandRunner
{
    /// <summary>
    /// Trades on the Generic Host until <paramref name="cancel"/> (the host's stopping token) fires or the duration
    /// ends; returns the exit code. The dashboard's server is handed to <paramref name="host"/> (stopped with the host,
    /// after the run) and the host hears "ready" once the dashboard listens and the feed has started.
    /// </summary>
    internal static async Task<int> RunAsync(RunCommandArgs args, Hosting.HostedRun host, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(args);
        if (args.MetricsPort is { } mp) Core.Settings.SettingRange.Check("--metrics-port", mp, 0, 65535);
        var (rule, venue) = (args.Market == BinanceMarket.Spot ? DepthSyncRule.Spot : DepthSyncRule.Futures, args.Market.VenueName());
        using var logs = CliLogging.Create(args.Quiet ? LogLevel.Warning : LogLevel.Information);
        var log = logs.CreateLogger("hft.run");
        // --config over the market's defaults, checked before anything connects (an out-of-range value: exit 2, no order).
        var options = ConfigFileSetup.Options(args.Config, rule, venue); // USD-M fees on usdm
        if (args.Config is { } file) log.LogInformation("Settings: {Config} over the {Market} defaults", file.Source, args.Market.CliName());
        var registry = new SymbolRegistry(args.Config?.MaxSymbols ?? SymbolRegistry.DefaultMaxSymbols);
        // The symbols are registered first from the venue's exchangeInfo, read once here in every mode (paper from the feed's
        // REST base, testnet/live from the venue's after the keys are checked): tick, lot step, minimum and maximum quantity
        // and notional; book quantities as fine as the account's 64-bit units allow. A symbol it cannot serve is refused for
        // trading alone; testnet/live start only when one can be traded (ExchangeInfoScales).
        int accountDecimals = Trading.Execution.TradingDesk.MaxAccountDecimals(options.Trading.InitialEquity);
        var feedEndpoints = LiveFeedSetup.ClientOptions(args.Symbols, args.Market, args.StreamBase, args.RestBase);
        var signer = args.Mode == RunMode.Paper ? null : LiveTradingSession.LoadSigner();
        var venueEndpoints = args.Mode == RunMode.Paper ? null : LiveEndpoints.Resolve(args.Mode, args.Market, args.StreamBase, args.WsApiBase, args.RestBase);
        var scales = await ExchangeInfoScales.RegisterAsync(venueEndpoints?.Rest ?? feedEndpoints.RestBaseUri, args.Market, args.Symbols, registry, accountDecimals,
            m => log.LogInformation("{Message}", SecretRedactor.Redact(m)), cancel).ConfigureAwait(false);
        await using var live = signer is null ? null
            : await LiveTradingSession.ConnectAsync(args, venueEndpoints!, signer, registry, scales, log, cancel).ConfigureAwait(false);
        if (scales.Refused.Count > 0)
            options = options with { Trading = options.Trading with { RefusedSymbols = scales.Refused } };

        using var session = DecisionModel.Load(args.Model, args.NoModel, logs, log, out string modelName);
        if (session is not null) options = options with { Features = session.Metadata.FeatureOptions(options.Features) };
        using var returns = ExpectedMove.Setup(session, ExpectedMove.DirectionPath(args.Model, args.NoModel), null, ref options, logs, log);
        options = MovePriorSetup.Apply(session, options, log, args.Gate);
        if (args.Adapt is not null && args.NoModel) throw new ArgumentException("--adapt adapts a model: it excludes --no-model");
        using var adapt = args.Adapt is { } adapting ? RunAdapt.Open(adapting, args.Model, options.Features, registry, logs) : null;
        var syncOptions = new BookSyncOptions { Rule = options.SyncRule, MaxLevelsPerSide = options.MaxBookLevelsPerSide };
        if (live is not null)
            options = options with
            {
                Trading = options.Trading with
                {
                    OrderIds = live.Session,
                    InitialEquity = live.AccountEquity ?? options.Trading.InitialEquity, // COIN-M: the coin wallet
                    // COIN-M: the venue's contractSize per symbol (configured sizes override, a mismatch is logged); futures: the
                    // venue's maintenance brackets (leverageBracket) over the configured table, which stands when they cannot be had.
                    Futures = live.Futures(options.Trading.Futures),
                },
            };
        var contractSizes = ContractSizesInUse(registry, options);
        if (contractSizes.Count > 0) log.LogInformation("Contract sizes: {Sizes}", string.Join(", ", contractSizes.Select(kv => $"{kv.Key} {kv.Value} USD")));
        var fillOptions = new RunRecorderOptions().Fills with { ContractSizes = options.Trading.Futures.ContractSizes }; // COIN-M amounts in the coin, at the sizes traded
        var recorder = new RunRecorder(new RunRecorderOptions { Reference = session?.Metadata.Reference, FeatureNames = session?.Metadata.FeatureNames, Fills = fillOptions },
            registry, logs.CreateLogger("hft.drift")); // the registry prices fills for the attribution
        // Paper: the venue's filters (the one exchangeInfo read) checked on arrival, so paper rejects what Binance would (-1013).
        var paperFilters = live is null ? new HftScalper.Live.ExchangeOrderFilter(registry, scales.Info?.Symbols ?? new Dictionary<string, HftScalper.Binance.Rules.SymbolFilters>()) : null;
        var tally = new ExecutionTally(live?.Factory ?? new PaperVenueFactory(options.Trading.Exchange with
        {
            SpotMargin = options.Trading.Risk.SpotMargin, ContractSizes = options.Trading.Futures.ContractSizes, Filters = paperFilters,
        }, syncOptions));
        using var journal = OrderJournalSetup.Open(args.Journal, registry, venue, args.JournalFsync, log);
        var dashboard = DashboardSetup.Open(args.Serve, args.MetricsPort, args.ServeToken, DashboardSetup.DefaultRunEndpoint, recorder, registry);
        host.Own(dashboard); // the host stops it after the run
        var mailbox = dashboard is null ? null : new OperatorMailbox();
        var pipeline = new TradingPipeline(registry, options, adapt?.Models ?? new SingleModelSource(session), log,
            new PipelineHooks { Observer = (IRunObserver?)dashboard?.Tap ?? recorder, OrderFlow = journal, Operator = mailbox,
                Canary = adapt?.Canary, Shadow = adapt?.Shadow, Follower = adapt?.Follower },
            new WallClock(), tally, returns);

        Action<string> clientLog = m => log.LogInformation("{Message}", SecretRedactor.Redact(m));
        var clientOptions = (live is null ? feedEndpoints : LiveFeedSetup.ClientOptions(args.Symbols, args.Market, live.Endpoints.Stream, live.Endpoints.Rest))
            with { Log = clientLog };
        string endpoint = SecretRedactor.Redact(clientOptions.StreamBaseUri.ToString());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel); // the host's stop, or the duration
        using var feed = new LiveEventFeed(registry, args.Market, $"live {endpoint}", stop.Token);
        if (dashboard is not null)
        {
            StartDashboard(dashboard, pipeline, registry, recorder, adapt is null ? session : null, modelName, new OperatorControls(mailbox!), logs, adapt);
            dashboard.Server!.AddGauge("hft_drawdown_limit_ratio", "Drawdown at which the kill switch halts trading", () => options.Trading.Risk.MaxDrawdownFraction);
            if (live is not null) dashboard.Server.AddGauge("hft_reconcile_mismatches", "Reconciliations that found the venue and the ledger apart", () => live.ReconcileMismatches);
        }
        var client = new LiveMarketDataClient(clientOptions, registry, feed);
        PipelineResult result;
        LiveOutcome? outcome = null;
        try
        {
            await client.StartAsync().ConfigureAwait(false);
            live?.Start(stop, () => pipeline.Snapshot()?.Halted == true);
            host.Ready(); // the dashboard listens and the feed has started: systemd hears READY=1
            Console.Error.WriteLine($"run: {LiveModeGuard.Name(args.Mode)} trading {string.Join(",", registry.All.Select(s => s.Name))} on {endpoint}" +
                (args.Duration is { } d ? $" for {d}" : " until Ctrl+C"));
            if (args.Duration is { } duration) stop.CancelAfter(duration);
            result = await Task.Factory.StartNew(() => pipeline.Run(feed, stop.Token), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            feed.Stop();
            await client.DisposeAsync().ConfigureAwait(false);
            if (live is not null) outcome = await live.ShutdownAsync(args.FlattenOnExit).ConfigureAwait(false); // cancel all, on any exit
            journal?.Dispose(); // the pipeline has stopped: write what is queued and close
            adapt?.Stop(log); // a retrain in progress: waited for with a bound, then abandoned
        }
        return Summarize(args, registry, result, recorder, tally, feed, modelName, session, options, contractSizes, dashboard, outcome, journal, adapt, scales, log);
    }

    private static int Summarize(RunCommandArgs args, SymbolRegistry registry, PipelineResult result, RunRecorder recorder,
        ExecutionTally tally, LiveEventFeed feed, string modelName, ModelSession? session, PipelineOptions options, IReadOnlyDictionary<string, long> contractSizes,
        DashboardSetup? dashboard, LiveOutcome? live, OrderJournalWriter? journal, RunAdapt? adapt,
        ExchangeInfoScales scales, ILogger log)
    {
        var counters = new RunCounters
        {
            Events = result.Events, Decisions = result.Decisions, ElapsedSeconds = result.ElapsedSeconds,
            Gen0Collections = result.Gen0Collections, Gen1Collections = result.Gen1Collections, Gen2Collections = result.Gen2Collections,
            AllocatedBytes = result.AllocatedBytes, Digest = result.Digest, Source = feed.Description, Model = modelName,
            FundingTotal = result.Futures?.FundingTotal ?? 0,
        };
        var summary = RunStatistics.Summarize(recorder, counters) with
        {
            AllocatedBytesPerEvent = Math.Round(result.AllocatedBytesPerEvent, 4),
            StartingEquity = options.Trading.InitialEquity, // --config's initialEquity, or a COIN-M venue's coin wallet
            FinalEquity = result.Trading.FinalEquity,
        };
        var o = (JsonObject)JsonNode.Parse(RunSummaryJson.Serialize(summary))!;
        o["source"] = new JsonObject { ["kind"] = "live", ["description"] = feed.Description, ["market"] = args.Market.CliName() };
        o["mode"] = LiveModeGuard.Name(args.Mode);
        Replay.AccountJson.Add(o, result.Trading, summary.Pnl);
        o["model"] = session is not null && (args.Model ?? ModelPaths.FindDefault()) is { } path
            ? JsonShapes.Model(path, session.Metadata, session.ExecutionProvider.ToString()) : JsonShapes.Fallback();
        GateOptions.AddJson(o, options.MovePrior); // where the served baseline gate judges, as replay says it
        o["frames"] = feed.Frames;
        o["orders"] = result.Orders;
        o["fills"] = tally.Fills;
        o["rejects"] = tally.Rejects;
        o["filterRejects"] = tally.FilterRejects; // of rejects: refused by exchangeInfo's filters (paper's check or the venue's -1013)
        o["cancels"] = tally.Cancels;
        o["openOrdersAtExit"] = tally.OpenOrders;
        var position = new JsonObject();
        for (int i = 0; i < registry.Count; i++)
            position[registry[i].Name] = i < tally.PositionLots.Length ? registry[i].QuantityToDouble(tally.PositionLots[i]) : 0.0;
        o["position"] = position;
        if (contractSizes.Count > 0) o["contractSizes"] = new JsonObject([.. contractSizes.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]);
        o["reconnects"] = feed.Reconnects;
        o["producerWaits"] = feed.ProducerWaits;
        // The feed's own sync state (same rule as stage A, whose books are released when the run ends).
        var books = new JsonObject();
        for (int i = 0; i < registry.Count; i++) books[registry[i].Name] = feed.GetState(i).ToString();
        o["books"] = books;
        o["modelSignals"] = result.Trading.ModelSignals;
        o["fallbackSignals"] = result.Trading.FallbackSignals;
        o["modelGatedFallbackSignals"] = result.Trading.ModelGatedFallbackSignals;
        Replay.InferenceJson.AddFailures(o, result.Inference); // inferenceFailedRows (NaN/Inf or runtime errors), inferenceNoModelRows
        o["killSwitchTrips"] = result.Trading.KillSwitchTrips;
        o["halted"] = result.Trading.Halted;
        if (result.Futures is { } futures) FuturesJson.Add(o, futures);
        o["riskVerdicts"] = JsonShapes.CamelKeys(result.Trading.RiskVerdicts);
        Replay.UntradedJson.Add(o, result.Trading);
        o["exchangeInfoFailures"] = scales.Failures; // exchangeInfo requests that failed (symbols then refused)
        o["parseRejected"] = result.Parse?.Rejected ?? feed.ParseCounters?.Rejected ?? 0;
        Replay.BookSyncJson.Add(o, result.Sync, result.Trading.RiskVerdicts, log); // gaps, crossed, resyncs, ...
        o["drained"] = result.Drained;
        // Paper: frame received -> order handed to the paper venue; a live gateway reports its WsApiClient.TickToOrder.
        if ((live?.TickToOrder ?? result.TickToOrder) is { } t2o)
            o["tickToOrderNs"] = new JsonObject { ["p50"] = t2o.PercentileNs(0.50), ["p99"] = t2o.PercentileNs(0.99), ["p999"] = t2o.PercentileNs(0.999), ["count"] = t2o.Count };
        if (journal is not null) o["ordersJournal"] = OrderJournalSetup.Json(journal, args.Journal!);
        adapt?.AddJson(o);
        dashboard?.Finish(o);
        if (live is not null) LiveSummary.Add(o, live);
        if (Replay.InferenceJson.FailureNote(result.Inference, result.Trading.ModelSignals) is { } failed) log.LogWarning("Model {Model}: {Note}", modelName, failed);
        if (args.Json) JsonOut.Write(o);
        else
        {
            Console.WriteLine(RunSummaryText.Format(summary));
            Console.WriteLine($"orders {result.Orders}, fills {tally.Fills}, rejects {tally.Rejects}, cancels {tally.Cancels}, open at exit {tally.OpenOrders}, "
                + $"reconnects {feed.Reconnects}, gaps {result.Sync.Gaps}, books {books.ToJsonString()}");
        }
        if (live is { ExitConfirmed: false })
        {
            // Never 0 while the venue may still hold an order of this run: the ids are in the log and in the JSON.
            Console.Error.WriteLine($"run: error: the venue did not confirm every order closed at exit: open [{string.Join(", ", live.OpenOrderIdsAtExit)}]" +
                $"{(live.OpenOrdersAtExit < 0 ? " (open orders not known)" : "")}, without an answer [{string.Join(", ", live.UnansweredAtExit)}]");
            return ExitCodes.CheckFailed;
        }
        if (!result.Drained) return CliErrors.InternalError;
        if (result.Events == 0)
        {
            Console.Error.WriteLine($"run: error: no market event came from {feed.Description}");
            return CliErrors.UserError;
        }
        return ExitCodes.Ok;
    }

    // The USD size of each traded COIN-M contract as the desk values it (the venue's, or --config's override); empty otherwise.
    private static SortedDictionary<string, long> ContractSizesInUse(SymbolRegistry registry, PipelineOptions options)
    {
        var sizes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var s in registry.All)
            if (Trading.Execution.InverseContracts.IsInverse(s)) sizes[s.Name] = Trading.Execution.InverseContracts.ContractSizeUsd(s.Name, options.Trading.Futures.ContractSizes);
        return sizes;
    }

    // The dashboard and /metrics: the pipeline's counters as the page's frame shows them, and the live model.
    private static void StartDashboard(DashboardSetup dashboard, TradingPipeline pipeline, SymbolRegistry registry, RunRecorder recorder, ModelSession? session,
        string modelName, OperatorControls controls, ILoggerFactory logs, RunAdapt? adapt)
    {
        var metrics = new PipelineMetrics(pipeline, recorder.Predictions, () => dashboard.Sampler?.Snapshot);
        if (session is not null) metrics.AddModel("live", session, DateTimeOffset.UtcNow);
        adapt?.AddMetrics(metrics); // the lifecycle's live model and candidate, hft_adapt_*_total
        if (recorder.FeatureDrift is { } drift) metrics.AddFeatureDrift(drift);
        dashboard.Start(pipeline, registry, metrics.Render, () => modelName, controls, logs);
    }
}
