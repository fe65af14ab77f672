namespace HftScalper.Core.Events;

/// <summary>What a <see cref="MarketEvent"/> carries. Stored as one byte in the event.</summary>
public enum MarketEventKind : byte
{
    /// <summary>An empty slot (never published by a well-behaved producer).</summary>
    None = 0,

    /// <summary>One price level of an incremental depth update: absolute quantity, 0 removes the level.</summary>
    BookDelta = 1,

    /// <summary>One price level of a full book snapshot. The first level of a snapshot carries
    /// <see cref="MarketEventFlags.SnapshotStart"/> (the book is cleared before it is applied).</summary>
    SnapshotLevel = 2,

    /// <summary>Best bid and ask with their quantities (Binance <c>bookTicker</c>, an L1 quote).</summary>
    TopOfBook = 3,

    /// <summary>A trade: price, quantity, aggressor side.</summary>
    Trade = 4,

    /// <summary>Feed status change for a symbol (disconnect, reconnect, stale, server shutdown):
    /// the book must be treated as unsynced until it is rebuilt.</summary>
    Status = 5,

    /// <summary>A pure clock tick in exchange time (for fixed-clock sampling); carries no market data.</summary>
    Clock = 6,

    /// <summary>USD-M mark price (Binance <c>markPriceUpdate</c>, stream <c>&lt;symbol&gt;@markPrice@1s</c>):
    /// <see cref="MarketEvent.Price"/> is the mark in ticks (rounded to the tick grid), <see cref="MarketEvent.Quantity"/> the
    /// index price in ticks, <see cref="MarketEvent.FundingRateE8"/> the funding rate charged at
    /// <see cref="MarketEvent.NextFundingTimeNs"/>. No book change: books and features ignore it; margin marks on it.</summary>
    MarkPrice = 7,
}
