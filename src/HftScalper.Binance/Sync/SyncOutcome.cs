namespace HftScalper.Binance.Sync;

/// <summary>What <see cref="BookSynchronizer.OnEvent"/> did with one event.</summary>
public enum SyncOutcome : byte
{
    /// <summary>Not a book event (top of book, trade, clock) or a level in the middle of a message.</summary>
    None = 0,

    /// <summary>Held in the symbol's buffer until a snapshot arrives.</summary>
    Buffered,

    /// <summary>The last level of a depth message that was applied: the book is consistent at its <c>u</c>.</summary>
    MessageApplied,

    /// <summary>The last event of a depth message the book already covers (ignored).</summary>
    Dropped,

    /// <summary>The last level of a snapshot, applied (and any buffered messages replayed after it).</summary>
    SnapshotApplied,

    /// <summary>A snapshot older than the first buffered message: ignored, a new one is requested.</summary>
    SnapshotRejected,

    /// <summary>Update ids skipped: the book was discarded and a snapshot requested.</summary>
    Gap,

    /// <summary>The book came out crossed: discarded and a snapshot requested.</summary>
    Crossed,

    /// <summary>The buffer overflowed while waiting for a snapshot: emptied and a snapshot requested.</summary>
    Overflow,

    /// <summary>A status event (reconnect, disconnect) restarted the synchronisation.</summary>
    Restarted,
}
