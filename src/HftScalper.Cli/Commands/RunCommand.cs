using System.CommandLine;
using HftScalper.Binance.Live;
using HftScalper.Cli.Commands.Run;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft run --symbols btcusdt[,ethusdt] [--market spot|usdm|coinm] --mode paper [--url WS --rest URL] [--model M | --no-model]
/// [--config FILE] [--duration 10m] [--metrics-port N] [--json]</c>: the trading pipeline of <c>hft replay</c> on a live market-data
/// feed, trading on the paper venue at wall-clock time, until the duration ends or Ctrl+C / SIGTERM (cancel, drain,
/// summary). <c>--mode testnet|live --market spot</c> trade Binance spot through the WebSocket API with the keys of the
/// environment (<c>live</c> only with <c>--confirm-live</c>), reconciling the ledger with the venue and failing closed;
/// at exit every open order is cancelled (see <see cref="LiveTradingSession"/>). <c>--config FILE</c> is replay's settings
/// file (<see cref="ConfigFileSetup"/>): risk, fees, futures (a COIN-M <c>futures.contractSizes</c> entry overrides
/// exchangeInfo's <c>contractSize</c>), read and checked before anything connects.
/// </summary>
public static class RunCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var symbols = new Option<string>("--symbols") { Description = "Comma-separated symbols, e.g. btcusdt,ethusdt", Required = true };
        var market = new Option<string>("--market") { Description = "spot | usdm | coinm (COIN-M inverse futures: whole contracts, the account in the coin)", DefaultValueFactory = _ => "spot" };
        var mode = new Option<string>("--mode") { Description = "paper (live feed, simulated fills) | testnet (Binance spot or USD-M testnet, keys) | live (mainnet: needs --confirm-live and keys)", DefaultValueFactory = _ => "paper" };
        var url = new Option<string?>("--url") { Description = "WebSocket base instead of Binance's (e.g. ws://127.0.0.1:5000 for the fake exchange)" };
        var rest = new Option<string?>("--rest") { Description = "REST base for snapshots (default: --url with http(s), else Binance's)" };
        var wsApi = new Option<string?>("--ws-api") { Description = "WebSocket API endpoint for orders and user data (testnet/live; default: the mode's, or /ws-api/v3 (usdm: /ws-fapi/v1) on --url's host)" };
        var confirmLive = new Option<bool>("--confirm-live") { Description = "Required with --mode live: real orders on Binance mainnet" };
        var flattenOnExit = new Option<bool>("--flatten-on-exit") { Description = "testnet/live: after cancelling all open orders at exit, close the positions with market orders (reduce-only on usdm)" };
        var reconcileEvery = new Option<string?>("--reconcile-every") { Description = "testnet/live: periodic reconciliation of the ledger with the venue (e.g. 30s, default)" };
        var unknownOrders = new Option<string>("--unknown-orders") { Description = "testnet/live: open orders at the venue the ledger does not know: cancel (default) | adopt", DefaultValueFactory = _ => "cancel" };
        var model = new Option<string?>("--model") { Description = "ONNX model (default: models/default.onnx, the bundled model)" };
        var noModel = new Option<bool>("--no-model") { Description = "Run without a model: every decision uses the rule-based fallback signal" };
        var duration = new Option<string?>("--duration") { Description = "Stop after this long (e.g. 30s, 10m, 2h); default: until Ctrl+C / SIGTERM" };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "Serve Prometheus metrics on http://127.0.0.1:PORT/metrics while running (0 = any free port, printed)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout at the end" };
        var quiet = new Option<bool>("--quiet") { Description = "Only warnings in the log" };
        var journal = new Option<string?>("--journal") { Description = "Journal every order request and execution report into this folder (crash-safe; hft journal orders DIR reads it)" };
        var journalFsync = new Option<bool>("--journal-fsync") { Description = "fsync the order journal after each write (durable against power loss; default: flushed to the OS, durable against a crash)" };
        var serve = Commands.DashboardSetup.ServeOption("Serve the live dashboard (and /metrics) on [ADDRESS:]PORT (default 127.0.0.1:8321, a free port if busy; off = none); halt/flatten/resume need the token");
        var serveToken = Commands.DashboardSetup.TokenOption();
        var config = ConfigFileSetup.Option();
        var gateHorizon = GateOptions.Horizon();
        var gateThreshold = GateOptions.Threshold();
        var cmd = new Command("run", "Trade on a live market-data feed (paper mode: simulated fills) through the replay pipeline")
            { symbols, market, mode, url, rest, wsApi, confirmLive, flattenOnExit, reconcileEvery, unknownOrders, model, noModel, duration, metricsPort, json, quiet, journal, journalFsync, serve, serveToken, config, gateHorizon, gateThreshold };
        var adapt = new Replay.AdaptSetup();
        foreach (var o in adapt.All) cmd.Options.Add(o);
        cmd.SetAction((parse, ct) =>
        {
            var runMode = ParseMode(parse.GetValue(mode) ?? "paper");
            var names = (parse.GetValue(symbols) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (names.Length == 0) throw new ArgumentException("--symbols names no symbol");
            foreach (var n in names)
                if (!IsSymbolName(n)) throw new ArgumentException($"--symbols: '{n}' is not a Binance symbol (letters and digits, e.g. btcusdt; COIN-M btcusd_perp)");
            string? modelPath = parse.GetValue(model);
            bool noModelValue = parse.GetValue(noModel);
            if (modelPath is not null && noModelValue) throw new ArgumentException("--model and --no-model exclude each other");
            // Read before anything connects: a bad file ends the run here (exit 2, one line naming the file and the key).
            var settings = ConfigFileSetup.Load(parse.GetValue(config));
            ConfigFileSetup.RefuseReplayOnly(settings);
            var args = new RunCommandArgs(names, BinanceMarketPaths.Parse(parse.GetValue(market) ?? "spot"), ParseUri(parse.GetValue(url), "--url"),
                ParseUri(parse.GetValue(rest), "--rest"), modelPath, noModelValue, RecordCommand.ParseDuration(parse.GetValue(duration)),
                parse.GetValue(metricsPort), parse.GetValue(json), parse.GetValue(quiet), parse.GetValue(journal), parse.GetValue(journalFsync))
            {
                Mode = runMode,
                WsApiBase = ParseUri(parse.GetValue(wsApi), "--ws-api"),
                ConfirmLive = parse.GetValue(confirmLive),
                FlattenOnExit = parse.GetValue(flattenOnExit),
                ReconcileInterval = RecordCommand.ParseDuration(parse.GetValue(reconcileEvery)),
                Serve = parse.GetValue(serve),
                ServeToken = parse.GetValue(serveToken),
                Adapt = adapt.Parse(parse),
                Config = settings,
                Gate = GateJudging.Parse(parse.GetValue(gateHorizon), parse.GetValue(gateThreshold), settings?.Gate()), // the command line over the file's model section
                UnknownOrders = (parse.GetValue(unknownOrders) ?? "cancel").ToLowerInvariant() switch
                {
                    "cancel" => Live.UnknownOrderPolicy.Cancel,
                    "adopt" => Live.UnknownOrderPolicy.Adopt,
                    var u => throw new ArgumentException($"--unknown-orders must be cancel or adopt, not '{u}'"),
                },
            };
            LiveModeGuard.Check(args.Mode, args.ConfirmLive);
            // On the Generic Host: systemd notify (READY/STOPPING, watchdog) and the host's own SIGTERM handling.
            return Hosting.RunHost.RunAsync((host, token) => RunCommandRunner.RunAsync(args, host, token), ct);
        });
        return cmd;
    }

    private static bool IsSymbolName(string name)
    {
        // Letters and digits; COIN-M contracts add an underscore inside (BTCUSD_PERP, BTCUSD_250926).
        if (name.Length is < 2 or > 20 || name[0] == '_' || name[^1] == '_') return false;
        foreach (char c in name)
            if (!char.IsAsciiLetterOrDigit(c) && c != '_') return false;
        return true;
    }

    private static RunMode ParseMode(string mode) => mode.ToLowerInvariant() switch
    {
        "paper" => RunMode.Paper,
        "testnet" => RunMode.Testnet,
        "live" => RunMode.Live,
        _ => throw new ArgumentException($"--mode must be paper, testnet or live, not '{mode}'"),
    };

    private static Uri? ParseUri(string? value, string option) =>
        value is null ? null
        : Uri.TryCreate(value, UriKind.Absolute, out var u) && u.Scheme is "ws" or "wss" or "http" or "https" ? u
        : throw new ArgumentException($"{option} '{Core.Security.SecretRedactor.Redact(value)}' is not an absolute ws(s):// or http(s):// URL");
}
