
namespace HftScalper.Engine.Pipeline;

/// <summary>
/// What a run produces for whoever records it (the report, the metrics): the strategy stage calls it on its own
/// thread, once per decision and once per closed round trip, never per market event. The engine defines the
/// contract and never reads back what an observer keeps, so an observer cannot change a decision. Implementations
/// must not allocate, lock or throw per call (they run on the hot path's thread).
/// </summary>
public interface IRunObserver
{
    /// <summary>A decision was taken: its market view, latency samples and equity; <paramref name="scores"/> holds the
    /// model's output row (valid only during the call; meaningful when <see cref="DecisionOutcome.ModelHealthy"/>).</summary>
    void OnDecision(in DecisionOutcome outcome, ReadOnlySpan<float> scores);

    /// <summary>The decision's feature row (schema order) and the model's scores, just before <see cref="OnDecision"/>;
    /// both spans are valid only during the call. For input-drift monitors; default: ignored. An observer that wraps
    /// another must pass it on.</summary>
    void OnFeatures(in DecisionOutcome outcome, ReadOnlySpan<float> features, ReadOnlySpan<float> scores) { }

    /// <summary>A symbol's position went back to zero (or flipped): one round trip closed.</summary>
    void OnRoundTrip(in RoundTrip trip);

    /// <summary>Warm-up is over: latency samples taken so far describe the cold start and may be dropped. Called on
    /// the strategy thread, just before the first decision after warm-up.</summary>
    void OnWarmupEnded();
}
