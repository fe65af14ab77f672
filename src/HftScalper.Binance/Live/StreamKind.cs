namespace HftScalper.Binance.Live;

/// <summary>Kinds of market stream the live client routes and deduplicates (index into per-symbol id arrays).</summary>
internal enum StreamKind : byte
{
    /// <summary>Diff depth (<c>@depth</c>, <c>@depth@100ms</c>): id = final update id <c>u</c>.</summary>
    Depth = 0,

    /// <summary>Best bid/ask (<c>@bookTicker</c>): id = book update id <c>u</c>.</summary>
    BookTicker = 1,

    /// <summary>Trades (<c>@trade</c>): id = trade id <c>t</c>.</summary>
    Trade = 2,

    /// <summary>Aggregate trades (<c>@aggTrade</c>): id = aggregate id <c>a</c>.</summary>
    AggTrade = 3,

    /// <summary>Anything else on a stream (klines, partial depth): forwarded without deduplication.</summary>
    Other = 4,
}
