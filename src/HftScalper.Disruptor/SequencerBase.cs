using System.Runtime.CompilerServices;

namespace HftScalper.Disruptor;

/// <summary>State shared by both sequencers: the cursor, the gating (end-consumer) sequences and the wait policy.</summary>
internal abstract class SequencerBase
{
    protected readonly int BufferSizeValue;
    protected readonly IWaitStrategy Strategy;
    protected readonly bool SignalWaiters;

    // True when a full ring is waited out with CapacityBackoff (yielding and busy-spin, each with its schedule);
    // false = through the strategy itself, per its nature: blocking sleeps on its monitor until a consumer signals,
    // sleeping runs its spin/yield/1 ms phases. Busy-spin pause-spun here until #18's session 22: at load 20-30 that
    // held the core its descheduled consumer needed (0.46x of Disruptor-net, bench/README).
    private readonly bool _backoff;
    private readonly CapacityBackoff _schedule;

    // Times a producer gave its core away on a full ring (tests and benchmarks read it; written on that slow path only).
    private long _producerYields;

    // Replaced (never mutated) when gating sequences are added, so readers always see a consistent group.
    private volatile SequenceGroup _gating = new();

    protected SequencerBase(int bufferSize, IWaitStrategy waitStrategy)
    {
        BufferSizeValue = bufferSize;
        Strategy = waitStrategy;
        SignalWaiters = waitStrategy.IsBlocking;
        CapacityBackoff? schedule = CapacityBackoff.For(waitStrategy);
        _backoff = schedule.HasValue;
        _schedule = schedule.GetValueOrDefault();
    }

    /// <summary>
    /// For benchmarks only: when true, a full yielding or busy-spin ring is waited out through the strategy's own
    /// consumer-side wait (the behaviour before #18: yielding 100 spins, then yields; busy-spin pause-spins).
    /// </summary>
    internal bool ProducerWaitsOnStrategy { get; set; }

    /// <summary>Times a producer gave its core away (yield or sleep 0) while the ring was full.</summary>
    internal long ProducerYields => Volatile.Read(ref _producerYields);

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
    /// wait their own way; yielding and busy-spin back off (spin, then yield; see <see cref="CapacityBackoff"/>).
    /// Throws <see cref="InvalidOperationException"/> when the ring is halted meanwhile.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    protected long WaitForCapacity(long wrapPoint, long fallback) =>
        _backoff && !ProducerWaitsOnStrategy ? BackOffForCapacity(wrapPoint, fallback) : WaitOnStrategy(wrapPoint, fallback);

    private long BackOffForCapacity(long wrapPoint, long fallback)
    {
        var backoff = _schedule; // a fresh copy per wait: the schedule restarts with its spin phase
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

            if (backoff.Once() != BackoffStep.Spin)
            {
                Interlocked.Increment(ref _producerYields); // beside a syscall; atomic for multi-producer rings
            }
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
