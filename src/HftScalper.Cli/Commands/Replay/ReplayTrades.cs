using System.Text.Json.Nodes;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Reporting;
using HftScalper.Reporting.Fills;
using HftScalper.Trading.Margin;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands.Replay;

/// <summary><c>--trades FILE</c>: the run's fills, one row each (Parquet, or CSV by extension), written after the run.</summary>
internal static class ReplayTrades
{
    /// <summary>Fills kept row by row when a trades file is asked for (about 100 bytes each); more are counted.</summary>
    public const int Capacity = 1_000_000;

    /// <summary>Writes the file; returns its JSON description (<c>path, rows, fills, notWritten, unresolvedMarkouts</c>, and
    /// <c>feeAsset</c>: the asset of the <c>fee</c> column, the account's, e.g. USDT or a COIN-M account's coin, whose rows
    /// otherwise carry USD prices and contracts beside coin fees with nothing saying so).</summary>
    public static JsonObject Write(string path, RunRecorder recorder, SymbolRegistry registry, ILogger log, string? feeAsset = null)
    {
        var fills = recorder.Fills;
        var rows = TradesFile.Rows(fills, registry);
        var horizons = fills.HorizonsNs.Select(h => h / 1e9).ToList();
        TradesFile.Write(path, rows, horizons);
        if (fills.NotKept > 0)
            log.LogWarning("Trades file {Path}: {NotKept} of {Fills} fills not written (more than {Capacity} fills kept per run)", path, fills.NotKept, fills.Fills, Capacity);
        var unresolved = new JsonObject();
        for (int h = 0; h < horizons.Count; h++)
            unresolved[horizons[h].ToString("G", System.Globalization.CultureInfo.InvariantCulture) + "s"] = rows.Count(r => double.IsNaN(r.MarkoutBps[h]));
        var o = new JsonObject
        {
            ["path"] = Path.GetFullPath(path),
            ["format"] = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "csv" : "parquet",
            ["rows"] = rows.Count,
            ["fills"] = fills.Fills,
            ["notWritten"] = fills.NotKept,
            ["unresolvedMarkouts"] = unresolved,
        };
        if (feeAsset is not null) o["feeAsset"] = feeAsset;
        return o;
    }

    /// <summary>The report's settings table: the pipeline, trading, risk and venue settings the run used, and for a USD-M
    /// run (<paramref name="futures"/>) the futures settings and figures.</summary>
    public static ReportContext ReportContext(string? configFile, PipelineOptions options, SymbolRegistry registry, MarginSummary? futures = null)
    {
        var t = options.Trading;
        var c = System.Globalization.CultureInfo.InvariantCulture;
        return new ReportContext
        {
            Symbols = registry,
            Settings =
            [
                new("config file", configFile ?? "(none: defaults)"),
                new("venue / depth rule", $"{options.Venue} / {options.SyncRule}"),
                new("topology", options.Topology.ToString()),
                new("initial equity", t.InitialEquity.ToString("G", c)),
                new("signal cooldown", (t.SignalCooldownNs / 1e9).ToString("G", c) + " s"),
                new("signals", t.Signals.ToString()),
                new("fallback signal", t.Fallback.ToString()),
                new("risk", t.Risk.ToString()),
                new("paper exchange (fees, latency, queue)", t.Exchange.ToString()),
                .. futures is null ? [] : FuturesRows(t.Futures, futures),
            ],
        };
    }

    private static KeyValuePair<string, string>[] FuturesRows(FuturesOptions f, MarginSummary figures)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        string funding = f.Funding.Table.Count > 0
            ? $"a table of {f.Funding.Table.Count} times"
            : string.Create(c, $"every {f.Funding.IntervalNs / 3.6e12:G} h at {f.Funding.Rate:G}");
        return
        [
            new("USD-M futures", string.Create(c, $"{f.MarginMode} {f.Leverage}x, min / reduce liquidation distance {f.MinLiquidationDistanceBps:G} / ")
                + string.Create(c, $"{f.ReduceLiquidationDistanceBps:G} bps, mark price max age {f.MarkPriceMaxAgeMs} ms, funding {funding} ")
                + "(the markPrice stream's times and rates when recorded)"),
            new("USD-M futures (figures)", FuturesJson.Text(figures)),
        ];
    }
}
