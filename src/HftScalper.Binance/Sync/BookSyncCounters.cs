namespace HftScalper.Binance.Sync;

/// <summary>
/// Counters of a <see cref="BookSynchronizer"/> over all its symbols, per depth message (not per level).
/// Written by the synchronizer's thread only; readable from others.
/// </summary>
public sealed class BookSyncCounters
{
    /// <summary>Depth messages seen.</summary>
    public long Diffs;

    /// <summary>Depth messages applied to a book.</summary>
    public long Applied;

    /// <summary>Depth messages dropped because the book already covered them.</summary>
    public long Dropped;

    /// <summary>Update-id gaps detected (book discarded).</summary>
    public long Gaps;

    /// <summary>Books discarded to resynchronise (gap, crossed, reconnect, book error while synced).</summary>
    public long Resyncs;

    /// <summary>Books found crossed after a message or snapshot.</summary>
    public long Crossed;

    /// <summary>Snapshots applied.</summary>
    public long Snapshots;

    /// <summary>Snapshots rejected as older than the first buffered message (a new one requested).</summary>
    public long SnapshotsRejected;

    /// <summary>Buffer overflows while waiting for a snapshot.</summary>
    public long BufferOverflows;

    /// <summary>Transitions to <see cref="BookSyncState.Stale"/>.</summary>
    public long StaleTransitions;

    /// <summary>Levels the native book refused (capacity): the book is rebuilt.</summary>
    public long BookErrors;

    /// <summary>Depth messages discarded while a book was not synced and could not be buffered.</summary>
    public long Discarded;

    /// <summary>Book levels dropped because a side already held <see cref="BookSyncOptions.MaxLevelsPerSide"/>
    /// (summed over the native books when the synchronizer is disposed; live: <see cref="BookSynchronizer.LevelsDroppedByCap"/>).</summary>
    public long LevelsDroppedByCap;

    /// <inheritdoc />
    public override string ToString() =>
        $"diffs={Diffs} applied={Applied} dropped={Dropped} gaps={Gaps} resyncs={Resyncs} crossed={Crossed} " +
        $"snapshots={Snapshots} snapshotsRejected={SnapshotsRejected} overflows={BufferOverflows} stale={StaleTransitions} " +
        $"bookErrors={BookErrors} discarded={Discarded} levelsDroppedByCap={LevelsDroppedByCap}";
}
