using System.Buffers;
using System.Text.Json;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Trading.Execution;

namespace HftScalper.Dashboard.Feed;

/// <summary>Renders one dashboard frame as JSON (the page's <c>app.js</c> reads these names).</summary>
internal static class FrameWriter
{
    public static byte[] Write(long sequence, PipelineSnapshot? p, DecisionSample? last, ChartPoint? point, DashboardTap tap,
        SymbolRegistry symbols, string model, string? summary, string[] stages, string? metrics = null)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("seq", sequence);
            w.WriteString("utc", DateTimeOffset.UtcNow);
            w.WriteBoolean("running", p?.Running ?? false);
            w.WriteBoolean("halted", p?.Halted ?? false);
            Counters(w, p);
            w.WriteStartObject("riskVerdicts");
            foreach (var (verdict, count) in p?.RiskVerdicts ?? []) w.WriteNumber(verdict, count);
            w.WriteEndObject();
            w.WriteStartArray("books");
            foreach (var (symbol, state) in p?.Symbols ?? [])
            {
                w.WriteStartObject();
                w.WriteString("symbol", symbol);
                w.WriteString("state", state.ToString().ToLowerInvariant());
                w.WriteEndObject();
            }
            w.WriteEndArray();
            Model(w, p, last, model);
            ModelMonitor.Write(w, metrics);
            Last(w, last, symbols);
            var (trips, pnl, wins) = tap.Totals;
            w.WriteNumber("trades", trips);
            w.WriteNumber("wins", wins);
            w.WriteNumber("realisedPnl", pnl);
            w.WriteNumber("fills", tap.Fills);
            if (last is { } l) w.WriteNumber("equity", l.Equity);
            else w.WriteNull("equity");
            Positions(w, tap, symbols);
            Trips(w, tap, symbols);
            Fills(w, tap, symbols);
            Latency(w, tap, stages);
            w.WritePropertyName("point");
            if (point is { } pt) pt.Write(w);
            else w.WriteNullValue();
            w.WritePropertyName("summary");
            if (summary is null) w.WriteNullValue();
            else w.WriteRawValue(summary);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    // Names as in /metrics (hft_pipeline_<name>_total) so the page and a scrape can be compared figure by figure.
    private static void Counters(Utf8JsonWriter w, PipelineSnapshot? p)
    {
        w.WriteStartObject("counters");
        w.WriteNumber("events", p?.Events ?? 0);
        w.WriteNumber("frames", p?.Frames ?? 0);
        w.WriteNumber("decisions", p?.Decisions ?? 0);
        w.WriteNumber("strategyDecisions", p?.StrategyDecisions ?? 0);
        w.WriteNumber("orders", p?.Orders ?? 0);
        w.WriteNumber("inferenceBatches", p?.InferenceBatches ?? 0);
        w.WriteNumber("predictedRows", p?.InferenceRows ?? 0);
        w.WriteNumber("noModelRows", p?.NoModelRows ?? 0);
        w.WriteNumber("failedRows", p?.FailedRows ?? 0);
        w.WriteNumber("modelSignals", p?.ModelSignals ?? 0);
        w.WriteNumber("fallbackSignals", p?.FallbackSignals ?? 0);
        w.WriteNumber("killSwitchTrips", p?.KillSwitchTrips ?? 0);
        w.WriteNumber("gaps", p?.Gaps ?? 0);
        w.WriteNumber("resyncs", p?.Resyncs ?? 0);
        w.WriteNumber("crossed", p?.Crossed ?? 0);
        w.WriteEndObject();
    }

    private static void Model(Utf8JsonWriter w, PipelineSnapshot? p, DecisionSample? last, string model)
    {
        w.WriteStartObject("model");
        w.WriteString("name", model);
        string status = p is null ? "starting"
            : last is { ModelHealthy: true } ? "live"
            : p.InferenceRows == 0 ? "fallback (no model)"
            : "fallback (model unhealthy)";
        w.WriteString("status", status);
        w.WriteEndObject();
    }

