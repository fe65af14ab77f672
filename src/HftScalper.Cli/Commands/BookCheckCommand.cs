using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using HftScalper.Binance.Sync;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Sources.Text;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft book-check FILE... [--market spot|usdm|coinm] [--json]</c>: replays recorded depth data through the
/// live parser, the sync state machine and the native books, and checks the rebuilt top of book against every
/// <c>bookTicker</c> whose <c>u</c> is the final update id of an applied diff. Exit 0 when clean, 3 when the
/// check found gaps, crossed books or mismatches, 2 on bad input.
/// </summary>
public static class BookCheckCommand
{
    /// <summary>Exit code when the replay ran but the books did not check out.</summary>
    public const int CheckFailed = 3;

    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Arity = ArgumentArity.OneOrMore, Description = "Recording files in order (hftbacktest .gz, or cryptofeed *.http.* + *.ws.*)" };
        var market = new Option<string>("--market") { Description = "spot (U/u chaining) | usdm | coinm (pu chaining)", DefaultValueFactory = _ => "spot" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout" };
        var cmd = new Command("book-check", "Rebuild order books from a recording and cross-check them against bookTicker") { files, market, json };
        cmd.SetAction(parse => Run(parse.GetValue(files) ?? [], parse.GetValue(market) ?? "spot", parse.GetValue(json)));
        return cmd;
    }

    private static int Run(string[] files, string market, bool json)
    {
        var (rule, venue) = market.ToLowerInvariant() switch
        {
            "spot" => (DepthSyncRule.Spot, "binance-spot"),
            "usdm" => (DepthSyncRule.Futures, "binance-usdm"),
            "coinm" => (DepthSyncRule.Futures, "binance-coinm"),
            _ => throw new ArgumentException($"--market must be spot, usdm or coinm, not '{market}'"),
        };
        var registry = new SymbolRegistry();
        using var source = TextRecording.Open(files, new TextSourceOptions(registry) { AutoRegisterVenue = venue });
        using var replay = new BookReplay(registry, rule, venue);
        long frames = replay.Run(source);
        if (frames == 0) throw new InvalidDataException($"no frame could be read from {string.Join(", ", files)}");

        var c = replay.Sync.Counters;
        var check = replay.Check;
        var symbols = JsonShapes.Strings(registry.All.Select(s => s.Name));
        var symbolStates = new JsonObject();
        foreach (var s in registry.All)
            symbolStates[s.Name] = JsonNamingPolicy.CamelCase.ConvertName(replay.Sync.GetState(s.Id).ToString());
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
            ["parseRejected"] = replay.Parser.Counters.Rejected,
            ["parse"] = replay.Parser.Counters.ToString(),
            ["source"] = BookSource(files, source),
            ["market"] = market,
        };
        if (check.FirstMismatch is not null) o["firstMismatch"] = check.FirstMismatch;
        bool clean = c.Gaps == 0 && c.Crossed == 0 && check.Matched == check.Checked;
        if (json) JsonOut.Write(o);
        else
        {
            foreach (var kv in o) Console.WriteLine($"{kv.Key,-22} {kv.Value?.ToJsonString()}");
            Console.WriteLine(clean ? "book-check: OK" : "book-check: FAILED (gaps, crossed books or ticker mismatches)");
        }
        return clean ? 0 : CheckFailed;
    }

    // The files read, their format and what the reader counted (frames, bad lines, ...).
    private static JsonObject BookSource(string[] files, object source)
    {
        var (format, counters) = source switch
        {
            HftBacktestTextSource h => ("hftBacktest", h.Counters.ToString()),
            CryptofeedTextSource c => ("cryptofeed", c.Counters.ToString()),
            _ => ((string?)null, ""),
        };
        var o = JsonShapes.Source(files, null, counters);
        if (format is not null) o["format"] = format;
        return o;
    }
}
