using System.Runtime.InteropServices;
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
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Serving;
using HftScalper.Reporting;
using HftScalper.Reporting.Monitoring;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands.Run;

/// <summary>
/// Runs <c>hft run --mode paper</c>: the composition of <c>hft replay</c> with a live source, the wall clock and the
/// paper venue.
/// <code>
///  Binance / --url --> LiveMarketDataClient --> LiveEventFeed (parse, sync state, bounded queue)
///                                                     '--TryReadMessage--> TradingPipeline (WallClock, paper venue) --> summary
/// </code>
/// The pipeline runs on its own thread; the duration, SIGINT or SIGTERM cancel the feed, the pipeline drains what was
/// queued, the client closes, and the same summary as replay is printed.
/// </summary>
public static class RunCommandRunner
{
    /// <summary>Trades until <paramref name="cancel"/> fires or the duration ends; returns the exit code.</summary>
    public static async Task<int> RunAsync(RunCommandArgs args, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.MetricsPort is { } mp) Core.Settings.SettingRange.Check("--metrics-port", mp, 0, 65535);
        var (rule, venue) = args.Market == BinanceMarket.Spot ? (DepthSyncRule.Spot, "binance-spot") : (DepthSyncRule.Futures, "binance-usdm");
        using var logs = CliLogging.Create(args.Quiet ? LogLevel.Warning : LogLevel.Information);
        var log = logs.CreateLogger("hft.run");
        var registry = new SymbolRegistry();
        foreach (var s in args.Symbols) KnownSymbols.Register(registry, venue, s);

        var options = new PipelineOptions { SyncRule = rule, Venue = venue };
        using var session = DecisionModel.Load(args.Model, args.NoModel, logs, log, out string modelName);
        if (session is not null) options = options with { Features = session.Metadata.FeatureOptions(options.Features) };
        using var returns = ExpectedMove.Setup(session, ExpectedMove.DirectionPath(args.Model, args.NoModel), null, ref options, logs, log);
        var recorder = new RunRecorder(new RunRecorderOptions());
        var syncOptions = new BookSyncOptions { Rule = options.SyncRule, MaxLevelsPerSide = options.MaxBookLevelsPerSide };
        var tally = new ExecutionTally(new PaperVenueFactory(options.Trading.Exchange with { SpotMargin = options.Trading.Risk.SpotMargin }, syncOptions));
        var pipeline = new TradingPipeline(registry, options, new SingleModelSource(session), log, new PipelineHooks { Observer = recorder },
            new WallClock(), tally, returns);

