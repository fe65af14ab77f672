namespace HftScalper.Binance.Live;

/// <summary>A symbol's book state as the sync state machine reports it to the live client.</summary>
public enum LiveSyncState : byte
{
    /// <summary>No book: buffering diffs and waiting for the first one before asking for a snapshot.</summary>
    Unsynced = 0,

    /// <summary>The machine wants a REST snapshot (first sync, a gap, or a snapshot that was too old).</summary>
    NeedsSnapshot = 1,

    /// <summary>Snapshot applied and diffs applying contiguously.</summary>
    Synced = 2,
}
