namespace HftScalper.Trading.Execution;

/// <summary>
/// A gateway that can show the best bid and ask it matches against (the paper venue's own books), so the
/// <see cref="TradingDesk"/> can manage resting quotes on every market event, not only on decisions. A live gateway
/// does not implement it: quotes are then managed on decisions, with the decision's touch.
/// </summary>
public interface ITouchSource
{
    /// <summary>The symbol's best bid and ask with their visible quantities (ticks, lots); false when its book is not
    /// synced or a side is empty. No allocation.</summary>
    bool TryGetTouch(int symbolId, out long bidTicks, out long bidLots, out long askTicks, out long askLots);
}
