namespace HftScalper.Engine.Composition;

/// <summary>How the stages of a run are scheduled on threads. Both run the same stage code on the same ring.</summary>
public enum PipelineTopology
{
    /// <summary>
    /// One thread: after each published frame the caller drives stage A, then B, then C over what was published.
    /// The backtest default: deterministic by construction, no cross-core hand-off (2-core machines), and its
    /// tick-to-decision latency is the processing path without queueing behind a replay that runs ahead.
    /// </summary>
    Inline,

    /// <summary>
    /// The producer (feed and parse) on the calling thread and the stages behind it on their own thread(s)
    /// (<see cref="PipelineOptions.StageThreads"/>: two by default, up to one per stage; with
    /// <see cref="PipelineOptions.FeaturesOnProducer"/> the producer runs the features stage itself), as live runs it: inference
    /// micro-batches whatever queued up. Tick-to-decision then includes time waiting in the ring: in a replay, which runs
    /// ahead of the stages, that is the ring's backlog (milliseconds), not the processing path.
    /// </summary>
    Threaded,
}
