using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HftScalper.Features.Engine;

namespace HftScalper.Features.Regime;

/// <summary>
/// The fitted parameters behind the regime features: GARCH(1,1) on 1-second mid returns and the hourly activity
/// baseline. They change feature values but not names, so they are not in the schema hash; a model records them
/// (compact JSON, <see cref="GarchJson"/> and <see cref="SeasonalityJson"/>) and the engine that serves it must run
/// with the same profile, checked through <see cref="Identity"/> like the schema hash. The defaults (documented
/// GARCH, flat baseline) are the profile of every model that records none.
/// </summary>
public sealed class FeatureProfile : IEquatable<FeatureProfile>
{
    private readonly double[]? _hourly;

    /// <summary>The documented defaults (<see cref="FeatureEngineOptions.DefaultGarch"/>, flat baseline).</summary>
    public static FeatureProfile Default { get; } = new(null, null);

    /// <summary>
    /// Creates a profile. Null (or a value equal to the default: <see cref="FeatureEngineOptions.DefaultGarch"/>, a
    /// flat baseline of 1 event/s) means the default, so equal features give equal identities.
    /// </summary>
    /// <exception cref="ArgumentException">GARCH not stationary, or not 24 positive finite hourly rates.</exception>
    public FeatureProfile(GarchParameters? garch, IReadOnlyList<double>? hourlyActivity)
    {
        if (garch is { } g && !(g.IsStationary && double.IsFinite(g.Omega)))
            throw new ArgumentException($"GARCH parameters must be stationary ({g})", nameof(garch));
        if (hourlyActivity is not null && (hourlyActivity.Count != 24 || hourlyActivity.Any(x => !(x > 0) || !double.IsFinite(x))))
            throw new ArgumentException("the activity baseline needs 24 positive finite hourly rates", nameof(hourlyActivity));
        Garch = garch == FeatureEngineOptions.DefaultGarch ? null : garch;
        _hourly = hourlyActivity is null || hourlyActivity.All(x => x == 1.0) ? null : [.. hourlyActivity];
        GarchJson = Garch is { } p ? Json(w =>
        {
            w.WriteNumber("omega", p.Omega);
            w.WriteNumber("alpha", p.Alpha);
            w.WriteNumber("beta", p.Beta);
        }) : null;
        SeasonalityJson = _hourly is { } h ? Json(w =>
        {
            w.WriteStartArray("hourlyEventsPerSecond");
            foreach (double x in h) w.WriteNumberValue(x);
            w.WriteEndArray();
        }) : null;
        Identity = IsDefault ? "default" : "fp-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"hft-feature-profile|garch={GarchJson ?? "default"}|seasonality={SeasonalityJson ?? "flat"}")))[..16];
    }

    /// <summary>Fitted GARCH(1,1) on 1-second mid log returns in bps; null = <see cref="FeatureEngineOptions.DefaultGarch"/>.</summary>
    public GarchParameters? Garch { get; }

    /// <summary>Fitted events per second per UTC hour (24); null = flat (1 event/s).</summary>
    public IReadOnlyList<double>? HourlyActivity => _hourly;

    /// <summary>True when nothing is fitted (the defaults).</summary>
    public bool IsDefault => Garch is null && _hourly is null;

    /// <summary><c>default</c>, or <c>fp-</c> and 16 hex digits of a SHA-256 over the canonical JSON of the parameters.</summary>
    public string Identity { get; }

    /// <summary><c>{"omega":..,"alpha":..,"beta":..}</c> (shortest round-trip doubles), or null for the default.</summary>
    public string? GarchJson { get; }

    /// <summary><c>{"hourlyEventsPerSecond":[24 numbers]}</c>, or null for the flat default.</summary>
    public string? SeasonalityJson { get; }

    /// <summary>The profile <paramref name="options"/> run with.</summary>
    public static FeatureProfile Of(FeatureEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new FeatureProfile(options.Garch, options.HourlyActivityBaseline);
    }

