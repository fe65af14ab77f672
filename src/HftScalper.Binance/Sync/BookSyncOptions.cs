namespace HftScalper.Binance.Sync;

/// <summary>Configuration of a <see cref="BookSynchronizer"/>.</summary>
public sealed record BookSyncOptions
{
    /// <summary>Update-id rule (spot or futures).</summary>
    public DepthSyncRule Rule { get; init; } = DepthSyncRule.Spot;

    /// <summary>Depth events (levels) buffered per symbol while waiting for a snapshot; pre-allocated when the
    /// symbol is first seen. Overflow empties the buffer, counts, and requests a new snapshot.</summary>
    public int MaxBufferedEvents { get; init; } = 16_384;

    /// <summary>A synced book whose last depth message is older than this (in event time: local receive time, else
    /// exchange time) becomes <see cref="BookSyncState.Stale"/>. 0 disables the check.</summary>
    public long StaleAfterNs { get; init; }

    /// <summary>Most levels each symbol's native book keeps per side (default
    /// <see cref="Native.NativeOrderBook.DefaultMaxLevelsPerSide"/>, twice Binance's 5000-level snapshot): a crafted
    /// feed of far levels cannot grow a book without bound; the farthest are dropped and counted
    /// (<see cref="BookSyncCounters.LevelsDroppedByCap"/>, <see cref="BookSynchronizer.LevelsDroppedByCap"/>).</summary>
    public int MaxLevelsPerSide { get; init; } = Native.NativeOrderBook.DefaultMaxLevelsPerSide;
}
