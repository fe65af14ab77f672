using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using HftScalper.Binance.Sync;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Features;
using HftScalper.Features.Engine;
using HftScalper.Features.Regime;
using HftScalper.Recording.Integrity;
using HftScalper.Recording.Replay;
using HftScalper.Simulator;
using HftScalper.Training.Data;
using HftScalper.Training.Evaluation;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft features [FILE...] --out features.parquet [--every 1s | --on decisions] [--json]</c>: replays recordings
/// (no file = the built-in simulator) through the book and the feature engine and writes one Parquet row per decision
/// whose book is synced (exchange time, symbol, mid, every feature): the rows <c>train</c> learns from and
/// <c>evaluate</c> scores; the others are counted (<c>unsyncedRowsDropped</c>). Same input and options, same file.
/// </summary>
internal static class FeaturesCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Arity = ArgumentArity.ZeroOrMore, Description = "Recordings or journal folders in order; none = the market simulator" };
        var output = new Option<FileInfo>("--out") { Description = "Parquet file to write", Required = true };
        var every = new Option<string?>("--every") { Description = "Sample on a fixed exchange-time clock, e.g. 1s, 250ms, 1m (instead of every decision event)" };
        var on = new Option<string>("--on") { Description = "decisions: a row per decision event (end of depth message, top-of-book change, trade)", DefaultValueFactory = _ => "decisions" };
        var market = DatasetOptions.Market();
        var simMinutes = new Option<double>("--sim-minutes") { Description = "Simulated minutes when no file is given", DefaultValueFactory = _ => 10 };
        var model = new Option<string?>("--model") { Description = "Compute the features as this model sees them (its fitted GARCH and activity baseline); default: the documented defaults" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout" };
        var seed = new Option<ulong>("--seed") { Description = "Simulator seed when no file is given: same seed, same market", DefaultValueFactory = _ => SimulatorOptions.Default.Seed };
        var strict = InputDamageReport.StrictOption();
        var cmd = new Command("features", "Replay recordings through the feature engine and write the feature rows to Parquet")
        {
            files, output, every, on, market, simMinutes, model, json, seed, strict,
        };
        cmd.SetAction(parse => Run(parse.GetValue(files) ?? [], parse.GetValue(output)!, parse.GetValue(every),
            parse.GetValue(on) ?? "decisions", parse.GetValue(market), parse.GetValue(simMinutes), parse.GetValue(model), parse.GetValue(json), parse.GetValue(seed), parse.GetValue(strict)));
        return cmd;
    }

    private static int Run(string[] files, FileInfo output, string? every, string on, string? named, double simMinutes, string? model, bool json, ulong seed = 1, bool strict = false)
    {
        var market = ReplayMarket.ForRecordings(files, DatasetOptions.MarketOf(named));
        var (rule, venue) = (market.Rule, market.Venue);
        if (!on.Equals("decisions", StringComparison.OrdinalIgnoreCase)) throw new ArgumentException($"--on supports 'decisions', not '{on}'");
        var features = every is null
            ? FeatureEngineOptions.Default
            : new FeatureEngineOptions { Triggers = DecisionTriggers.Clock, ClockIntervalNs = ParseInterval(every) };
        // A model's fitted regime parameters (the same function serving and evaluation use), on top of the triggers.
        if (model is not null)
        {
            if (!File.Exists(model)) throw new FileNotFoundException($"--model: '{model}' not found");
            features = EvaluationJob.ReadMetadata(model).FeatureOptions(features);
        }
        if (output.Directory is { Exists: false } dir) throw new DirectoryNotFoundException($"directory {dir.FullName} does not exist");

        var registry = new SymbolRegistry();
        using var source = files.Length > 0 ? KnownSymbolPrescan.OpenAtReplayScales(registry, files, Console.Error.WriteLine, venue) : OpenSimulator(registry, simMinutes, seed);
        using var replay = new FeatureReplay(registry, new FeatureReplayOptions { Rule = rule, Features = features });
        FeatureReplayResult result;
        long written = 0, unsynced = 0;
        // The rows training learns from and evaluation scores: a decision whose market state is unknown (its depth book
        // not synced: before the first snapshot, after a gap until the resync) is left out by the one rule the engine
        // and the datasets share (DecisionInfo.Tradable), and counted.
        using (var writer = new ParquetFeatureWriter(output.FullName, replay.Schema, registry))
            result = replay.Run(source.Feed(registry, venue), (in DecisionInfo info, ReadOnlySpan<float> row) =>
            {
                if (!info.Tradable)
                {
                    unsynced++;
                    return;
                }
                writer.Add(in info, row);
                written++;
            });
        if (result.Events == 0) throw new InvalidDataException($"no market event came out of {source.Description}");
        if (written == 0 && unsynced > 0)
            Console.Error.WriteLine($"hft features: warning: no decision had a synced book ({unsynced} left out: the input holds no depth snapshot to sync from, "
                + "or the book never stayed synced); the file holds no row");

        var o = new JsonObject
        {
            ["rows"] = written, // rows written: decisions whose book was synced
            ["decisions"] = result.Decisions,
            ["unsyncedRowsDropped"] = unsynced,
            ["events"] = result.Events,
            ["frames"] = result.Frames,
            ["features"] = replay.Schema.Count,
            ["schemaHash"] = replay.Schema.Hash,
            ["featureProfile"] = FeatureProfile.Of(features).Identity,
            ["sampling"] = every is null ? "decisions" : $"every {every}",
            ["out"] = output.FullName,
            ["elapsedSeconds"] = result.ElapsedNs / 1e9,
            ["source"] = JsonShapes.Source(files, SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(simMinutes), Seed = seed }, source.Description,
                source.Format == ReplayFormat.Unknown ? null : source.Format.ToString()),
            ["nonFiniteReplaced"] = result.NonFiniteReplaced,
            ["gaps"] = result.Sync.Gaps,
        };
        var damage = InputDamage.Of(source);
        damage.AddRejectedFrames(result.Parse);
        InputDamageReport.NoteDuplicates("features", result.Parse?.Duplicates ?? 0, result.Parse?.FirstDuplicate);
        InputDamageReport.Report("features", damage, o);
        if (json) JsonOut.Write(o);
        else
        {
            o["source"] = source.Description;
            JsonOut.WriteText(o, 18);
        }
        return InputDamageReport.ExitCode(0, damage, strict);
    }

    /// <summary>Parses 250ms, 1s, 1.5s, 1m, 1h into nanoseconds.</summary>
    internal static long ParseInterval(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        (string num, double scale) = t.EndsWith("ms", StringComparison.Ordinal) ? (t[..^2], 1e6)
            : t.EndsWith('s') ? (t[..^1], 1e9)
            : t.EndsWith('m') ? (t[..^1], 60e9)
            : t.EndsWith('h') ? (t[..^1], 3600e9)
            : throw new ArgumentException($"--every needs a unit (ms, s, m, h): '{text}'");
        if (!double.TryParse(num, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !(v > 0) || v * scale < 1e6 || v * scale > 86_400e9)
            throw new ArgumentException($"--every must be between 1ms and 24h, got '{text}'");
        return (long)Math.Round(v * scale);
    }

    private static ReplaySource OpenSimulator(SymbolRegistry registry, double minutes, ulong seed)
    {
        if (!(minutes > 0) || minutes > 24 * 60) throw new ArgumentException($"--sim-minutes must be in (0, 1440], got {minutes}");
        var options = SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(minutes), Seed = seed };
        return new ReplaySource(ReplayFormat.Unknown, new MarketSimulatorSource(options, registry));
    }
}