    /// <summary><paramref name="options"/> (triggers, windows) with this profile's fitted parameters.</summary>
    public FeatureEngineOptions ApplyTo(FeatureEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with { Garch = Garch, HourlyActivityBaseline = _hourly };
    }

    /// <summary>Reads the JSON written by <see cref="GarchJson"/> and <see cref="SeasonalityJson"/> (null or empty = default).</summary>
    /// <exception cref="FormatException">Malformed JSON, a missing or non-finite number, or invalid parameters.</exception>
    public static FeatureProfile FromJson(string? garchJson, string? seasonalityJson)
    {
        try
        {
            GarchParameters? garch = null;
            if (!string.IsNullOrWhiteSpace(garchJson))
            {
                using var d = JsonDocument.Parse(garchJson);
                var r = d.RootElement;
                garch = new GarchParameters(Number(r, "omega"), Number(r, "alpha"), Number(r, "beta"));
            }
            double[]? hourly = null;
            if (!string.IsNullOrWhiteSpace(seasonalityJson))
            {
                using var d = JsonDocument.Parse(seasonalityJson);
                var a = d.RootElement.GetProperty("hourlyEventsPerSecond");
                hourly = [.. a.EnumerateArray().Select(x => x.GetDouble())];
            }
            return new FeatureProfile(garch, hourly);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new FormatException($"feature profile is malformed: {e.Message}", e);
        }
    }

    /// <summary>
    /// What differs between this profile (<paramref name="mine"/>) and <paramref name="other"/>
    /// (<paramref name="theirs"/>), in words with the numbers; null when they are the same.
    /// </summary>
    public string? DescribeDifference(FeatureProfile other, string mine = "engine", string theirs = "model")
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Equals(other)) return null;
        var parts = new List<string>(2);
        if (GarchJson != other.GarchJson) parts.Add($"GARCH {mine} {DescribeGarch(Garch)} vs {theirs} {DescribeGarch(other.Garch)}");
        if (SeasonalityJson != other.SeasonalityJson)
            parts.Add($"activity baseline {mine} {DescribeHourly(_hourly)} vs {theirs} {DescribeHourly(other._hourly)}");
        return $"feature profile {mine} {Identity} vs {theirs} {other.Identity}: {string.Join("; ", parts)}";
    }

    /// <inheritdoc />
    public bool Equals(FeatureProfile? other) => other is not null && Identity == other.Identity
        && GarchJson == other.GarchJson && SeasonalityJson == other.SeasonalityJson;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as FeatureProfile);

    /// <inheritdoc />
    public override int GetHashCode() => Identity.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"{Identity}: GARCH {DescribeGarch(Garch)}, activity baseline {DescribeHourly(_hourly)}";

    private static string DescribeGarch(GarchParameters? g) => g is { } p
        ? string.Create(CultureInfo.InvariantCulture, $"fitted (omega {p.Omega:G6}, alpha {p.Alpha:G6}, beta {p.Beta:G6}, long-run vol {Math.Sqrt(p.LongRunVariance):G4} bps/s)")
        : string.Create(CultureInfo.InvariantCulture, $"default (omega {FeatureEngineOptions.DefaultGarch.Omega}, alpha {FeatureEngineOptions.DefaultGarch.Alpha}, beta {FeatureEngineOptions.DefaultGarch.Beta})");

    private static string DescribeHourly(double[]? h) => h is null
        ? "flat (default, 1 event/s)"
        : string.Create(CultureInfo.InvariantCulture, $"fitted ({h.Min():G4}..{h.Max():G4} events/s, peak at {Array.IndexOf(h, h.Max()):00}h UTC)");

    private static double Number(JsonElement e, string name)
    {
        double v = e.GetProperty(name).GetDouble();
        return double.IsFinite(v) ? v : throw new FormatException($"'{name}' is not finite");
    }

    private static string Json(Action<Utf8JsonWriter> body)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
