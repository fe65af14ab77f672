namespace HftScalper.Benchmarks.Disruptor;

/// <summary>
/// Where the last consumer of a benchmark accumulates its checksum and signals that the invocation's last event
/// arrived (the producer thread waits on <see cref="Done"/>, so timing covers delivery, not just publishing).
/// </summary>
public sealed class BenchSink
{
    /// <summary>Sum of what the last consumer saw.</summary>
    public long Sum;

    /// <summary>Events the last consumer saw.</summary>
    public long Count;

    /// <summary>Count at which <see cref="Done"/> is set.</summary>
    public long Target = long.MaxValue;

    /// <summary>Set when <see cref="Count"/> reaches <see cref="Target"/>.</summary>
    public ManualResetEventSlim Done { get; } = new(false, spinCount: 0);

    /// <summary>Arms the sink for <paramref name="events"/> more events.</summary>
    public void Arm(long events)
    {
        Done.Reset();
        Volatile.Write(ref Target, Count + events);
    }

    /// <summary>Called by the last consumer at the end of a batch (or after each read for channels).</summary>
    public void CheckDone()
    {
        if (Count >= Volatile.Read(ref Target))
        {
            Done.Set();
        }
    }
}
