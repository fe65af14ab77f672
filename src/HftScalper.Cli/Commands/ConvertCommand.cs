using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Journal;
using HftScalper.Recording.Replay;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft convert IN... --to journal OUT</c>: converts any raw-frame recording (raw lines, cryptofeed, journal; format
/// detected by content) into a journal folder of CRC-checked segments, which replays much faster than JSON text.
/// </summary>
public static class ConvertCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        // IN... and OUT in one argument (the last path is OUT): two positional arguments, the first open-ended,
        // would let the parser swallow OUT into IN.
        var paths = new Argument<string[]>("IN... OUT")
        {
            Arity = new ArgumentArity(2, 100_000),
            Description = "Recordings in replay order (format detected), then the output journal folder (created; must hold no segments yet)",
        };
        var to = new Option<string>("--to") { Description = "Output format: journal", DefaultValueFactory = _ => "journal" };
        var venue = new Option<string>("--venue") { Description = "Venue for the segment headers and auto-registered symbols", DefaultValueFactory = _ => "binance-spot" };
        var segmentMb = new Option<int>("--segment-mb") { Description = "Roll segments at this size", DefaultValueFactory = _ => 256 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout" };
        var cmd = new Command("convert", "Convert recordings into another format (the journal)") { paths, to, venue, segmentMb, json };
        cmd.SetAction(parse =>
        {
            var all = parse.GetValue(paths) ?? [];
            string format = parse.GetValue(to) ?? "journal";
            if (!string.Equals(format, "journal", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"--to must be journal, not '{format}'");
            int mb = parse.GetValue(segmentMb);
            if (mb is < 1 or > 4096) throw new ArgumentException($"--segment-mb must be in 1..4096, got {mb}");
            return Run(all[..^1], all[^1], parse.GetValue(venue)!, mb, parse.GetValue(json));
        });
        return cmd;
    }

    private static int Run(string[] inputs, string outDir, string venue, int segmentMb, bool json)
    {
        if (JournalDirectory.ListSegments(outDir).Count > 0)
            throw new ArgumentException($"{outDir} already holds journal segments: convert into an empty folder");
        var registry = new SymbolRegistry();
        var sw = Stopwatch.StartNew();
        using var source = ReplaySourceFactory.Open(registry, inputs, Console.Error.WriteLine, venue);
        if (source.Frames is null)
            throw new NotSupportedException($"{source.Format} files hold market events, not raw frames: the journal stores raw exchange frames");
        var stats = JournalConverter.Convert(source.Frames, new JournalWriterOptions
        {
            Directory = outDir, Venue = venue, Symbols = registry, SegmentMaxBytes = (long)segmentMb << 20, Log = Console.Error.WriteLine,
        });
        var segments = JournalDirectory.ListSegments(outDir);
        var o = new JsonObject
        {
            ["input"] = source.Description,
            ["inputFormat"] = source.Format.ToString(),
            ["out"] = Path.GetFullPath(outDir),
            ["frames"] = stats.Records,
            ["payloadBytes"] = stats.PayloadBytes,
            ["segments"] = segments.Count,
            ["bytes"] = segments.Sum(s => new FileInfo(s).Length),
            ["elapsedMs"] = sw.ElapsedMilliseconds,
        };
        if (json) JsonOut.Write(o);
        else foreach (var kv in o) Console.WriteLine($"{kv.Key,-14} {kv.Value}");
        return stats.Records > 0 ? 0 : CliErrors.UserError;
    }
}
