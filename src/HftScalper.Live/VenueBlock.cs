namespace HftScalper.Live;

/// <summary>Why a live venue takes no new order now (any set flag closes the <see cref="VenueGate"/>).</summary>
[Flags]
public enum VenueBlock
{
    /// <summary>Nothing blocks.</summary>
    None = 0,

    /// <summary>A reconciliation is running (also the state at start, until the first one agrees).</summary>
    Reconciling = 1,

    /// <summary>The last reconciliation found the ledger and the venue disagreeing.</summary>
    Mismatch = 2,

    /// <summary>The server clock offset is unknown, stale or out of bounds (signed requests would be refused).</summary>
    Clock = 4,

    /// <summary>The run is stopping (cancel-all and summary next).</summary>
    ShuttingDown = 8,
}
