namespace HftScalper.Disruptor.Tests;

/// <summary>Records every value and counts batches (inline tests only: List grows).</summary>
public struct CollectingHandler(List<long> seen) : IEventHandler<TestEvent>
{
    public List<long> Seen { get; } = seen;

    public int Batches { get; private set; }

    public void OnBatchStart(long firstSequence, long count) => Batches++;

    public void OnEvent(ref TestEvent e, long sequence, bool endOfBatch) => Seen.Add(e.Value);
}

/// <summary>Shared, thread-safe-to-read results of a threaded stage.</summary>
public sealed class StageProbe
{
    public long Count;
    public long Checksum;
    public long LastSequence = -1;
    public long Errors;
    public string? FirstError;
    public long AllocatedAtWarm = -1;
    public long AllocatedAtEnd = -1;

    /// <summary>Set when a gated handler reached its gate.</summary>
    public ManualResetEventSlim Entered { get; } = new(false);

    public void Fail(string message)
    {
        if (Interlocked.Increment(ref Errors) == 1)
        {
            FirstError = message;
        }
    }
}

/// <summary>
/// Verifies it sees sequences exactly once and in order, that the payload matches the sequence (nothing was
/// overwritten), that the upstream field (if any) is filled, and writes its own field.
/// </summary>
public struct VerifyingHandler(StageProbe probe, int stage, int upstream, int slowEvery = 0) : IEventHandler<TestEvent>
{
    public void OnBatchStart(long firstSequence, long count)
    {
        if (firstSequence != probe.LastSequence + 1)
        {
            probe.Fail($"stage {stage}: batch starts at {firstSequence} after {probe.LastSequence}");
        }
    }

    public void OnEvent(ref TestEvent e, long sequence, bool endOfBatch)
    {
        if (sequence != probe.LastSequence + 1)
        {
            probe.Fail($"stage {stage}: saw {sequence} after {probe.LastSequence}");
        }

        if (e.Value != Payload(sequence))
        {
            probe.Fail($"stage {stage}: slot {sequence} holds {e.Value}, expected {Payload(sequence)}");
        }

        if (upstream == 1 && e.StageA != e.Value + 1)
        {
            probe.Fail($"stage {stage}: ran before stage A at {sequence}");
        }

        if (upstream == 2 && e.StageB != e.StageA * 2)
        {
            probe.Fail($"stage {stage}: ran before stage B at {sequence}");
        }

        if (stage == 1)
        {
            e.StageA = e.Value + 1;
        }
        else if (stage == 2)
        {
            e.StageB = e.StageA * 2;
        }

        if (slowEvery > 0 && sequence % slowEvery == 0)
        {
            Thread.Sleep(1);
        }

        probe.Checksum += e.Value;
        probe.Count++;
        Volatile.Write(ref probe.LastSequence, sequence);
    }

    public static long Payload(long sequence) => (sequence * 7) + 3;
}

/// <summary>Throws on one sequence; counts the rest.</summary>
public struct ThrowingHandler(StageProbe probe, long throwAt) : IEventHandler<TestEvent>
{
    public void OnBatchStart(long firstSequence, long count)
    {
    }

    public void OnEvent(ref TestEvent e, long sequence, bool endOfBatch)
    {
        if (sequence == throwAt)
        {
            throw new InvalidDataException($"bad event {sequence}");
        }

        probe.Count++;
        probe.Checksum += sequence;
        Volatile.Write(ref probe.LastSequence, sequence);
    }
}

/// <summary>Blocks its first event until the gate opens (to build a backlog).</summary>
public struct GatedHandler(StageProbe probe, ManualResetEventSlim gate) : IEventHandler<TestEvent>
{
    public void OnBatchStart(long firstSequence, long count)
    {
    }

    public void OnEvent(ref TestEvent e, long sequence, bool endOfBatch)
    {
        probe.Entered.Set();
        gate.Wait();
        probe.Count++;
        Volatile.Write(ref probe.LastSequence, sequence);
    }
}
