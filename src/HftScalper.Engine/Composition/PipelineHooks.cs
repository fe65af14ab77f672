using HftScalper.Engine.Pipeline;
using HftScalper.Engine.Online;
using HftScalper.Engine.Shadow;
using HftScalper.Inference.Lifecycle;
using HftScalper.Trading.Execution;

namespace HftScalper.Engine.Composition;

/// <summary>
/// Optional side work attached to a run, none of it on the decision path: recent real rows for validating dropped
/// models, a shadow candidate scored beside the live model, and the observer recording the run's outputs. A run
/// without hooks is the plain pipeline.
/// </summary>
public sealed class PipelineHooks
{
    /// <summary>
    /// Receives each synced decision's feature row (one copy into a pre-allocated ring by stage A: no allocation,
    /// no lock) so the lifecycle validates a dropped model on recent real inputs. Must be as wide as the feature row.
    /// </summary>
    public CanaryRows? Canary { get; init; }

    /// <summary>Scores a shadow candidate on its own consumer (threaded) or after the strategy (inline); null = none.</summary>
    public ShadowOptions? Shadow { get; init; }

    /// <summary>
    /// Learns an online layer beside the direction model, scored prequentially: on its own consumer (threaded) or after
    /// the strategy (inline) when it does not drive; on the inference stage when <see cref="OnlineOptions.Drive"/>
    /// (then it changes decisions). Null = none.
    /// </summary>
    public OnlineOptions? Online { get; init; }

    /// <summary>
    /// Told each decision (latencies, mid, scores, equity) and each closed round trip, on the strategy thread, once
    /// per decision or trip (e.g. the report's recorders); it sees every run of this pipeline. Null = nobody.
    /// </summary>
    public IRunObserver? Observer { get; init; }

    /// <summary>
    /// Told every order request the desk sends and every execution report it receives, on the strategy thread (e.g.
    /// the order journal, which queues them for its own writer thread). Null = nobody.
    /// </summary>
    public IOrderFlowObserver? OrderFlow { get; init; }

    /// <summary>Told each decision after the strategy (and the shadow) with its feature row and the live scores, e.g. the
    /// adaptation loop (<c>--adapt</c>), which may swap the live model between two events. Null = nobody.</summary>
    public IDecisionFollower? Follower { get; init; }

    /// <summary>Operator actions (halt, flatten, resume) posted from any thread, applied by the strategy thread before
    /// its next decision (e.g. the dashboard's controls of <c>hft run</c>). Null = none.</summary>
    public OperatorMailbox? Operator { get; init; }
}
