using System.Runtime.CompilerServices;

namespace HftScalper.Disruptor;

/// <summary>State shared by both sequencers: the cursor, the gating (end-consumer) sequences and the wait policy.</summary>
internal abstract class SequencerBase
{
    protected readonly int BufferSizeValue;
    protected readonly IWaitStrategy Strategy;
    protected readonly bool SignalWaiters;

    // True when a full ring is waited out with CapacityBackoff (yielding); false = through the strategy itself,
    // per its nature: blocking sleeps on its monitor until a consumer signals, sleeping runs its spin/yield/1 ms
    // phases, busy-spin spins (its producer yielding measured 5x slower with a fast consumer, bench/README).
    private readonly bool _backoff;

    // Replaced (never mutated) when gating sequences are added, so readers always see a consistent group.
    private volatile SequenceGroup _gating = new();

    protected SequencerBase(int bufferSize, IWaitStrategy waitStrategy)
    {
        BufferSizeValue = bufferSize;
        Strategy = waitStrategy;
        SignalWaiters = waitStrategy.IsBlocking;
        _backoff = waitStrategy is YieldingWaitStrategy;
    }

    /// <summary>
    /// For benchmarks only: when true, a full yielding ring is waited out through the strategy's own consumer-side
    /// wait (the behaviour before #18: 100 spins, then yields).
    /// </summary>
    internal bool ProducerWaitsOnStrategy { get; set; }

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

    /// <summary>
    /// Waits until the slowest gating consumer reached <paramref name="wrapPoint"/>: blocking and sleeping strategies
    /// wait their own way; yielding backs off (brief spin, then yield; see <see cref="CapacityBackoff"/>).
    /// Throws <see cref="InvalidOperationException"/> when the ring is halted meanwhile.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    protected long WaitForCapacity(long wrapPoint, long fallback) =>
        _backoff && !ProducerWaitsOnStrategy ? BackOffForCapacity(wrapPoint, fallback) : WaitOnStrategy(wrapPoint, fallback);

    private long BackOffForCapacity(long wrapPoint, long fallback)
    {
        var backoff = default(CapacityBackoff);
        while (true)
        {
            long gating = MinimumGating(fallback);
            if (gating >= wrapPoint)
            {
                return gating;
            }

            if (Alert.IsRaised)
            {
                ThrowHalted();
            }

            backoff.Once();
        }
    }

    private long WaitOnStrategy(long wrapPoint, long fallback)
    {
        while (true)
        {
            long gating = MinimumGating(fallback);
            if (gating >= wrapPoint)
            {
                return gating;
            }

            // A producer that publishes quietly (RingBuffer.PublishQuiet) may leave the consumer it now waits for
            // asleep on events it never signalled: wake it before sleeping, or both would sleep for good.
            if (SignalWaiters)
            {
                Strategy.SignalAllWhenBlocking();
            }

            long result = Strategy.WaitFor(wrapPoint, _gating, Alert);
            if (result == WaitResult.Alerted)
            {
                ThrowHalted();
            }
        }
    }

    private static void ThrowHalted() =>
        throw new InvalidOperationException("The ring was halted while a producer waited for free slots.");

    /// <summary>Slots not yet consumed by the slowest gating consumer.</summary>
    public long RemainingCapacity(long produced) => BufferSizeValue - (produced - MinimumGating(produced));
}
