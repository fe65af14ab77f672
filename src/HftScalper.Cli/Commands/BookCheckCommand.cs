using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using HftScalper.Binance.Parsing;
using HftScalper.Binance.Sync;
using HftScalper.Training.Data;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Integrity;
using HftScalper.Recording.Replay;
using HftScalper.Recording.Sources.Text;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft book-check FILE... [--market spot|usdm|coinm] [--json]</c>: replays recorded depth data through the
/// live parser, the sync state machine and the native books, and checks the rebuilt top of book against every
/// <c>bookTicker</c> whose <c>u</c> is the final update id of an applied diff. Reads every frame format replay reads
/// (raw lines, cryptofeed, frame journals) and event journals; files out of time order are sorted by their first
/// timestamp. Exit 0 only when something was checked and all of it checked out (see <see cref="BookCheckVerdict"/>),
/// 3 when the check failed (each reason printed and in <c>failures</c>), 2 on bad input.
/// </summary>
internal static class BookCheckCommand
{
    /// <summary>Exit code when the replay ran but the books did not check out.</summary>
    public const int CheckFailed = 3;

    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Arity = ArgumentArity.OneOrMore, Description = "Recordings (hftbacktest .gz, cryptofeed *.http.* + *.ws.*, journals); sorted by first timestamp when given out of order" };
        var market = DatasetOptions.Market();
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout" };
        var cmd = new Command("book-check", "Rebuild order books from a recording and cross-check them against bookTicker") { files, market, json };
        cmd.SetAction(parse => Run(parse.GetValue(files) ?? [], parse.GetValue(market), parse.GetValue(json)));
        return cmd;
    }

    private static int Run(string[] files, string? named, bool json)
    {
        var market = ReplayMarket.ForRecordings(files, DatasetOptions.MarketOf(named));
        var (rule, venue) = (market.Rule, market.Venue);
        var registry = new SymbolRegistry();
        // At replay's scales: at the generic 10^-8 a PEPEUSDT-like book's depth was rejected as damage and book-check
        // failed a recording that replay reads clean.
        using var source = KnownSymbolPrescan.OpenAtReplayScales(registry, files, Console.Error.WriteLine, venue);
        var feed = source.Feed(registry, venue);
        using var replay = new BookReplay(rule);
        long frames = replay.Run(feed);
        // An event journal parses nothing: its parse counters are all zero.
        var parse = feed.ParseCounters ?? new ParseCounters();
        if (frames == 0 && replay.Events == 0) throw new InvalidDataException($"no frame could be read from {string.Join(", ", files)}");

        var c = replay.Sync.Counters;
        var check = replay.Check;
        var symbols = JsonShapes.Strings(registry.All.Select(s => s.Name));
        var symbolStates = new JsonObject();
        foreach (var s in registry.All)
            symbolStates[s.Name] = JsonNamingPolicy.CamelCase.ConvertName(replay.Sync.GetState(s.Id).ToString());
        var damage = InputDamage.Of(source);
        damage.AddRejectedFrames(parse);
        InputDamageReport.NoteDuplicates("book-check", parse.Duplicates, parse.FirstDuplicate);
        var failures = BookCheckVerdict.Failures(replay, parse, registry, damage);
        var o = new JsonObject
        {
            ["diffs"] = c.Diffs,
            ["applied"] = c.Applied,
            ["dropped"] = c.Dropped,
            ["gaps"] = c.Gaps,
            ["resyncs"] = c.Resyncs,
            ["crossed"] = c.Crossed,
            ["tickerChecked"] = check.Checked,
            ["tickerMatched"] = check.Matched,
            ["symbols"] = symbols,
            ["symbolStates"] = symbolStates,
            ["snapshots"] = c.Snapshots,
            ["snapshotsRejected"] = c.SnapshotsRejected,
            ["tickerSkippedUnsynced"] = check.SkippedUnsynced,
            ["frames"] = frames,
            ["events"] = replay.Events,
            ["parseRejected"] = parse.Rejected,
            ["parse"] = parse.ToString(),
            ["source"] = BookSource(files, source),
            ["market"] = market.Name,
            ["bookErrors"] = c.BookErrors,
            ["filesReordered"] = source.Reordered,
            ["passed"] = failures.Count == 0,
            ["failures"] = new JsonArray([.. failures.Select(f => (JsonNode)f)]),
        };
        if (check.FirstMismatch is not null) o["firstMismatch"] = check.FirstMismatch;
        InputDamageReport.Report("book-check", damage, o);
        if (json) JsonOut.Write(o);
        else
        {
            foreach (var kv in o) Console.WriteLine($"{kv.Key,-22} {kv.Value?.ToJsonString()}");
            Console.WriteLine(failures.Count == 0 ? "book-check: OK" : $"book-check: FAILED: {string.Join("; ", failures)}");
        }
        if (failures.Count > 0 && json) Console.Error.WriteLine($"book-check: FAILED: {string.Join("; ", failures)}");
        return failures.Count == 0 ? 0 : CheckFailed;
    }

    // The files read, their format and what the reader counted (frames, bad lines, ...).
    private static JsonObject BookSource(string[] files, ReplaySource source)
    {
        var (format, counters) = source.Frames switch
        {
            HftBacktestTextSource h => ("hftBacktest", h.Counters.ToString()),
            CryptofeedTextSource c => ("cryptofeed", c.Counters.ToString()),
            _ => ((string?)null, source.Description),
        };
        var o = JsonShapes.Source(files, null, counters);
        if (format is not null) o["format"] = format;
        return o;
    }
}
