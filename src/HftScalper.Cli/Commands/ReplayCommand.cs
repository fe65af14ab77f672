using System.CommandLine;
using System.Text.Json.Nodes;
using HftScalper.Binance.Sync;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Replay;
using HftScalper.Simulator;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft replay [FILE...] [--json]</c>: replays recordings (format detected by content; no file = the built-in market
/// simulator) through parser -> ring -> sync + native books, and reports events, events/s and a stable digest of the
/// event stream (same input, same digest).
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
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout" };
        var cmd = new Command("replay", "Replay recordings through the pipeline and report throughput and a digest") { files, market, speed, simMinutes, json };
        cmd.SetAction(parse => Run(parse.GetValue(files) ?? [], parse.GetValue(market) ?? "spot", parse.GetValue(speed),
            parse.GetValue(simMinutes), parse.GetValue(json)));
        return cmd;
    }

    private static int Run(string[] files, string market, double speed, double simMinutes, bool json)
    {
        var (rule, venue) = market.ToLowerInvariant() switch
        {
            "spot" => (DepthSyncRule.Spot, "binance-spot"),
            "usdm" => (DepthSyncRule.Futures, "binance-usdm"),
            "coinm" => (DepthSyncRule.Futures, "binance-coinm"),
            _ => throw new ArgumentException($"--market must be spot, usdm or coinm, not '{market}'"),
        };
        if (speed < 0 || double.IsNaN(speed) || double.IsInfinity(speed)) throw new ArgumentException($"--speed must be 0 or a positive factor, got {speed}");
        var registry = new SymbolRegistry();
        var opened = files.Length > 0 ? ReplaySourceFactory.Open(registry, files, Console.Error.WriteLine, venue) : OpenSimulator(registry, simMinutes);
        // The paced wrapper owns (and disposes) the source it wraps.
        using var source = speed > 0 ? Pace(opened, speed) : opened;
        var result = new ReplayDriver(registry, new ReplayDriverOptions { Rule = rule, AutoRegisterVenue = venue }).Run(source);
        if (result.Events == 0) throw new InvalidDataException($"no market event came out of {source.Description}");

        var o = new JsonObject
        {
            ["events"] = result.Events,
            ["eventsPerSecond"] = Math.Round(result.EventsPerSecond),
            ["digest"] = result.DigestHex,
            ["frames"] = result.Frames,
            ["elapsedMs"] = result.ElapsedNs / 1_000_000,
            ["source"] = source.Description,
            ["format"] = files.Length > 0 ? source.Format.ToString() : "Simulator",
            ["symbols"] = registry.Count,
            ["parseRejected"] = result.Parse?.Rejected ?? 0,
            ["gaps"] = result.Sync.Gaps,
            ["crossed"] = result.Sync.Crossed,
            ["drained"] = result.Drained,
        };
        if (json) JsonOut.Write(o);
        else foreach (var kv in o) Console.WriteLine($"{kv.Key,-16} {kv.Value}");
        return result.Drained ? 0 : CliErrors.InternalError;
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
