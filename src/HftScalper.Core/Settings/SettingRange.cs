using System.Globalization;

namespace HftScalper.Core.Settings;

/// <summary>
/// Range checks for settings, shared by every options type so that the same limits apply however the options are
/// built (configuration file, command line, code). Each throws a <see cref="SettingException"/> whose message names
/// <c>key</c> and the allowed range, e.g. <c>risk.kellyFraction = 50 is out of range [0, 1]</c>. Start-up only.
/// </summary>
public static class SettingRange
{
    /// <summary>Throws unless <paramref name="value"/> is finite and in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static void Check(string key, double value, double min, double max)
    {
        if (!double.IsFinite(value) || value < min || value > max) throw OutOfRange(key, Format(value), $"[{Format(min)}, {Format(max)}]");
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and in (0, <paramref name="max"/>].</summary>
    public static void CheckPositive(string key, double value, double max)
    {
        if (!double.IsFinite(value) || value <= 0 || value > max) throw OutOfRange(key, Format(value), $"(0, {Format(max)}]");
    }

    /// <summary>Throws unless <paramref name="value"/> is in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static void Check(string key, long value, long min, long max)
    {
        if (value < min || value > max) throw OutOfRange(key, Format(value), $"[{Format(min)}, {Format(max)}]");
    }

    /// <summary>Throws unless <paramref name="value"/> is one of <paramref name="allowed"/> (ignoring case).</summary>
    public static void CheckOneOf(string key, string value, params string[] allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        foreach (var a in allowed)
            if (string.Equals(a, value, StringComparison.OrdinalIgnoreCase)) return;
        throw new SettingException($"{Name(key, $"\"{value}\"")} is not one of {string.Join(", ", allowed)}");
    }

    /// <summary>The error for <paramref name="key"/> = <paramref name="value"/> outside <paramref name="range"/> (e.g. <c>[0, 1]</c>).</summary>
    public static SettingException OutOfRange(string key, string value, string range) => new($"{Name(key, value)} is out of range {range}");

    // A configuration key reads "risk.kellyFraction = 50", a command-line option "--metrics-port 99999".
    private static string Name(string key, string value) => key.StartsWith("--", StringComparison.Ordinal) ? $"{key} {value}" : $"{key} = {value}";

    /// <summary>A number as a user reads it: invariant culture, no exponent below 10^15, the long type's limits by name.</summary>
    public static string Format(double value) => value switch
    {
        double.PositiveInfinity => "infinity",
        double.NegativeInfinity => "-infinity",
        _ => Math.Abs(value) < 1e15 ? value.ToString("0.##########", CultureInfo.InvariantCulture) : value.ToString("G6", CultureInfo.InvariantCulture),
    };

    /// <summary>A single-precision number as a user wrote it (shortest round-trip form, invariant culture).</summary>
    public static string Format(float value) => float.IsFinite(value) ? value.ToString(CultureInfo.InvariantCulture) : Format((double)value);

    /// <summary>An integer as a user reads it (invariant culture).</summary>
    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
