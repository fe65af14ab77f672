using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HftScalper.Features.CrossSymbol;

/// <summary>
/// The opt-in cross-symbol feature block (schema extension <c>cross-symbol v1</c>): the leader's recent move and the
/// rolling correlation of per-interval returns between the leader and the symbol the row is for. Off by default
/// (<see cref="Engine.FeatureEngineOptions.CrossSymbol"/> null): the default schema, its hash and every default row
/// are unchanged. A model trained with the block records these settings in its metadata (key
/// <c>hft.features.cross_symbol</c>, <see cref="ToJson"/>) and the engine that serves it computes the block only then.
/// A record, so a variant is <c>options with { ... }</c>.
/// </summary>
public sealed record CrossSymbolOptions
{
    /// <summary>The block version this engine computes; a model declaring another one is refused.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Creates the settings for a leader symbol (its exchange name, e.g. <c>BTCUSDT</c>; matched case-insensitively).</summary>
    public CrossSymbolOptions(string leader)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(leader);
        Leader = leader.Trim().ToUpperInvariant();
    }

    /// <summary>Block version (written into the schema hash and the metadata).</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The leader symbol, upper case.</summary>
    public string Leader { get; }

    /// <summary>Width of the exchange-time grid the mids are closed on, ns (default 250 ms). Grid boundaries are
    /// multiples of it since the epoch, the same for every symbol.</summary>
    public long IntervalNs { get; init; } = 250_000_000;

    /// <summary>Intervals behind the current one the fast leader move is measured from (default 4: about 1 s).</summary>
    public int FastIntervals { get; init; } = 4;

    /// <summary>Intervals behind the current one the slow leader move is measured from (default 20: about 5 s); also the
    /// warm-up: the leader columns are neutral until the leader's grid reaches this far back.</summary>
    public int SlowIntervals { get; init; } = 20;

    /// <summary>Completed intervals in the rolling correlation window (default 240: 60 s at 250 ms).</summary>
    public int CorrelationIntervals { get; init; } = 240;

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (Version != CurrentVersion)
            throw new ArgumentException($"cross-symbol feature block v{Version} is not computed by this engine (it computes v{CurrentVersion})", nameof(Version));
        ArgumentOutOfRangeException.ThrowIfLessThan(IntervalNs, 1_000_000, nameof(IntervalNs));
        ArgumentOutOfRangeException.ThrowIfLessThan(FastIntervals, 1, nameof(FastIntervals));
        ArgumentOutOfRangeException.ThrowIfLessThan(SlowIntervals, FastIntervals, nameof(SlowIntervals));
        ArgumentOutOfRangeException.ThrowIfLessThan(CorrelationIntervals, 4, nameof(CorrelationIntervals));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(CorrelationIntervals, 1 << 16, nameof(CorrelationIntervals));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SlowIntervals, 1 << 16, nameof(SlowIntervals));
    }

    /// <summary>Canonical compact JSON (the metadata value): <c>{"version","leader","intervalMs","fastIntervals","slowIntervals","correlationIntervals"}</c>.</summary>
    public string ToJson() => new JsonObject
    {
        ["version"] = Version,
        ["leader"] = Leader,
        ["intervalMs"] = IntervalNs / 1e6,
        ["fastIntervals"] = FastIntervals,
        ["slowIntervals"] = SlowIntervals,
        ["correlationIntervals"] = CorrelationIntervals,
    }.ToJsonString();

    /// <summary>Reads <see cref="ToJson"/>'s form.</summary>
    /// <exception cref="FormatException">Not that form, a setting out of range, or a block version this engine does not compute.</exception>
    public static CrossSymbolOptions Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var o = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("not a JSON object");
            int version = Required(o, "version").GetValue<int>();
            if (version != CurrentVersion)
                throw new FormatException($"the model declares cross-symbol feature block v{version}, but this engine computes v{CurrentVersion} only: retrain the model with this engine (hft train --cross-symbol) or serve it with the engine it was trained on");
            var options = new CrossSymbolOptions(Required(o, "leader").GetValue<string>())
            {
                IntervalNs = (long)Math.Round(Required(o, "intervalMs").GetValue<double>() * 1e6),
                FastIntervals = Required(o, "fastIntervals").GetValue<int>(),
                SlowIntervals = Required(o, "slowIntervals").GetValue<int>(),
                CorrelationIntervals = Required(o, "correlationIntervals").GetValue<int>(),
            };
            options.Validate();
            return options;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException(e.Message, e);
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"cross-symbol v{Version}: leader {Leader}, {IntervalNs / 1e6} ms grid, moves over {FastIntervals} and {SlowIntervals} intervals, correlation over {CorrelationIntervals}");

    private static JsonNode Required(JsonObject o, string key) => o[key] ?? throw new FormatException($"no '{key}'");
}
