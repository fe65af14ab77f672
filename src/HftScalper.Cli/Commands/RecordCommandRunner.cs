using System.Diagnostics;
using System.Text.Json.Nodes;
using HftScalper.Binance.Live;
using HftScalper.Binance.Parsing;
using HftScalper.Core.Security;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Journal;
using HftScalper.Recording.Live;

namespace HftScalper.Cli.Commands;

/// <summary>
/// Runs <c>hft record</c>: the live client feeds its own book sync (which decides when a snapshot is needed)
/// through a <see cref="RecordingBookSync"/> tap, so every frame and snapshot the sync sees goes to the journal.
/// <code>
///  Binance / --url --> LiveMarketDataClient --> RecordingBookSync --> SyncedBookFeed (parser, sync, native books)
///                                                        \--> LiveJournalRecorder ring ==> JournalWriter thread
/// </code>
/// </summary>
internal static class RecordCommandRunner
{
    /// <summary>Records until <paramref name="cancel"/> fires or the duration ends; returns the exit code.</summary>
    public static async Task<int> RunAsync(RecordCommandArgs args, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(args);
        string venue = args.Market.VenueName();
        var registry = new SymbolRegistry();
        // Registered as the replay parser registers them (scales and minimum notional), so the journal's headers carry
        // the specification a replay of the same frames would use.
        foreach (var s in args.Symbols) KnownSymbols.Register(registry, venue, s);
        // Credentials in --url/--rest (user:pass@, ?token=) never reach the terminal, the logs or the journal header.
        Action<string> log = m => Console.Error.WriteLine(SecretRedactor.Redact(m));
        var options = LiveFeedSetup.ClientOptions(args.Symbols, args.Market, args.StreamBase, args.RestBase) with { Log = log };
        var sw = Stopwatch.StartNew();
        using var recorder = new LiveJournalRecorder(new JournalWriterOptions
        {
            Directory = args.Out, Venue = venue, Symbols = registry, Source = $"hft record {SecretRedactor.Redact(options.StreamBaseUri)}", Log = log,
        });
        using var feed = new SyncedBookFeed(registry, args.Market);
        var tap = new RecordingBookSync(feed, recorder);
        var client = new LiveMarketDataClient(options, registry, tap);
        LiveMetricsSnapshot metrics;
        try
        {
            await client.StartAsync().ConfigureAwait(false);
            Console.Error.WriteLine($"record: {string.Join(",", registry.All.Select(s => s.Name))} from {SecretRedactor.Redact(options.StreamBaseUri)} into {Path.GetFullPath(args.Out)}" +
                (args.Duration is { } d ? $" for {d}" : " until Ctrl+C"));
            // SIGTERM (systemd, docker stop, kill) and SIGINT end the recording like the duration does: the first
            // signal is swallowed so the segment is flushed and closed below (a second one ends the process at once).
            using var signal = new Feedback.StopSignal();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, signal.Token);
            try
            {
                await Task.Delay(args.Duration ?? Timeout.InfiniteTimeSpan, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C / SIGTERM: fall through to a clean close.
            }
            metrics = client.GetMetrics();
        }
        finally
        {
            await client.DisposeAsync().ConfigureAwait(false); // receive loops stop: nothing more is queued
        }
        bool clean = recorder.Stop(TimeSpan.FromSeconds(10));
        var c = recorder.Counters;
        var o = new JsonObject
        {
            ["frames"] = c.Frames,
            ["snapshots"] = c.Snapshots,
            ["bytes"] = c.PayloadBytes,
            ["segments"] = recorder.JournalStats.Segments,
            ["symbols"] = new JsonArray([.. registry.All.Select(s => (JsonNode)JsonValue.Create(s.Name))]),
            ["reconnects"] = metrics.Connections.Sum(x => x.Reconnects),
            ["out"] = Path.GetFullPath(args.Out),
            ["gaps"] = metrics.Symbols.Sum(x => x.Gaps),
            ["resyncs"] = metrics.Symbols.Sum(x => x.Resyncs),
            ["dropped"] = c.Dropped,
            ["repairedTails"] = recorder.JournalStats.TornTails + recorder.JournalStats.CorruptRecords,
            ["elapsedSeconds"] = sw.Elapsed.TotalSeconds,
            ["market"] = venue,
        };
        if (recorder.Fault is { } fault) o["error"] = fault.Message;
        if (args.Json) JsonOut.Write(o);
        else foreach (var kv in o) Console.WriteLine($"{kv.Key,-14} {kv.Value?.ToJsonString()}");
        if (!clean) return CliErrors.InternalError;
        return c.Frames > 0 ? 0 : CliErrors.UserError;
    }
}
