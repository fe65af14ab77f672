namespace HftScalper.Disruptor;

/// <summary>Settings of a <see cref="Disruptor{T}"/> pipeline. Read once at <see cref="Disruptor{T}.Start"/>.</summary>
public sealed record DisruptorOptions
{
    /// <summary>Reaction to a handler exception (default <see cref="ExceptionPolicy.HaltPipeline"/>).</summary>
    public ExceptionPolicy ExceptionPolicy { get; init; } = ExceptionPolicy.HaltPipeline;

    /// <summary>Receives one line per handler failure and lifecycle problem (e.g. your logger). Null = none.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>
    /// Runs on each stage thread before its first event, with the stage name: the hook for CPU pinning
    /// (sched_setaffinity), thread priority or per-thread setup. An exception here is logged and the stage does not run.
    /// </summary>
    public Action<string>? OnThreadStart { get; init; }

    /// <summary>
    /// Runs on each stage thread after its last event (halted, drained or failed), with the stage name: the hook for
    /// per-thread accounting (CPU time) while the thread still exists. An exception here is logged and ignored.
    /// </summary>
    public Action<string>? OnThreadExit { get; init; }

    /// <summary>
    /// Most events a stage takes in one batch (0, the default = everything published upstream, as LMAX's original). A
    /// stage publishes its progress (and frees slots) only at a batch's end; a cap makes it hand on that many events at a
    /// time (LMAX Disruptor 4's <c>maxBatchSize</c>), at the cost of more hand-offs. A batch may then end inside a message
    /// of consecutive events: handlers must not assume a batch end is a message boundary.
    /// </summary>
    public int MaxBatchSize { get; init; }

    /// <summary>Whether stage threads are background threads (do not keep the process alive). Default true.</summary>
    public bool BackgroundThreads { get; init; } = true;
}
