namespace HftScalper.Binance.Sync;

/// <summary>
/// Where one symbol's local book stands. Only <see cref="Synced"/> is tradable.
/// <code>
///  Syncing --snapshot+chain ok--> Synced --gap/crossed/reconnect/overflow--> Resyncing --snapshot--> Synced
///                                   |  ^
///                   no update for   v  | next chained update
///                   StaleAfterNs   Stale
/// </code>
/// </summary>
public enum BookSyncState : byte
{
    /// <summary>First synchronisation: depth events are buffered until a snapshot arrives.</summary>
    Syncing = 0,

    /// <summary>The book is the exchange's book: snapshot applied and every update id chained since.</summary>
    Synced = 1,

    /// <summary>The book was discarded (gap, crossed book, reconnect, buffer overflow): buffering for a new snapshot.</summary>
    Resyncing = 2,

    /// <summary>The book chained correctly but no update arrived for the configured time: do not trade on it.</summary>
    Stale = 3,
}
