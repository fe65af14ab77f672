using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Integrity;
using HftScalper.Recording.Journal;
using HftScalper.Recording.Replay;
using HftScalper.Training.Data;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft convert IN... --out DIR [--to journal|events]</c>: converts a recording (format detected by content) into a journal
/// folder of CRC-checked segments. <c>journal</c> keeps the raw frames (raw lines, cryptofeed or journal input; replay
/// still runs the live parser); <c>events</c> stores the parsed market events in blocks (any input, frames are parsed
/// here exactly as replay parses them), which replays without any parsing. <c>hft replay OUT</c> detects either.
/// </summary>
internal static class ConvertCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var paths = new Argument<string[]>("IN") { Arity = ArgumentArity.OneOrMore, Description = "Recordings in replay order (format detected)" };
        var output = new Option<string>("--out") { Description = "Output journal folder (created; must hold no segments yet)", Required = true };
        var to = new Option<string>("--to") { Description = "Output format: journal (raw frames) | events (parsed market events)", DefaultValueFactory = _ => "journal" };
        var venue = new Option<string?>("--venue") { Description = "Venue for the segment headers and auto-registered symbols (default: the market the recordings state, cryptofeed URL host or futures 'pu' field; event files whose symbols have one venue of their own state it, e.g. Lean and LOBSTER generic; else binance-spot)" };
        var segmentMb = new Option<int>("--segment-mb") { Description = "Roll segments at this size", DefaultValueFactory = _ => 256 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout" };
        var strict = InputDamageReport.StrictOption();
        var cmd = new Command("convert", "Convert recordings into another format (the journal)") { paths, output, to, venue, segmentMb, json, strict };
        cmd.SetAction(parse =>
        {
            var all = parse.GetValue(paths) ?? [];
            string format = parse.GetValue(to) ?? "journal";
            bool events = format.ToLowerInvariant() switch
            {
                "journal" => false,
                "events" => true,
                _ => throw new ArgumentException($"--to must be journal or events, not '{format}'"),
            };
            int mb = parse.GetValue(segmentMb);
            if (mb is < 1 or > 4096) throw new ArgumentException($"--segment-mb must be in 1..4096, got {mb}");
            return Run(all, parse.GetValue(output)!, parse.GetValue(venue), mb, events, parse.GetValue(json), parse.GetValue(strict));
        });
        return cmd;
    }

    private static int Run(string[] inputs, string outDir, string? named, int segmentMb, bool toEvents, bool json, bool strict = false)
    {
        if (JournalDirectory.ListSegments(outDir).Count > 0)
            throw new ArgumentException($"{outDir} already holds journal segments: convert into an empty folder");
        // A USD-M or COIN-M recording keeps its market in the journal's header (which replay and train then read).
        string venue = named ?? ReplayMarket.ForRecordings(inputs, null).Venue;
        var registry = new SymbolRegistry();
        // Symbols register at the scales replay gives them (a known symbol's quantities coarsened to the recording's, an
        // unknown one's taken from its messages): an event journal stores integers at these scales and its header carries
        // them, so without this a DOGEUSDT or XRPUSDT journal kept 8 quantity decimals, too fine for the account, and
        // replayed untraded (another digest than its recording's).
        KnownSymbolPrescan.Register(registry, KnownSymbolPrescan.Symbols(inputs, venue));
        var sw = Stopwatch.StartNew();
        using var source = ReplaySourceFactory.Open(registry, inputs, Console.Error.WriteLine, venue);
        var options = new JournalWriterOptions
        {
            Directory = outDir, Venue = named ?? HeaderVenue(source, registry, venue), Symbols = registry, SegmentMaxBytes = (long)segmentMb << 20, Log = Console.Error.WriteLine,
        };
        long frames, events = 0;
        JournalStats stats;
        if (toEvents)
        {
            (events, frames, stats) = EventJournalConverter.Convert(source, options, venue);
        }
        else
        {
            if (source.Frames is null)
                throw new NotSupportedException($"{source.Format} files hold market events, not raw frames: use --to events");
            stats = JournalConverter.Convert(source.Frames, options, venue);
            frames = stats.Records;
        }
        var segments = JournalDirectory.ListSegments(outDir);
        var o = new JsonObject
        {
            ["source"] = JsonShapes.Source(inputs, null, source.Description, source.Format.ToString()),
            ["out"] = Path.GetFullPath(outDir),
            ["frames"] = frames,
            ["payloadBytes"] = stats.PayloadBytes,
            ["segments"] = segments.Count,
            ["bytes"] = segments.Sum(s => new FileInfo(s).Length),
            ["elapsedSeconds"] = sw.Elapsed.TotalSeconds,
            ["to"] = toEvents ? "events" : "journal",
            ["events"] = events,
            ["blocks"] = toEvents ? stats.Records : 0,
        };
        // Parse rejections are not counted here: --to journal copies frames unparsed (replay counts them).
        var damage = InputDamage.Of(source);
        InputDamageReport.Report("convert", damage, o);
        if (json) JsonOut.Write(o);
        else
        {
            o["source"] = source.Description;
            JsonOut.WriteText(o);
        }
        return InputDamageReport.ExitCode((toEvents ? events : frames) > 0 ? 0 : CliErrors.UserError, damage, strict);
    }

    // The market the journal's header states, which replay, train and evaluate then read as the recording's own. Event
    // files whose symbols all register under one venue of their own (Lean and LOBSTER equities: generic) state that venue,
    // not the Binance market assumed for reading: a Lean journal said binance-spot, so it was a spot recording that
    // refused --market usdm and grouped with spot recordings, where its Lean files state no market at all.
    private static string HeaderVenue(ReplaySource source, SymbolRegistry registry, string assumed)
    {
        if (source.Frames is not null || registry.Count == 0) return assumed;
        var venues = registry.All.Select(s => s.Venue).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return venues.Count == 1 ? venues[0] : assumed;
    }
}
