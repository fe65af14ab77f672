namespace HftScalper.Live;

/// <summary>What the gateway knows of one of its orders at the venue.</summary>
public enum VenueOrderState : byte
{
    /// <summary>Sent, no answer yet.</summary>
    Sent = 1,

    /// <summary>The venue has it (acknowledged, possibly partly filled).</summary>
    Live = 2,

    /// <summary>The request's outcome is unknown (timeout, disconnect, 5XX): being resolved by query, never by resending.</summary>
    Unknown = 3,

    /// <summary>Filled, cancelled, expired or rejected: nothing more will be reported.</summary>
    Done = 4,
}
