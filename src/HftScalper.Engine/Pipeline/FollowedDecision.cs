namespace HftScalper.Engine.Pipeline;

/// <summary>One decision as an <see cref="IDecisionFollower"/> sees it.</summary>
/// <param name="Decision">Decision index in the run (0-based).</param>
/// <param name="ExchangeTimeNs">Exchange time of the event that made it, ns since the Unix epoch.</param>
/// <param name="MidTicks">Mid in ticks (0 when the book was not synced).</param>
/// <param name="SymbolId">Symbol id.</param>
/// <param name="BookSynced">True when the symbol's book was synced (for an L1 feed: its quote valid).</param>
/// <param name="Status">What the live model did with the row.</param>
public readonly record struct FollowedDecision(long Decision, long ExchangeTimeNs, double MidTicks, int SymbolId, bool BookSynced,
    DecisionModelStatus Status);
