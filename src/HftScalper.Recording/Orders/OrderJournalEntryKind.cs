namespace HftScalper.Recording.Orders;

/// <summary>What one order journal record holds (<see cref="OrderJournalRecord.Entry"/>).</summary>
public enum OrderJournalEntryKind : byte
{
    /// <summary>Unset (never written).</summary>
    None = 0,

    /// <summary>A new order sent to the gateway.</summary>
    New = 1,

    /// <summary>A cancel request.</summary>
    Cancel = 2,

    /// <summary>A replace request (<see cref="OrderJournalRecord.OriginalClientOrderId"/> is the order replaced).</summary>
    Replace = 3,

    /// <summary>An execution report from the gateway.</summary>
    Report = 4,
}
