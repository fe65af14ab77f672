using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using HftScalper.Cli.Feedback;
using HftScalper.Simulator;
using HftScalper.Simulator.Statistics;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft simulate</c>: writes simulated Binance spot streams (depth@100ms, bookTicker, trade and one REST
/// snapshot per symbol) to a file in the recording format <c>&lt;local_ts_ns&gt; &lt;json&gt;</c> per line,
/// gzip when the name ends in .gz, so every reader of the real recordings replays it.
/// </summary>
internal static class SimulateCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var minutes = new Option<double>("--sim-minutes", "--minutes") { Description = "Simulated minutes", DefaultValueFactory = _ => 10 };
        var switchAt = SwitchAtOption();
        var seed = new Option<ulong>("--seed") { Description = "PRNG seed: same seed, same bytes", DefaultValueFactory = _ => 1 };
        var symbols = new Option<string>("--symbols") { Description = "Comma-separated symbols, e.g. btcusdt,ethusdt", DefaultValueFactory = _ => "btcusdt" };
        var output = new Option<FileInfo>("--out") { Description = "Output file (.gz for gzip)", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout" };
        var switchSymbols = SwitchSymbolsOption();
        var latentValue = LatentValueOption();
        var leadLag = new Option<string?>("--lead-lag")
        {
            Description = "Opt-in lead-lag coupling: the other symbols' market orders, best-queue joins and cancels take this leader's side of its recent move, seen late, with a probability set by --lead-strength (proves the cross-symbol features' machinery; not a claim about real markets); none = independent symbols",
        };
        var leadStrength = new Option<double>("--lead-strength") { Description = "With --lead-lag: largest share of a follower's market orders, best-queue joins and cancels that take the leader's side, in [0, 1]", DefaultValueFactory = _ => new Simulator.Model.LeadLagCoupling("-").Strength };
        var leadDelay = new Option<string>("--lead-delay") { Description = "With --lead-lag: how late followers see the leader's move, e.g. 500ms", DefaultValueFactory = _ => "500ms" };
        var cmd = new Command("simulate", "Generate calibrated simulated Binance market data into a recording file")
        {
            minutes, seed, symbols, output, json, switchAt, switchSymbols, leadLag, leadStrength, leadDelay, latentValue,
        };
        cmd.SetAction(parse =>
        {
            double m = parse.GetValue(minutes);
            if (!(m > 0) || m > 24 * 60) throw new ArgumentException($"--sim-minutes must be in (0, 1440], got {m}");
            var options = WithSwitch(SimulatorOptions.For(parse.GetValue(symbols)!, TimeSpan.FromMinutes(m), parse.GetValue(seed)), parse.GetValue(switchAt));
            options = WithSwitchSymbols(options, parse.GetValue(switchSymbols));
            options = WithLatentValue(options, parse.GetValue(latentValue));
            if (parse.GetValue(leadLag) is { } leader)
            {
                var coupling = new Simulator.Model.LeadLagCoupling(leader.Trim().ToUpperInvariant())
                {
                    Strength = parse.GetValue(leadStrength),
                    Delay = TimeSpan.FromTicks(TrainCommandArgs.ParseNs(parse.GetValue(leadDelay)!, allowZero: true) / 100),
                };
                try { coupling.Validate(); }
                catch (ArgumentOutOfRangeException e) { throw new ArgumentException($"--lead-lag: {e.Message}", e); }
                if (options.Symbols.Count < 2) throw new ArgumentException("--lead-lag needs at least two --symbols");
                options = options with { LeadLag = coupling };
            }
            var file = parse.GetValue(output)!;
            if (file.Directory is { Exists: false } dir) throw new DirectoryNotFoundException($"directory {dir.FullName} does not exist");
            var sw = Stopwatch.StartNew();
            long frames;
            long events;
            using var watch = RunWatch.Start("simulate", []); // progress (simulated time) and Ctrl+C: a stop closes a valid, shorter file
            using (var source = new MarketSimulatorSource(options))
            using (var stream = RawLineFile.Create(file.FullName))
            {
                // A file of several symbols names each snapshot's symbol: a bare REST snapshot line could belong to any.
                var named = options.Symbols.Count > 1 ? options.Symbols.Select(s => s.Symbol).ToArray() : null;
                frames = RawLineFile.WriteAll(watch.Frames(source, () => source.FramesRead, "frames"), stream, named);
                events = source.BookEvents;
            }
            watch.EndProgress();
            var o = new JsonObject
            {
                ["out"] = file.FullName,
                ["symbols"] = new JsonArray([.. options.Symbols.Select(s => (JsonNode)s.Symbol)]),
                ["seed"] = options.Seed,
                ["simMinutes"] = m,
                ["switchAtMinutes"] = options.RegimeChangeAt?.TotalMinutes,
                ["switchSymbols"] = options.RegimeChangeAt is null ? null : new JsonArray([.. options.Symbols.Where(s => options.Switches(s.Symbol)).Select(s => (JsonNode)s.Symbol)]),
                ["leadLag"] = options.LeadLag is { } ll ? new JsonObject
                {
                    ["leader"] = ll.Leader, ["strength"] = ll.Strength, ["delayMs"] = ll.Delay.TotalMilliseconds,
                    ["windowMs"] = ll.Window.TotalMilliseconds, ["scaleBps"] = ll.ScaleBps,
                } : null,
                ["frames"] = frames,
                ["bookEvents"] = events,
                ["bytes"] = new FileInfo(file.FullName).Length,
                ["elapsedSeconds"] = sw.Elapsed.TotalSeconds,
            };
            watch.Describe(o);
            if (watch.Stopped) o["simMinutesWritten"] = Math.Round(m * watch.ShareAtStop, 3);
            if (parse.GetValue(json)) JsonOut.Write(o);
            else JsonOut.WriteText(o);
            return watch.ExitCode(0);
        });
        return cmd;
    }

    /// <summary><c>--latent-value</c>: the opt-in latent value the flow follows (shared by <c>simulate</c>, <c>calibrate</c>,
    /// <c>train</c> and <c>evaluate</c>).</summary>
    internal static Option<bool> LatentValueOption() => new("--latent-value")
    {
        Description = "Opt-in: a slowly drifting latent value (a random walk, 1.2 bps per sqrt second) that makers at the touch and behind it follow, so the simulated mid moves like the real BTCUSDT feed at 2-30 s instead of mean-reverting (changes the simulated market; default off)",
    };

    /// <summary>The options with the calibrated latent value when <paramref name="on"/>.</summary>
    internal static SimulatorOptions WithLatentValue(SimulatorOptions options, bool on) =>
        on ? options with { LatentValue = Simulator.Model.LatentValue.Calibrated } : options;

    /// <summary><c>--switch-at M</c>: the simulated regime changes at minute M (shared by <c>simulate</c> and <c>replay</c>).</summary>
    internal static Option<double?> SwitchAtOption() => new("--switch-at")
    {
        Description = "Simulated minute at which the market's regime changes (volatility, trendiness, the imbalance edge reversed); none = one regime",
    };

    /// <summary><c>--switch-symbols A,B</c>: with <c>--switch-at</c>, only these symbols change regime (shared by <c>simulate</c> and <c>replay</c>).</summary>
    internal static Option<string?> SwitchSymbolsOption() => new("--switch-symbols")
    {
        Description = "With --switch-at: only these comma-separated symbols change regime, the others keep theirs (default: all)",
    };

    /// <summary>The options with only <paramref name="only"/> (comma-separated; null = all) switching regime; refuses a symbol not simulated, or no --switch-at.</summary>
    internal static SimulatorOptions WithSwitchSymbols(SimulatorOptions options, string? only)
    {
        if (only is null) return options;
        if (options.RegimeChangeAt is null) throw new ArgumentException("--switch-symbols needs --switch-at");
        var names = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var n in names)
            if (!options.Symbols.Any(p => string.Equals(p.Symbol, n, StringComparison.OrdinalIgnoreCase)))
                throw new ArgumentException($"--switch-symbols: {n} is not one of the simulated symbols ({string.Join(',', options.Symbols.Select(p => p.Symbol))})");
        return options with { SwitchSymbols = names };
    }

    /// <summary>The options with the regime change at minute <paramref name="minutes"/> (null = none); refuses a minute outside the run.</summary>
    internal static SimulatorOptions WithSwitch(SimulatorOptions options, double? minutes)
    {
        if (minutes is not { } m) return options;
        if (!(m >= 0) || m >= options.Duration.TotalMinutes)
            throw new ArgumentException($"--switch-at must be in [0, {options.Duration.TotalMinutes}) simulated minutes, got {m}");
        return options with { RegimeChangeAt = TimeSpan.FromMinutes(m) };
    }
}
