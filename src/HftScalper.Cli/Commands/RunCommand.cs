using System.CommandLine;
using HftScalper.Binance.Live;
using HftScalper.Cli.Commands.Run;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft run --symbols btcusdt[,ethusdt] [--market spot|usdm] --mode paper [--url WS --rest URL] [--model M | --no-model]
/// [--duration 10m] [--metrics-port N] [--json]</c>: the trading pipeline of <c>hft replay</c> on a live market-data
/// feed, trading on the paper venue at wall-clock time, until the duration ends or Ctrl+C / SIGTERM (cancel, drain,
/// summary). <c>--mode testnet|live</c> are refused for now: order entry to the exchange is not wired yet.
/// </summary>
public static class RunCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var symbols = new Option<string>("--symbols") { Description = "Comma-separated symbols, e.g. btcusdt,ethusdt", Required = true };
        var market = new Option<string>("--market") { Description = "spot | usdm", DefaultValueFactory = _ => "spot" };
        var mode = new Option<string>("--mode") { Description = "paper (live feed, simulated fills) | testnet | live (not wired yet: refused)", DefaultValueFactory = _ => "paper" };
        var url = new Option<string?>("--url") { Description = "WebSocket base instead of Binance's (e.g. ws://127.0.0.1:5000 for the fake exchange)" };
        var rest = new Option<string?>("--rest") { Description = "REST base for snapshots (default: --url with http(s), else Binance's)" };
        var model = new Option<string?>("--model") { Description = "ONNX model (default: models/default.onnx, the bundled model)" };
        var noModel = new Option<bool>("--no-model") { Description = "Run without a model: every decision uses the rule-based fallback signal" };
        var duration = new Option<string?>("--duration") { Description = "Stop after this long (e.g. 30s, 10m, 2h); default: until Ctrl+C / SIGTERM" };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "Serve Prometheus metrics on http://127.0.0.1:PORT/metrics while running (0 = any free port, printed)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout at the end" };
        var quiet = new Option<bool>("--quiet") { Description = "Only warnings in the log" };
        var journal = new Option<string?>("--journal") { Description = "Journal every order request and execution report into this folder (crash-safe; hft journal orders DIR reads it)" };
        var journalFsync = new Option<bool>("--journal-fsync") { Description = "fsync the order journal after each write (durable against power loss; default: flushed to the OS, durable against a crash)" };
        var cmd = new Command("run", "Trade on a live market-data feed (paper mode: simulated fills) through the replay pipeline")
            { symbols, market, mode, url, rest, model, noModel, duration, metricsPort, json, quiet, journal, journalFsync };
        cmd.SetAction((parse, ct) =>
        {
            string m = (parse.GetValue(mode) ?? "paper").ToLowerInvariant();
            if (m is "testnet" or "live")
                throw new NotSupportedException($"--mode {m}: order entry to the exchange is not wired yet; use --mode paper");
            var names = (parse.GetValue(symbols) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (names.Length == 0) throw new ArgumentException("--symbols names no symbol");
            foreach (var n in names)
                if (!IsSymbolName(n)) throw new ArgumentException($"--symbols: '{n}' is not a Binance symbol (letters and digits, e.g. btcusdt)");
            string? modelPath = parse.GetValue(model);
            bool noModelValue = parse.GetValue(noModel);
            if (modelPath is not null && noModelValue) throw new ArgumentException("--model and --no-model exclude each other");
            var args = new RunCommandArgs(names, ParseMarket(parse.GetValue(market) ?? "spot"), ParseUri(parse.GetValue(url), "--url"),
                ParseUri(parse.GetValue(rest), "--rest"), modelPath, noModelValue, RecordCommand.ParseDuration(parse.GetValue(duration)),
                parse.GetValue(metricsPort), parse.GetValue(json), parse.GetValue(quiet), parse.GetValue(journal), parse.GetValue(journalFsync));
            return RunCommandRunner.RunAsync(args, ct);
        });
        return cmd;
    }

    private static bool IsSymbolName(string name)
    {
        if (name.Length is < 2 or > 20) return false;
        foreach (char c in name)
            if (!char.IsAsciiLetterOrDigit(c)) return false;
        return true;
    }

    private static BinanceMarket ParseMarket(string market) => market.ToLowerInvariant() switch
    {
        "spot" => BinanceMarket.Spot,
        "usdm" => BinanceMarket.UsdMFutures,
        _ => throw new ArgumentException($"--market must be spot or usdm, not '{market}'"),
    };

    private static Uri? ParseUri(string? value, string option) =>
        value is null ? null
        : Uri.TryCreate(value, UriKind.Absolute, out var u) && u.Scheme is "ws" or "wss" or "http" or "https" ? u
        : throw new ArgumentException($"{option} '{Core.Security.SecretRedactor.Redact(value)}' is not an absolute ws(s):// or http(s):// URL");
}
