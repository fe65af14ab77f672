using HftScalper.Disruptor;

namespace HftScalper.Benchmarks.Disruptor;

/// <summary>Last consumer: sums <see cref="BenchEvent.B"/> (or Value for 1P1C) into the sink.</summary>
public readonly struct SumHandler(BenchSink sink, bool sumStageB) : IEventHandler<BenchEvent>
{
    /// <inheritdoc />
    public void OnBatchStart(long firstSequence, long count)
    {
    }

    /// <inheritdoc />
    public void OnEvent(ref BenchEvent e, long sequence, bool endOfBatch)
    {
        sink.Sum += sumStageB ? e.B : e.Value;
        sink.Count++;
        if (endOfBatch)
        {
            sink.CheckDone();
        }
    }
}

/// <summary>Pipeline stage 1: A = 3 * Value.</summary>
public readonly struct TripleHandler : IEventHandler<BenchEvent>
{
    /// <inheritdoc />
    public void OnBatchStart(long firstSequence, long count)
    {
    }

    /// <inheritdoc />
    public void OnEvent(ref BenchEvent e, long sequence, bool endOfBatch) => e.A = e.Value * 3;
}

/// <summary>Pipeline stage 2: B = A + 1.</summary>
public readonly struct IncrementHandler : IEventHandler<BenchEvent>
{
    /// <inheritdoc />
    public void OnBatchStart(long firstSequence, long count)
    {
    }

    /// <inheritdoc />
    public void OnEvent(ref BenchEvent e, long sequence, bool endOfBatch) => e.B = e.A + 1;
}
