namespace HftScalper.Binance.UserData;

/// <summary>How an order report relates to the reports of the same order seen before.</summary>
public enum ReportOrder : byte
{
    /// <summary>New information: apply it.</summary>
    Fresh = 0,

    /// <summary>Seen already (same fill trade id, or the same execution type at the same cumulative quantity): drop it.</summary>
    Duplicate,

    /// <summary>Older than what is held (a non-fill report with a lower cumulative quantity, an earlier transaction time,
    /// or a non-terminal status after a terminal one): drop it; the state already includes it or a reconcile will.</summary>
    Stale,
}
