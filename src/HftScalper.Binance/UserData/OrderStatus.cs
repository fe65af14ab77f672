namespace HftScalper.Binance.UserData;

/// <summary>An order's status after a report (field <c>X</c>).</summary>
public enum OrderStatus : byte
{
    /// <summary>A value this build does not know.</summary>
    Unknown = 0,

    /// <summary><c>NEW</c>.</summary>
    New,

    /// <summary><c>PARTIALLY_FILLED</c>.</summary>
    PartiallyFilled,

    /// <summary><c>FILLED</c> (terminal).</summary>
    Filled,

    /// <summary><c>CANCELED</c> (terminal).</summary>
    Canceled,

    /// <summary><c>PENDING_CANCEL</c>.</summary>
    PendingCancel,

    /// <summary><c>REJECTED</c> (terminal).</summary>
    Rejected,

    /// <summary><c>EXPIRED</c> (terminal).</summary>
    Expired,

    /// <summary><c>EXPIRED_IN_MATCH</c> (terminal, self-trade prevention).</summary>
    ExpiredInMatch,

    /// <summary><c>PENDING_NEW</c> (order lists).</summary>
    PendingNew,
}
