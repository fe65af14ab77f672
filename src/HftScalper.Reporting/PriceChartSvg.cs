using System.Globalization;
using System.Net;
using System.Text;
using HftScalper.Core.Numerics;
using HftScalper.Reporting.Fills;

namespace HftScalper.Reporting;

/// <summary>
/// The report's price chart as inline SVG (no script, no external resource): the mid of one symbol over exchange
/// time (<see cref="PriceTrace"/>) with our fills on it, buys as green triangles pointing up, sells as red triangles
/// pointing down; entries (the fill moved the position away from flat) filled, exits (it reduced the position)
/// hollow. Allocates: after the run.
/// </summary>
public static class PriceChartSvg
{
    private const int Width = 960, Height = 320, Left = 70, Right = 10, Top = 10, Bottom = 30;

    /// <summary>Most fills drawn per chart (the first ones).</summary>
    public const int MaxMarkers = 2000;

    /// <summary>The SVG of symbol <paramref name="symbolId"/>; null when it has no traced mid.</summary>
    public static string? Render(PriceTrace prices, ReadOnlySpan<FillRecord> fills, int symbolId, int priceDecimals)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var (times, mids) = prices.Points(symbolId);
        if (times.Length == 0) return null;
        double scale = FixedPoint.PowerOfTen(priceDecimals);
        long t0 = times[0], t1 = times[^1];
        double lo = double.MaxValue, hi = double.MinValue;
        foreach (double m in mids) { lo = Math.Min(lo, m); hi = Math.Max(hi, m); }
        int drawn = 0;
        foreach (ref readonly var f in fills)
        {
            if (f.SymbolId != symbolId || drawn >= MaxMarkers) continue;
            drawn++;
            lo = Math.Min(lo, f.PriceTicks);
            hi = Math.Max(hi, f.PriceTicks);
            t0 = Math.Min(t0, f.TimeNs);
            t1 = Math.Max(t1, f.TimeNs);
        }
        if (hi <= lo) { hi = lo + 1; lo -= 1; }
        if (t1 <= t0) t1 = t0 + 1;
        double X(long t) => Left + (double)(t - t0) / (t1 - t0) * (Width - Left - Right);
        double Y(double p) => Top + (hi - p) / (hi - lo) * (Height - Top - Bottom);

        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\">");
        s.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"#fff\" stroke=\"#ccc\"/>");
        for (int k = 0; k <= 4; k++)
        {
            double p = lo + (hi - lo) * k / 4;
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Y(p) + 4:F1}\" font-size=\"11\" text-anchor=\"end\">{p / scale:G8}</text>");
        }
        s.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 8}\" font-size=\"11\">{Time(t0)}</text>");
        s.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{Height - 8}\" font-size=\"11\" text-anchor=\"end\">{Time(t1)} (exchange time, UTC)</text>");
        s.Append("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1\" points=\"");
        for (int i = 0; i < times.Length; i++) s.Append(CultureInfo.InvariantCulture, $"{X(times[i]):F1},{Y(mids[i]):F1} ");
        s.Append("\"/>");
        drawn = 0;
        foreach (ref readonly var f in fills)
        {
            if (f.SymbolId != symbolId || drawn++ >= MaxMarkers) continue;
            bool entry = Math.Abs(f.PositionAfterLots) > Math.Abs(f.PositionAfterLots - f.Side * f.QuantityLots);
            double x = X(f.TimeNs), y = Y(f.PriceTicks), d = f.Side > 0 ? 6 : -6;
            string colour = f.Side > 0 ? "#2ca02c" : "#d62728";
            s.Append(CultureInfo.InvariantCulture, $"<path d=\"M{x:F1},{y - d:F1} L{x - 5:F1},{y + d:F1} L{x + 5:F1},{y + d:F1} Z\" stroke=\"{colour}\" fill=\"{(entry ? colour : "none")}\">");
            s.Append(CultureInfo.InvariantCulture, $"<title>{(f.Side > 0 ? "buy" : "sell")} {(entry ? "entry" : "exit")} at {f.PriceTicks / scale:G10}, {Time(f.TimeNs)}</title></path>");
        }
        s.Append("</svg>");
        return s.ToString();
    }

    /// <summary>Exchange time as UTC text.</summary>
    public static string Time(long ns) =>
        WebUtility.HtmlEncode(DateTimeOffset.FromUnixTimeMilliseconds(ns / 1_000_000).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture));
}
