namespace HftScalper.Trading.Execution;

/// <summary>An order live inside the <see cref="PaperExchange"/> (a slot of its pre-allocated pool).</summary>
internal struct SimOrder
{
    public OrderRequest Request;
    public long FilledLots;
    /// <summary>Visible lots ahead of us at our price (we are not in the replayed book).</summary>
    public long Ahead;
    /// <summary>Latest visible quantity at our price, from the depth events.</summary>
    public long LevelLots;
    /// <summary>Visible quantity at our price at the last consistent book (end of a depth message).</summary>
    public long CheckedLevelLots;
    /// <summary>Lots traded at our price since the last consistent book (separates trades from cancels).</summary>
    public long TradedSinceCheck;
    /// <summary>Took liquidity on arrival: the opposite level at our own price is the one we consumed (the replay
    /// cannot show that), so only a book strictly through our price fills the resting remainder.</summary>
    public bool CrossedOnArrival;

    public readonly long LeavesLots => Request.QuantityLots - FilledLots;
}
