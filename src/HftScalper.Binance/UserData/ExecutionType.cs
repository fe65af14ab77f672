namespace HftScalper.Binance.UserData;

/// <summary>Why an order report was sent (field <c>x</c>).</summary>
public enum ExecutionType : byte
{
    /// <summary>A value this build does not know (kept as text in the report's raw fields).</summary>
    Unknown = 0,

    /// <summary><c>NEW</c>: accepted into the book.</summary>
    New,

    /// <summary><c>CANCELED</c>.</summary>
    Canceled,

    /// <summary><c>REPLACED</c> (spot, unused by Binance today).</summary>
    Replaced,

    /// <summary><c>REJECTED</c>.</summary>
    Rejected,

    /// <summary><c>TRADE</c>: a fill; <c>l</c>, <c>L</c>, <c>t</c> describe it.</summary>
    Trade,

    /// <summary><c>EXPIRED</c> (IOC/FOK remainder, post-only reject on spot, ...).</summary>
    Expired,

    /// <summary><c>TRADE_PREVENTION</c>: self-trade prevention took quantity off.</summary>
    TradePrevention,

    /// <summary><c>AMENDMENT</c> (spot keep-priority amend, USD-M <c>order.modify</c>).</summary>
    Amendment,

    /// <summary><c>CALCULATED</c> (USD-M liquidation / ADL).</summary>
    Calculated,
}
