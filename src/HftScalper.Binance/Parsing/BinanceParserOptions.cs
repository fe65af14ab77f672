namespace HftScalper.Binance.Parsing;

/// <summary>Configuration of a <see cref="BinanceParser"/>.</summary>
public sealed record BinanceParserOptions
{
    /// <summary>Unit of <c>E</c>/<c>T</c> (milliseconds unless the stream used <c>timeUnit=MICROSECOND</c>).</summary>
    public BinanceTimeUnit TimeUnit { get; init; } = BinanceTimeUnit.Milliseconds;

    /// <summary>Frames larger than this are rejected unread (<see cref="ParseResult.TooLarge"/>). The biggest
    /// legitimate frame is a 5000-level REST snapshot (~400 KB).</summary>
    public int MaxFrameBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Depth messages or snapshots with more levels are rejected (<see cref="ParseResult.TooManyLevels"/>).</summary>
    public int MaxLevelsPerMessage { get; init; } = 20_000;

    /// <summary>
    /// When set, a symbol the registry does not know is registered on first sight under this venue with
    /// <see cref="Core.Symbols.SymbolRegistry.DefaultDecimals"/> scales (one allocation per new symbol: meant for
    /// replay tools). When null (the engine's choice) unknown symbols are rejected and counted on the hot path.
    /// </summary>
    public string? AutoRegisterVenue { get; init; }

    /// <summary>Sets <see cref="Core.Events.MarketEventFlags.Replayed"/> on every event (replay sources).</summary>
    public bool MarkReplayed { get; init; }
}
