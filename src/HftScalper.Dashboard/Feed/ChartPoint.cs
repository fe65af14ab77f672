using System.Text.Json;

namespace HftScalper.Dashboard.Feed;

/// <summary>One point of the page's charts: exchange time (s), mid, bid, ask, equity and the model's probabilities.</summary>
internal readonly record struct ChartPoint(double T, double Mid, double Bid, double Ask, double Equity, float PDown, float PFlat, float PUp)
{
    /// <summary>Writes the point as a JSON array [t, mid, bid, ask, equity, pDown, pFlat, pUp] (null for NaN).</summary>
    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartArray();
        Number(w, T);
        Number(w, Mid);
        Number(w, Bid);
        Number(w, Ask);
        Number(w, Equity);
        Number(w, PDown);
        Number(w, PFlat);
        Number(w, PUp);
        w.WriteEndArray();
    }

    internal static void Number(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v)) w.WriteNumberValue(v);
        else w.WriteNullValue();
    }
}
