using HftScalper.Simulator.Model;

namespace HftScalper.Simulator;

/// <summary>What to simulate: symbols, length, seed and the start epoch of the simulated clock.</summary>
public sealed record SimulatorOptions
{
    /// <summary>The fixed start of simulated time: 2024-08-09 00:00:00 UTC, ns since the Unix epoch (never the
    /// wall clock, so output depends on the options alone).</summary>
    public const long DefaultStartEpochNs = 1_723_161_600_000_000_000;

    /// <summary>PRNG seed: the same seed and options give the same bytes.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Simulated duration.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Symbols and their order-flow parameters (default: BTCUSDT calibrated to the real recording).</summary>
    public IReadOnlyList<SymbolProfile> Symbols { get; init; } = [SymbolProfile.Btcusdt];

    /// <summary>Simulated time zero, ns since the Unix epoch.</summary>
    public long StartEpochNs { get; init; } = DefaultStartEpochNs;

    /// <summary>
    /// When set, every symbol's order flow switches at this simulated time (from the start) to
    /// <see cref="SymbolProfile.AfterRegimeChange"/>: volatility, trendiness and the sign of the imbalance edge change.
    /// Null (default): one regime throughout (the stream is then byte-identical to a run without the option).
    /// </summary>
    public TimeSpan? RegimeChangeAt { get; init; }

    /// <summary>With <see cref="RegimeChangeAt"/>: only these symbols switch (case-insensitive), the others keep their
    /// regime (two symbols, two regimes). Null (default): every symbol switches.</summary>
    public IReadOnlyList<string>? SwitchSymbols { get; init; }

    /// <summary>Opt-in lead-lag coupling: every other symbol's aggressors lean toward this leader's recent move, seen
    /// with a delay (<see cref="LeadLagCoupling"/>). Null (default): the symbols are independent.</summary>
    public LeadLagCoupling? LeadLag { get; init; }

    /// <summary>Opt-in latent value (<see cref="Model.LatentValue"/>): a slowly drifting random walk that informed aggressors
    /// and makers at the touch lean toward, so the mid moves like the real feed's at 2-30 s. Null (default): none, and the
    /// stream is byte-identical to a run without the option.</summary>
    public LatentValue? LatentValue { get; init; }

    /// <summary>True when <paramref name="symbol"/> switches regime at <see cref="RegimeChangeAt"/>.</summary>
    public bool Switches(string symbol) =>
        RegimeChangeAt is not null && (SwitchSymbols is null || SwitchSymbols.Any(s => string.Equals(s, symbol, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The default the replay uses when given no data: 10 minutes of BTCUSDT, seed 1.</summary>
    public static SimulatorOptions Default { get; } = new();

    /// <summary>What the bundled model is trained on (<c>hft train</c> with no file): BTCUSDT beside the quiet,
    /// tick-constrained books of <see cref="SymbolProfile.QuietAlts"/>, 30 minutes, seed 1. A model that saw only
    /// BTCUSDT's busy book predicts moves where quiet real books stay flat.</summary>
    public static SimulatorOptions Training { get; } = new()
    {
        Duration = TimeSpan.FromMinutes(30),
        Symbols = [SymbolProfile.Btcusdt, .. SymbolProfile.QuietAlts],
    };

    /// <summary>Options for comma-separated symbol names (e.g. <c>btcusdt,ethusdt</c>).</summary>
    /// <exception cref="ArgumentException">No symbol given, or a duplicate.</exception>
    public static SimulatorOptions For(string symbols, TimeSpan duration, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var names = symbols.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0) throw new ArgumentException("no symbol given", nameof(symbols));
        var profiles = new List<SymbolProfile>();
        foreach (var n in names)
        {
            var p = SymbolProfile.For(n);
            if (profiles.Exists(x => x.Symbol == p.Symbol)) throw new ArgumentException($"symbol {p.Symbol} given twice", nameof(symbols));
            profiles.Add(p);
        }
        return new SimulatorOptions { Symbols = profiles, Duration = duration, Seed = seed };
    }
}
