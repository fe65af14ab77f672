using HftScalper.Features.CrossSymbol;
using HftScalper.Features.Regime;

namespace HftScalper.Features.Engine;

/// <summary>
/// Settings of the <see cref="FeatureEngine"/>. Windows are exponential time constants in seconds of exchange time.
/// Changing a window changes what a feature means but not its name: bump <see cref="SchemaVersion"/> when you retrain
/// with different windows, so a model trained on the old ones is refused. The fitted regime parameters
/// (<see cref="Garch"/>, <see cref="HourlyActivityBaseline"/>) are not in the schema: they form the
/// <see cref="FeatureProfile"/> a model records beside the schema hash. A record, so a copy with other fitted
/// parameters is <c>options with { ... }</c>.
/// </summary>
public sealed record FeatureEngineOptions
{
    /// <summary>The defaults (<see cref="FeatureEngine.DefaultSchema"/> describes them).</summary>
    public static FeatureEngineOptions Default { get; } = new();

    /// <summary>Events that produce a feature row. Default: end of depth message, top-of-book change, trade.</summary>
    public DecisionTriggers Triggers { get; init; } =
        DecisionTriggers.EndOfDepthMessage | DecisionTriggers.TopOfBookChange | DecisionTriggers.Trade;

    /// <summary>With <see cref="DecisionTriggers.Clock"/>: one decision per symbol per interval of exchange time (default 1 s).</summary>
    public long ClockIntervalNs { get; init; } = 1_000_000_000;

    /// <summary>Schema version written into the hash. 2: every column scale-free (prices in bps of the mid or
    /// relative to the usual spread, sizes relative to the recent depth; version 1 had ticks, lots and notionals).</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The schema version of the defaults (a model trained on another one is refused by its hash).</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>Order-flow-imbalance decay windows (fast, mid, slow), seconds.</summary>
    public double OfiFastSeconds { get; init; } = 1;

    /// <summary>See <see cref="OfiFastSeconds"/>.</summary>
    public double OfiMidSeconds { get; init; } = 10;

    /// <summary>See <see cref="OfiFastSeconds"/>.</summary>
    public double OfiSlowSeconds { get; init; } = 60;

    /// <summary>Trade-flow imbalance and trade-rate windows (fast, slow), seconds.</summary>
    public double TradeFastSeconds { get; init; } = 5;

    /// <summary>See <see cref="TradeFastSeconds"/>.</summary>
    public double TradeSlowSeconds { get; init; } = 60;

    /// <summary>Realised-volatility windows (fast, mid, slow), seconds.</summary>
    public double VolFastSeconds { get; init; } = 10;

    /// <summary>See <see cref="VolFastSeconds"/>.</summary>
    public double VolMidSeconds { get; init; } = 60;

    /// <summary>See <see cref="VolFastSeconds"/>.</summary>
    public double VolSlowSeconds { get; init; } = 300;

    /// <summary>Window of the spread's rolling mean and volatility, seconds.</summary>
    public double SpreadSeconds { get; init; } = 30;

    /// <summary>Small and large market-order quantities whose price impact is measured, as multiples of the decayed
    /// mean top-5 depth per side (the <c>ofi_norm_*</c> denominator), so the same order means the same on every
    /// symbol whatever its lot size or price. Default 1 and 5.</summary>
    public double ImpactDepthSmall { get; init; } = 1;

    /// <summary>See <see cref="ImpactDepthSmall"/>.</summary>
    public double ImpactDepthLarge { get; init; } = 5;

    /// <summary>Most levels per side the impact walk reads (bounds its cost; a quantity deeper than that is
    /// reported over what exists and flagged by the <c>impact_partial</c> feature).</summary>
    public int ImpactMaxLevels { get; init; } = 64;

    /// <summary>Levels per side used by the book slope.</summary>
    public int SlopeLevels { get; init; } = 10;

    /// <summary>Bar timeframes of the technical block, in order (default 1m, 5m, 15m). Exactly three.</summary>
    public IReadOnlyList<TimeSpan> Timeframes { get; init; } =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15)];

    /// <summary>Volume-profile bucket width, basis points of price.</summary>
    public double ProfileBucketBps { get; init; } = 2;

    /// <summary>GARCH(1,1) parameters on 1-second mid log returns in bps (null: <see cref="DefaultGarch"/>;
    /// fit with <see cref="GarchFitter"/> on history and pass the result for a fitted model).</summary>
    public GarchParameters? Garch { get; init; }

    /// <summary>Documented default GARCH(1,1) on 1-second returns in bps: alpha 0.05, beta 0.93 (typical intraday
    /// persistence), omega giving a long-run volatility of 1 bps per second (BTCUSDT-like).</summary>
    public static GarchParameters DefaultGarch { get; } = new(0.02, 0.05, 0.93);

    /// <summary>Expected activity (events per second) per hour of the UTC day, 24 entries (null: flat, 1 event/s,
    /// i.e. the seasonality feature is then the log activity). Fit with <see cref="SeasonalityProfile"/>.</summary>
    public IReadOnlyList<double>? HourlyActivityBaseline { get; init; }

    /// <summary>The opt-in cross-symbol block (the leader's recent move, rolling return correlations with it), appended
    /// after the built-in columns; null (default) = off, and the schema is then exactly the built-in one. Set from a
    /// model's metadata by <c>ModelMetadata.FeatureOptions</c>, so the engine computes it only when the served model asks.</summary>
    public CrossSymbolOptions? CrossSymbol { get; init; }

    internal void Validate()
    {
        CrossSymbol?.Validate();
        Span<double> windows = [OfiFastSeconds, OfiMidSeconds, OfiSlowSeconds, TradeFastSeconds, TradeSlowSeconds,
            VolFastSeconds, VolMidSeconds, VolSlowSeconds, SpreadSeconds];
        foreach (double w in windows)
            if (!(w > 0) || !double.IsFinite(w)) throw new ArgumentOutOfRangeException(nameof(OfiFastSeconds), "windows must be positive seconds");
        if ((Triggers & DecisionTriggers.Clock) != 0) ArgumentOutOfRangeException.ThrowIfLessThan(ClockIntervalNs, 1_000_000);
        if (!(ImpactDepthSmall > 0) || !(ImpactDepthLarge > 0) || !double.IsFinite(ImpactDepthSmall) || !double.IsFinite(ImpactDepthLarge))
            throw new ArgumentOutOfRangeException(nameof(ImpactDepthSmall), "impact quantities must be positive multiples of the depth");
        ArgumentOutOfRangeException.ThrowIfLessThan(ImpactMaxLevels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(SlopeLevels, 1);
        if (Timeframes is null || Timeframes.Count != 3) throw new ArgumentException("exactly three timeframes", nameof(Timeframes));
        foreach (var tf in Timeframes) if (tf < TimeSpan.FromSeconds(1)) throw new ArgumentOutOfRangeException(nameof(Timeframes));
        if (!(ProfileBucketBps > 0)) throw new ArgumentOutOfRangeException(nameof(ProfileBucketBps));
        if (Garch is { } g && !g.IsStationary) throw new ArgumentException("GARCH parameters must be stationary", nameof(Garch));
        if (HourlyActivityBaseline is { } h && (h.Count != 24 || h.Any(x => !(x > 0))))
            throw new ArgumentException("24 positive hourly values", nameof(HourlyActivityBaseline));
    }
}
