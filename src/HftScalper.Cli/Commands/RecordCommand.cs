using System.CommandLine;
using System.Text.Json.Nodes;
using HftScalper.Binance.Live;
using HftScalper.Binance.Parsing;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Journal;
using HftScalper.Recording.Live;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft record --symbols btcusdt,ethusdt [--market spot|usdm|coinm] --out DIR [--url WS_BASE --rest REST_BASE]
/// [--duration 30s] [--json]</c>: records live depth, bookTicker and trade frames, with every REST snapshot the
/// client fetches (first sync and each resync), into the raw-frame journal, until Ctrl+C / SIGTERM or the duration
/// ends; the segment is then flushed and closed cleanly. <c>hft replay DIR</c> replays it.
/// </summary>
internal static class RecordCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var symbols = new Option<string>("--symbols") { Description = "Comma-separated symbols, e.g. btcusdt,ethusdt", Required = true };
        var market = new Option<string>("--market") { Description = "spot | usdm | coinm (COIN-M inverse futures, dstream)", DefaultValueFactory = _ => "spot" };
        var output = new Option<string>("--out") { Description = "Journal folder (created; a crashed earlier run's tail is repaired, new segments follow)", Required = true };
        var url = new Option<string?>("--url") { Description = "WebSocket base instead of Binance's (e.g. ws://127.0.0.1:5000 for the fake exchange)" };
        var rest = new Option<string?>("--rest") { Description = "REST base for snapshots (default: --url with http(s), else Binance's)" };
        var duration = new Option<string?>("--duration") { Description = "Stop after this long (e.g. 30s, 5m, 2h); default: until Ctrl+C / SIGTERM" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout at the end" };
        var cmd = new Command("record", "Record live market data (with REST snapshots) into the journal") { symbols, market, output, url, rest, duration, json };
        cmd.SetAction((parse, ct) =>
        {
            var names = (parse.GetValue(symbols) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (names.Length == 0) throw new ArgumentException("--symbols names no symbol");
            var args = new RecordCommandArgs(names, BinanceMarketPaths.Parse(parse.GetValue(market) ?? "spot"), parse.GetValue(output)!,
                ParseUri(parse.GetValue(url), "--url"), ParseUri(parse.GetValue(rest), "--rest"), ParseDuration(parse.GetValue(duration)),
                parse.GetValue(json));
            return RecordCommandRunner.RunAsync(args, ct);
        });
        return cmd;
    }

    private static Uri? ParseUri(string? value, string option) =>
        value is null ? null
        : Uri.TryCreate(value, UriKind.Absolute, out var u) ? u
        : throw new ArgumentException($"{option} '{Core.Security.SecretRedactor.Redact(value)}' is not an absolute URL");

    /// <summary>Parses <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c> or a <see cref="TimeSpan"/> (<c>00:00:30</c>); null stays null.</summary>
    public static TimeSpan? ParseDuration(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim().ToLowerInvariant();
        (string number, double unitSeconds) = v.EndsWith("ms", StringComparison.Ordinal) ? (v[..^2], 0.001)
            : v.EndsWith('s') ? (v[..^1], 1)
            : v.EndsWith('m') ? (v[..^1], 60)
            : v.EndsWith('h') ? (v[..^1], 3600)
            : ("", 0);
        TimeSpan d;
        if (unitSeconds > 0 && double.TryParse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double n))
            d = TimeSpan.FromSeconds(n * unitSeconds);
        else if (!TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out d))
            throw new ArgumentException($"--duration '{value}' is not a duration (e.g. 30s, 5m, 2h)");
        return d > TimeSpan.Zero ? d : throw new ArgumentException($"--duration must be positive, got '{value}'");
    }
}
