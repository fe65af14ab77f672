namespace HftScalper.Trading.Execution;

/// <summary>
/// How the paper exchange moves a resting order up its queue when the level shrinks without a trade (cancels).
/// Trades at our price always advance it; the queue ahead never exceeds the level's visible quantity.
/// </summary>
public enum QueueCancelModel : byte
{
    /// <summary>Risk-averse default: cancels are assumed to come from behind us (the queue ahead only shrinks by
    /// trades, or when the visible level becomes smaller than it).</summary>
    Never = 0,

    /// <summary>A cancel of d lots removes d x (ahead / level) from the queue ahead (cancels spread evenly).</summary>
    Proportional = 1,

    /// <summary>Most risk-averse: we are always last in the queue, so only a trade through our price (or a book through
    /// it) fills us; trades at our price never do.</summary>
    TradeThrough = 2,
}
