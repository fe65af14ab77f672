namespace HftScalper.Trading.Execution;

/// <summary>Client-side status of an order (see <see cref="OrderStateMachine"/> for the transitions).</summary>
public enum OrderStatus : byte
{
    /// <summary>Free slot.</summary>
    None = 0,

    /// <summary>Sent, no answer yet.</summary>
    PendingNew = 1,

    /// <summary>Acknowledged by the venue, nothing filled.</summary>
    New = 2,

    /// <summary>Partly filled, still open.</summary>
    PartiallyFilled = 3,

    /// <summary>Cancel sent, no answer yet (fills may still arrive).</summary>
    PendingCancel = 4,

    /// <summary>Replace sent, no answer yet (fills may still arrive).</summary>
    PendingReplace = 5,

    /// <summary>Completely filled (terminal).</summary>
    Filled = 6,

    /// <summary>Cancelled, expired or replaced (terminal).</summary>
    Cancelled = 7,

    /// <summary>Refused by the venue (terminal).</summary>
    Rejected = 8,

    /// <summary>We lost track (timeout, disconnect): counts as open, with its whole quantity as possible exposure,
    /// until <see cref="OrderTracker.Reconcile"/> resolves it from the venue.</summary>
    Unknown = 9,
}
