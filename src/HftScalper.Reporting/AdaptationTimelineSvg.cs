using System.Globalization;
using System.Net;
using System.Text;

namespace HftScalper.Reporting;

/// <summary>
/// The report's adaptation timeline as inline SVG (no script), over exchange time: the live model's accuracy per
/// window (a line, dots sized by how many predictions resolved), and vertical marks for the market change (grey,
/// dashed), drift alarms (orange), retrains (blue), candidates entering the shadow (light blue, short), promotions
/// (green) and rollbacks (red); each mark's tooltip says what happened. Allocates: after the run.
/// </summary>
public static class AdaptationTimelineSvg
{
    private const int Width = 960, Height = 300, Left = 50, Right = 10, Top = 28, Bottom = 30;

    /// <summary>Colour and legend label per mark kind drawn (other kinds are listed in the table only).</summary>
    private static readonly (string Kind, string Colour, string Label)[] Kinds =
    [
        ("alarm", "#ff7f0e", "drift alarm"), ("retrain", "#1f77b4", "retrain"), ("candidate", "#9ecae1", "candidate in shadow"),
        ("promotion", "#2ca02c", "promotion"), ("rollback", "#d62728", "rollback"),
    ];

    /// <summary>The SVG of <paramref name="t"/>; null when the run has no exchange time.</summary>
    public static string? Render(AdaptationTimeline t)
    {
        ArgumentNullException.ThrowIfNull(t);
        double span = Math.Max(t.RunSeconds, t.Points.Count > 0 ? t.Points[^1].Seconds + t.WindowSeconds : 0);
        foreach (var m in t.Marks) span = Math.Max(span, m.Seconds);
        if (!(span > 0)) return null;
        double X(double s) => Left + s / span * (Width - Left - Right);
        double Y(double a) => Top + (1 - a) * (Height - Top - Bottom);

        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" class=\"adaptation-timeline\">");
        s.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"#fff\" stroke=\"#ccc\"/>");
        for (int k = 0; k <= 4; k++)
        {
            double a = k / 4.0;
            s.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(a):F1}\" y2=\"{Y(a):F1}\" stroke=\"#eee\"/>");
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Y(a) + 4:F1}\" font-size=\"11\" text-anchor=\"end\">{a:0.00}</text>");
        }
        string start = t.OriginNs > 0 ? $" from {PriceChartSvg.Time(t.OriginNs)} UTC" : "";
        s.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 8}\" font-size=\"11\">+0 s{start}</text>");
        s.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{Height - 8}\" font-size=\"11\" text-anchor=\"end\">+{span:0} s (exchange time)</text>");
        Legend(s);

        if (t.ChangeAtSeconds is { } change)
            s.Append(CultureInfo.InvariantCulture, $"<line class=\"mark-change\" x1=\"{X(change):F1}\" x2=\"{X(change):F1}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"#777\" stroke-dasharray=\"4 3\"><title>market change at +{change:0.#} s ({Enc(t.ChangeSource ?? "")})</title></line>");
        foreach (var m in t.Marks)
        {
            int i = Array.FindIndex(Kinds, k => k.Kind == m.Kind);
            if (i < 0) continue;
            double y1 = m.Kind == "candidate" ? Top + (Height - Top - Bottom) * 0.5 : Top;
            s.Append(CultureInfo.InvariantCulture, $"<line class=\"mark-{m.Kind}\" x1=\"{X(m.Seconds):F1}\" x2=\"{X(m.Seconds):F1}\" y1=\"{y1:F1}\" y2=\"{Height - Bottom}\" stroke=\"{Kinds[i].Colour}\" stroke-width=\"2\"><title>{Enc(Kinds[i].Label)} at +{m.Seconds:0.#} s: {Enc(m.Detail)}</title></line>");
        }

        long most = 1;
        foreach (var p in t.Points) most = Math.Max(most, p.Resolved);
        s.Append("<polyline fill=\"none\" stroke=\"#333\" stroke-width=\"1.5\" points=\"");
        foreach (var p in t.Points)
            if (double.IsFinite(p.Accuracy)) s.Append(CultureInfo.InvariantCulture, $"{X(p.Seconds + t.WindowSeconds / 2):F1},{Y(p.Accuracy):F1} ");
        s.Append("\"/>");
        foreach (var p in t.Points)
        {
            if (!double.IsFinite(p.Accuracy)) continue;
            double r = 1.5 + 2.5 * Math.Sqrt((double)p.Resolved / most);
            s.Append(CultureInfo.InvariantCulture, $"<circle class=\"window\" cx=\"{X(p.Seconds + t.WindowSeconds / 2):F1}\" cy=\"{Y(p.Accuracy):F1}\" r=\"{r:F1}\" fill=\"#333\"><title>+{p.Seconds:0} s: accuracy {p.Accuracy:0.000} over {p.Resolved} predictions</title></circle>");
        }
        s.Append("</svg>");
        return s.ToString();
    }

    private static void Legend(StringBuilder s)
    {
        double x = Left;
        s.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"16\" font-size=\"11\" fill=\"#333\">&#9679; live accuracy per window</text>");
        x += 160;
        s.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"16\" font-size=\"11\" fill=\"#777\">&#9474; market change</text>");
        x += 105;
        foreach (var (_, colour, label) in Kinds)
        {
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"16\" font-size=\"11\" fill=\"{colour}\">&#9474; {Enc(label)}</text>");
            x += 16 + 6.5 * label.Length;
        }
    }

    private static string Enc(string text) => WebUtility.HtmlEncode(text);
}
