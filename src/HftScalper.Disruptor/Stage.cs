namespace HftScalper.Disruptor;

/// <summary>
/// One consumer in a <see cref="Disruptor{T}"/> stage graph, as seen from outside: its name, its progress and its
/// failure count. Returned by <see cref="Disruptor{T}.AddStage{THandler}(string, THandler, Stage[])"/> and used
/// as the "after" argument of downstream stages.
/// </summary>
public abstract class Stage
{
    private protected Stage(string name, Stage[] upstream)
    {
        Name = name;
        Upstream = upstream;
    }

    /// <summary>The stage name (also its thread name).</summary>
    public string Name { get; }

    /// <summary>Highest sequence this stage has finished with (downstream stages and the producer wait on it).</summary>
    public Sequence Sequence { get; } = new();

    /// <summary>Stages this one runs behind (empty: behind the producer).</summary>
    public IReadOnlyList<Stage> Upstream { get; }

    /// <summary>Handler exceptions caught so far.</summary>
    public long ExceptionCount => Interlocked.Read(ref ExceptionCounter);

    /// <summary>Batches handed to the handler so far (each ends with one progress publication; events / batches is the
    /// mean batch, see <see cref="DisruptorOptions.MaxBatchSize"/>). Exact once the stage has stopped.</summary>
    public long Batches => Volatile.Read(ref BatchCounter);

    /// <summary>True while the stage thread is in its event loop.</summary>
    public bool IsRunning => Volatile.Read(ref RunningFlag) != 0;

    private protected long ExceptionCounter;
    private protected long BatchCounter;
    private protected int RunningFlag;

    internal abstract SequenceBarrier Barrier { get; }

    internal abstract void Run();
}
