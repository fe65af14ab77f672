using System.Globalization;
using HftScalper.Core.Numerics;

namespace HftScalper.Live;

/// <summary>The venue's decimal texts in the engine's integers (ticks, lots), off the hot path.</summary>
internal static class VenueNumbers
{
    /// <summary>A fixed-point text at <paramref name="decimals"/> places; 0 when missing or malformed.</summary>
    public static long ParseOrZero(string? text, int decimals) =>
        text is not null && FixedPoint.TryParse(text, decimals, out long v) == FixedPointStatus.Ok ? v : 0;

    /// <summary>A decimal price (avgPrice, markPrice, liquidationPrice: off the tick grid) rounded to the nearest
    /// tick; 0 when missing or malformed.</summary>
    public static long ToTicks(string? text, int priceDecimals) =>
        text is not null && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal v) ? ToTicks(v, priceDecimals) : 0;

    /// <summary>A decimal at <paramref name="decimals"/> places, rounded half away from zero.</summary>
    public static long ToTicks(decimal value, int decimals) => (long)decimal.Round(value * Pow10(decimals), MidpointRounding.AwayFromZero);

    /// <summary>10 to the <paramref name="decimals"/>, as a decimal.</summary>
    public static decimal Pow10(int decimals)
    {
        decimal p = 1m;
        for (int i = 0; i < decimals; i++) p *= 10m;
        return p;
    }
}