    private static void Last(Utf8JsonWriter w, DecisionSample? last, SymbolRegistry symbols)
    {
        w.WritePropertyName("last");
        if (last is not { } d || (uint)d.SymbolId >= (uint)symbols.Count)
        {
            w.WriteNullValue();
            return;
        }
        var s = symbols[d.SymbolId];
        w.WriteStartObject();
        w.WriteString("symbol", s.Name);
        w.WriteNumber("t", d.ExchangeTimeNs / 1e9);
        w.WriteNumber("bid", s.PriceToDouble(d.BidTicks));
        w.WriteNumber("ask", s.PriceToDouble(d.AskTicks));
        w.WriteNumber("spreadTicks", d.AskTicks - d.BidTicks);
        w.WritePropertyName("pDown");
        ChartPoint.Number(w, d.PDown);
        w.WritePropertyName("pFlat");
        ChartPoint.Number(w, d.PFlat);
        w.WritePropertyName("pUp");
        ChartPoint.Number(w, d.PUp);
        w.WriteString("verdict", DashboardSampler.VerdictName(d.Verdict));
        w.WriteEndObject();
    }

    private static void Positions(Utf8JsonWriter w, DashboardTap tap, SymbolRegistry symbols)
    {
        w.WriteStartArray("positions");
        for (int i = 0; i < symbols.Count; i++)
        {
            w.WriteStartObject();
            w.WriteString("symbol", symbols[i].Name);
            w.WriteNumber("quantity", symbols[i].QuantityToDouble(tap.PositionLots(i)));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Trips(Utf8JsonWriter w, DashboardTap tap, SymbolRegistry symbols)
    {
        w.WriteStartArray("recentTrades");
        var trips = tap.RecentTrips();
        for (int i = trips.Count - 1; i >= 0 && i >= trips.Count - 20; i--) // newest first
        {
            var t = trips[i];
            if ((uint)t.SymbolId >= (uint)symbols.Count) continue;
            var s = symbols[t.SymbolId];
            w.WriteStartObject();
            w.WriteString("symbol", s.Name);
            w.WriteString("side", t.Direction > 0 ? "long" : "short");
            w.WriteNumber("entry", s.PriceToDouble(t.EntryPriceTicks));
            w.WriteNumber("exit", s.PriceToDouble(t.ExitPriceTicks));
            w.WriteNumber("quantity", s.QuantityToDouble(t.QuantityLots));
            w.WriteNumber("netPnl", t.NetPnl);
            w.WriteNumber("exitTime", t.ExitTimeNs / 1e9);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Fills(Utf8JsonWriter w, DashboardTap tap, SymbolRegistry symbols)
    {
        w.WriteStartArray("recentFills");
        var fills = tap.RecentFills();
        for (int i = fills.Count - 1; i >= 0 && i >= fills.Count - 20; i--)
        {
            var f = fills[i];
            if ((uint)f.SymbolId >= (uint)symbols.Count) continue;
            var s = symbols[f.SymbolId];
            w.WriteStartObject();
            w.WriteString("symbol", s.Name);
            w.WriteString("side", f.Side == OrderSide.Sell ? "sell" : "buy");
            w.WriteNumber("price", s.PriceToDouble(f.LastPriceTicks));
            w.WriteNumber("quantity", s.QuantityToDouble(f.LastQuantityLots));
            w.WriteString("liquidity", f.Liquidity.ToString().ToLowerInvariant());
            w.WriteNumber("time", f.ExchangeTimeNs / 1e9);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Latency(Utf8JsonWriter w, DashboardTap tap, string[] stages)
    {
        w.WriteStartObject("latency");
        w.WriteStartArray("boundsUs");
        foreach (var b in DashboardTap.LatencyBoundsNs) w.WriteNumberValue(b / 1000.0);
        w.WriteEndArray();
        for (int s = 0; s < stages.Length; s++)
        {
            w.WriteStartArray(stages[s]);
            for (int b = 0; b <= DashboardTap.LatencyBoundsNs.Length; b++) w.WriteNumberValue(tap.LatencyCount(s, b));
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
