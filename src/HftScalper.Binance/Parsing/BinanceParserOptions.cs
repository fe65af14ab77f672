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

    /// <summary>Default of <see cref="MaxQuantityLots"/>: 10^18 lots (10^10 units at Binance's 8 decimals, far above
    /// any real level or trade).</summary>
    public const long DefaultMaxQuantityLots = 1_000_000_000_000_000_000;

    /// <summary>
    /// Largest quantity (in lots of the symbol's scale) a level, a bookTicker or a trade may carry; a frame with a
    /// larger one is rejected (<see cref="ParseResult.QuantityTooLarge"/>). Quantities near <see cref="long.MaxValue"/>
    /// would overflow the depth sums and order-flow figures computed from them.
    /// </summary>
    public long MaxQuantityLots { get; init; } = DefaultMaxQuantityLots;

    /// <summary>
    /// Drops a trade, aggregate trade, bookTicker or depth message whose id (<c>t</c>, <c>a</c>, <c>u</c>, <c>u</c>)
    /// is not above the last one accepted for its symbol and stream kind (<see cref="ParseResult.Duplicate"/>,
    /// counted), as the live client does across overlapping connections: a duplicated line in a recording must not
    /// count a trade twice. REST and partial-depth snapshots are never dropped. On by default.
    /// </summary>
    public bool DropDuplicateIds { get; init; } = true;

    /// <summary>Sets <see cref="Core.Events.MarketEventFlags.Replayed"/> on every event (replay sources).</summary>
    public bool MarkReplayed { get; init; }
}
