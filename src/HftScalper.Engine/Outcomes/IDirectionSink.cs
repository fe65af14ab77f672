namespace HftScalper.Engine.Outcomes;

/// <summary>
/// Receives realised directions from <see cref="DirectionResolver"/>. Implemented by structs and passed by ref
/// with a generic constraint so the JIT specialises and inlines the call (no interface dispatch, no boxing).
/// </summary>
public interface IDirectionSink
{
    /// <summary>The decision's direction at horizon <paramref name="horizonIndex"/> is known.</summary>
    /// <param name="horizonIndex">Index into the resolver's horizons (ascending).</param>
    /// <param name="decision">The decision as enqueued.</param>
    /// <param name="realisedClass">A <see cref="DirectionClass"/> value.</param>
    /// <param name="moveTicks">Mid at the horizon minus mid at the decision, in ticks.</param>
    void OnLabel(int horizonIndex, in PendingDecision decision, int realisedClass, double moveTicks);
}
