namespace HftScalper.Engine.Pipeline;

/// <summary>
/// Follows every decision after the strategy has taken it, with its feature row and the live model's scores: the seam
/// of the adaptation loop (a retrain window, a loss-drift test, promotion and rollback of models). Inline it runs on
/// the pipeline's thread between two market events, after the strategy and the shadow, so whatever it swaps (the live
/// model in its host) takes effect from the next event, at the same event in every replay. Threaded, it is its own
/// consumer behind the strategy. Implementations should not allocate per call in steady state.
/// </summary>
public interface IDecisionFollower
{
    /// <summary>The run's first market event (exchange time, ns): the origin of the run's exchange-time clock.</summary>
    void OnFirstEvent(long exchangeTimeNs);

    /// <summary>One decision: what it was made on (<paramref name="row"/>, valid only during the call) and what the
    /// live model said (<paramref name="scores"/>, meaningful when <see cref="FollowedDecision.Status"/> is Ok).</summary>
    void OnDecision(in FollowedDecision decision, ReadOnlySpan<float> row, ReadOnlySpan<float> scores);
}
