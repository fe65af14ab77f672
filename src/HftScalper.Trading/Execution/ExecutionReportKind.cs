namespace HftScalper.Trading.Execution;

/// <summary>What an <see cref="ExecutionReport"/> says happened to an order.</summary>
public enum ExecutionReportKind : byte
{
    /// <summary>Unset.</summary>
    None = 0,

    /// <summary>The venue accepted the order (Binance NEW).</summary>
    Ack = 1,

    /// <summary>A fill that leaves a remainder (PARTIALLY_FILLED).</summary>
    PartialFill = 2,

    /// <summary>The fill that completes the order (FILLED).</summary>
    Fill = 3,

    /// <summary>The order (or its remainder) is gone without a fill: requested, IOC/market remainder or replaced
    /// (CANCELED / EXPIRED); <see cref="ExecutionReport.Reason"/> says which.</summary>
    Cancelled = 4,

    /// <summary>The request was refused; <see cref="ExecutionReport.Reason"/> says why. For a cancel or replace
    /// request the order itself is unchanged.</summary>
    Rejected = 5,
}
