namespace HftScalper.Features.Engine;

/// <summary>Everything the engine keeps for one symbol (allocated when the symbol is first seen).</summary>
internal sealed class SymbolFeatureState(FeatureEngineOptions options)
{
    /// <summary>Symbol exchange clock: the largest exchange time seen (events without one reuse it), ns.</summary>
    public long ClockNs;

    /// <summary>Next sampling-clock boundary (<see cref="long.MinValue"/>: decide on the first event).</summary>
    public long NextClockNs = long.MinValue;

    /// <summary>Microstructure block.</summary>
    public readonly MicrostructureState Micro = new(options);

    /// <summary>Multi-timeframe technical block.</summary>
    public readonly TechnicalState Tech = new(options);

    /// <summary>Regime block.</summary>
    public readonly RegimeState Regime = new(options);

    /// <summary>Cross-symbol track (null when the block is off).</summary>
    public CrossSymbol.CrossSymbolTrack? Cross;
}
