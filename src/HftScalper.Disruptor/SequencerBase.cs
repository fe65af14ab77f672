namespace HftScalper.Disruptor;

/// <summary>State shared by both sequencers: the cursor, the gating (end-consumer) sequences and the wait policy.</summary>
internal abstract class SequencerBase
{
    protected readonly int BufferSizeValue;
    protected readonly IWaitStrategy Strategy;
    protected readonly bool SignalWaiters;

    // Replaced (never mutated) when gating sequences are added, so readers always see a consistent group.
    private volatile SequenceGroup _gating = new();

    protected SequencerBase(int bufferSize, IWaitStrategy waitStrategy)
    {
        BufferSizeValue = bufferSize;
        Strategy = waitStrategy;
        SignalWaiters = waitStrategy.IsBlocking;
    }

    /// <summary>Highest claimed (multi) or published (single) sequence.</summary>
    public Sequence Cursor { get; } = new();

    /// <summary>Raised by halt so a producer blocked on a full ring gives up.</summary>
    public AlertFlag Alert { get; } = new();

    public IWaitStrategy WaitStrategy => Strategy;

    protected SequenceGroup Gating => _gating;

    public void AddGatingSequences(Sequence[] sequences)
    {
        var merged = _gating.ToArray().Concat(sequences).Distinct().ToArray();
        _gating = new SequenceGroup(merged);
    }

    public void RemoveGatingSequence(Sequence sequence) =>
        _gating = new SequenceGroup(_gating.ToArray().Where(s => !ReferenceEquals(s, sequence)).ToArray());

    /// <summary>Smallest gating sequence, or <paramref name="fallback"/> when nothing gates the producer.</summary>
    protected long MinimumGating(long fallback) => Math.Min(_gating.Min(), fallback);

    /// <summary>Blocks (per the wait strategy) until the slowest gating consumer reached <paramref name="wrapPoint"/>.</summary>
    protected long WaitForCapacity(long wrapPoint, long fallback)
    {
        while (true)
        {
            long gating = MinimumGating(fallback);
            if (gating >= wrapPoint)
            {
                return gating;
            }

            long result = Strategy.WaitFor(wrapPoint, _gating, Alert);
            if (result == WaitResult.Alerted)
            {
                throw new InvalidOperationException("The ring was halted while a producer waited for free slots.");
            }
        }
    }

    /// <summary>Slots not yet consumed by the slowest gating consumer.</summary>
    public long RemainingCapacity(long produced) => BufferSizeValue - (produced - MinimumGating(produced));
}