        Action<string> clientLog = m => log.LogInformation("{Message}", SecretRedactor.Redact(m));
        var clientOptions = LiveFeedSetup.ClientOptions(args.Symbols, args.Market, args.StreamBase, args.RestBase) with { Log = clientLog };
        string endpoint = SecretRedactor.Redact(clientOptions.StreamBaseUri.ToString());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, LiveFeedSetup.StopOn(stop));
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, LiveFeedSetup.StopOn(stop));
        using var feed = new LiveEventFeed(registry, args.Market, $"live {endpoint}", stop.Token);
        using var metrics = args.MetricsPort is { } port ? StartMetrics(pipeline, recorder, port, session, logs) : null;
        var client = new LiveMarketDataClient(clientOptions, registry, feed);
        PipelineResult result;
        try
        {
            await client.StartAsync().ConfigureAwait(false);
            Console.Error.WriteLine($"run: paper trading {string.Join(",", registry.All.Select(s => s.Name))} on {endpoint}" +
                (args.Duration is { } d ? $" for {d}" : " until Ctrl+C"));
            if (args.Duration is { } duration) stop.CancelAfter(duration);
            result = await Task.Factory.StartNew(() => pipeline.Run(feed, stop.Token), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            feed.Stop();
            await client.DisposeAsync().ConfigureAwait(false);
        }
        return Summarize(args, registry, result, recorder, tally, feed, modelName, session, metrics);
    }

    private static int Summarize(RunCommandArgs args, SymbolRegistry registry, PipelineResult result, RunRecorder recorder,
        ExecutionTally tally, LiveEventFeed feed, string modelName, ModelSession? session, MetricsHttpServer? metrics)
    {
        var counters = new RunCounters
        {
            Events = result.Events, Decisions = result.Decisions, ElapsedSeconds = result.ElapsedSeconds,
            Gen0Collections = result.Gen0Collections, Gen1Collections = result.Gen1Collections, Gen2Collections = result.Gen2Collections,
            AllocatedBytes = result.AllocatedBytes, Digest = result.Digest, Source = feed.Description, Model = modelName,
        };
        var summary = RunStatistics.Summarize(recorder, counters) with
        {
            AllocatedBytesPerEvent = Math.Round(result.AllocatedBytesPerEvent, 4),
            StartingEquity = new PipelineOptions().Trading.InitialEquity,
            FinalEquity = result.Trading.FinalEquity,
        };
        var o = (JsonObject)JsonNode.Parse(RunSummaryJson.Serialize(summary))!;
        o["source"] = new JsonObject { ["kind"] = "live", ["description"] = feed.Description, ["market"] = args.Market == BinanceMarket.Spot ? "spot" : "usdm" };
        o["mode"] = "paper";
        o["model"] = session is not null && (args.Model ?? ModelPaths.FindDefault()) is { } path
            ? JsonShapes.Model(path, session.Metadata, session.ExecutionProvider.ToString()) : JsonShapes.Fallback();
        o["frames"] = feed.Frames;
        o["orders"] = result.Orders;
        o["fills"] = tally.Fills;
        o["rejects"] = tally.Rejects;
        o["cancels"] = tally.Cancels;
        o["openOrdersAtExit"] = tally.OpenOrders;
        var position = new JsonObject();
        for (int i = 0; i < registry.Count; i++)
            position[registry[i].Name] = i < tally.PositionLots.Length ? registry[i].QuantityToDouble(tally.PositionLots[i]) : 0.0;
        o["position"] = position;
        o["reconnects"] = feed.Reconnects;
        o["producerWaits"] = feed.ProducerWaits;
        // The feed's own sync state (same rule as stage A, whose books are released when the run ends).
        var books = new JsonObject();
        for (int i = 0; i < registry.Count; i++) books[registry[i].Name] = feed.GetState(i).ToString();
        o["books"] = books;
        o["modelSignals"] = result.Trading.ModelSignals;
        o["fallbackSignals"] = result.Trading.FallbackSignals;
        o["killSwitchTrips"] = result.Trading.KillSwitchTrips;
        o["halted"] = result.Trading.Halted;
        o["riskVerdicts"] = JsonShapes.CamelKeys(result.Trading.RiskVerdicts);
        o["parseRejected"] = result.Parse?.Rejected ?? feed.ParseCounters?.Rejected ?? 0;
        o["gaps"] = result.Sync.Gaps;
        o["crossed"] = result.Sync.Crossed;
        o["drained"] = result.Drained;
        if (metrics is not null) o["metricsUrl"] = metrics.Url;
        if (args.Json) JsonOut.Write(o);
        else
        {
            Console.WriteLine(RunSummaryText.Format(summary));
            Console.WriteLine($"orders {result.Orders}, fills {tally.Fills}, rejects {tally.Rejects}, cancels {tally.Cancels}, open at exit {tally.OpenOrders}, "
                + $"reconnects {feed.Reconnects}, gaps {result.Sync.Gaps}, books {books.ToJsonString()}");
        }
        if (!result.Drained) return CliErrors.InternalError;
        if (result.Events == 0)
        {
            Console.Error.WriteLine($"run: error: no market event came from {feed.Description}");
            return CliErrors.UserError;
        }
        return ExitCodes.Ok;
    }

    private static MetricsHttpServer StartMetrics(TradingPipeline pipeline, RunRecorder recorder, int port, ModelSession? session, ILoggerFactory logs)
    {
        var metrics = new PipelineMetrics(pipeline, recorder.Predictions);
        if (session is not null) metrics.AddModel("live", session, DateTimeOffset.UtcNow);
        var server = new MetricsHttpServer(port, metrics.Render, logs.CreateLogger("hft.metrics"));
        Console.Error.WriteLine($"metrics: {server.Url}");
        return server;
    }
}
