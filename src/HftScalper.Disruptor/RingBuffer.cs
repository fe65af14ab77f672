using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HftScalper.Disruptor;

/// <summary>
/// A power-of-two ring of pre-allocated, pinned <typeparamref name="T"/> slots, accessed by <c>ref</c>, plus the
/// sequencer that hands them out. Producers claim (<see cref="Next()"/>), fill the slot in place and
/// <see cref="Publish(long)"/>; consumers read through a <see cref="SequenceBarrier"/>. No allocation after
/// construction; a producer can never overwrite a slot its gating (end) consumers have not processed yet.
/// </summary>
/// <typeparam name="T">The event: a blittable struct (ideally 64 or 128 bytes).</typeparam>
public sealed class RingBuffer<T>
    where T : unmanaged
{
    // Slots on either side of the live region so neighbouring heap objects never share a cache line with a slot.
    private static readonly int Pad = Math.Max(1, 128 / Unsafe.SizeOf<T>());

    private readonly T[] _entries;
    private readonly long _mask;

    // Exactly one of these is set. Two typed fields and a null test instead of a virtual call: the branch is always
    // predicted and both sealed fast paths can inline into the producer's loop.
    private readonly SingleProducerSequencer? _single;
    private readonly MultiProducerSequencer? _multi;
    private readonly SequencerBase _sequencer;

    /// <summary>
    /// Creates the ring with <paramref name="bufferSize"/> slots (a power of two) zero-initialised and pinned.
    /// <paramref name="waitStrategy"/> defaults to <see cref="BlockingWaitStrategy"/> (sleeps after a brief spin).
    /// </summary>
    public RingBuffer(int bufferSize, ProducerType producerType = ProducerType.Single, IWaitStrategy? waitStrategy = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1);
        if (!int.IsPow2(bufferSize))
        {
            throw new ArgumentOutOfRangeException(nameof(bufferSize), bufferSize, "The buffer size must be a power of two.");
        }

        waitStrategy ??= new BlockingWaitStrategy();
        _entries = GC.AllocateArray<T>(bufferSize + (2 * Pad), pinned: true);
        _mask = bufferSize - 1;
        if (producerType == ProducerType.Single)
        {
            _single = new SingleProducerSequencer(bufferSize, waitStrategy);
            _sequencer = _single;
        }
        else
        {
            _multi = new MultiProducerSequencer(bufferSize, waitStrategy);
            _sequencer = _multi;
        }

        BufferSize = bufferSize;
        ProducerType = producerType;
    }

    /// <summary>Number of slots.</summary>
    public int BufferSize { get; }

    /// <summary>Single- or multi-producer claiming.</summary>
    public ProducerType ProducerType { get; }

    /// <summary>The wait strategy shared by this ring's producers and barriers.</summary>
    public IWaitStrategy WaitStrategy => _sequencer.WaitStrategy;

    /// <summary>
    /// The producer cursor: highest published sequence (single producer) or highest claimed sequence (multi
    /// producer; use <see cref="IsPublished"/> for a given slot).
    /// </summary>
    public Sequence Cursor => _sequencer.Cursor;

    /// <summary>The slot for <paramref name="sequence"/>, by reference (no copy, no bounds check).</summary>
    public ref T this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_entries), (nint)(sequence & _mask) + Pad);
    }

    /// <summary>
    /// The <paramref name="count"/> slots from <paramref name="sequence"/> on as one span, or an empty span when they
    /// wrap around the ring's end (or <paramref name="count"/> is not in 1..<see cref="BufferSize"/>). The slots are
    /// pinned, so the span's address may cross to native code without a copy. Same visibility rules as the indexer:
    /// read only published slots the caller's barrier allows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<T> Slots(long sequence, int count)
    {
        long index = sequence & _mask;
        if ((uint)(count - 1) >= (uint)BufferSize || index + count > BufferSize) return default;
        return MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_entries), (nint)index + Pad), count);
    }

    /// <summary>Claims the next slot, waiting (per the wait strategy) while the ring is full.</summary>
    /// <exception cref="InvalidOperationException">The ring was halted while waiting for capacity.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next() => _single is { } s ? s.Next(1) : _multi!.Next(1);

    /// <summary>
    /// Claims <paramref name="n"/> consecutive slots and returns the highest; the batch is
    /// <c>[hi - n + 1, hi]</c>. Waits while the ring is full.
    /// </summary>
    /// <exception cref="InvalidOperationException">The ring was halted while waiting for capacity.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next(int n)
    {
        if ((uint)(n - 1) >= (uint)BufferSize)
        {
            ThrowBadBatch(n);
        }

        return _single is { } s ? s.Next(n) : _multi!.Next(n);
    }

    /// <summary>Claims the next slot if there is room now; never waits, never throws.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryNext(out long sequence) =>
        _single is { } s ? s.TryNext(1, out sequence) : _multi!.TryNext(1, out sequence);

    /// <summary>Claims <paramref name="n"/> slots (returns the highest) if there is room now; never waits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryNext(int n, out long sequence)
    {
        if ((uint)(n - 1) >= (uint)BufferSize)
        {
            ThrowBadBatch(n);
        }

        return _single is { } s ? s.TryNext(n, out sequence) : _multi!.TryNext(n, out sequence);
    }

    /// <summary>Makes the claimed slot <paramref name="sequence"/> visible to consumers (release write).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long sequence)
    {
        if (_single is { } s)
        {
            s.Publish(sequence);
        }
        else
        {
            _multi!.Publish(sequence);
        }
    }

    /// <summary>Publishes the claimed batch <c>[lo, hi]</c> (one cursor write for a single producer).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long lo, long hi)
    {
        if (_single is { } s)
        {
            s.Publish(hi);
        }
        else
        {
            _multi!.Publish(lo, hi);
        }
    }

    /// <summary>
    /// Publishes the claimed batch <c>[lo, hi]</c> like <see cref="Publish(long, long)"/> but wakes no consumer sleeping in
    /// a blocking wait: for a producer that batches wake-ups (it publishes many small batches quietly, then calls
    /// <see cref="SignalConsumers"/> once a batch's worth is waiting), so a consumer that keeps catching up is not woken,
    /// and put back to sleep, for every message. Consumers that poll (non-blocking strategies) see the events at once.
    /// The producer must call <see cref="SignalConsumers"/> before it stops or waits for input; the ring signals by
    /// itself before a producer waits for capacity, and <see cref="Disruptor{T}.DrainAndStop"/> signals first too.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PublishQuiet(long lo, long hi)
    {
        if (_single is { } s)
        {
            s.PublishQuiet(hi);
        }
        else
        {
            _multi!.PublishQuiet(lo, hi);
        }
    }

    /// <summary>
    /// Wakes consumers sleeping in a blocking wait for what was published (<see cref="PublishQuiet"/>). One full fence,
    /// and the strategy's lock only when a waiter is asleep; nothing for non-blocking strategies.
    /// </summary>
    public void SignalConsumers()
    {
        if (_sequencer.WaitStrategy.IsBlocking)
        {
            _sequencer.WaitStrategy.SignalAllWhenBlocking();
        }
    }

    /// <summary>True when <paramref name="sequence"/> has been published (and not yet overwritten by a later lap).</summary>
    public bool IsPublished(long sequence) =>
        _single is not null ? sequence <= Cursor.Value && sequence > Cursor.Value - BufferSize : _multi!.IsAvailable(sequence);

    /// <summary>Free slots right now, judged against the slowest gating consumer.</summary>
    public long RemainingCapacity => _sequencer.RemainingCapacity(_single is { } s ? s.Claimed : Cursor.Value);

    /// <summary>
    /// Makes the producer wait for these consumer sequences (the end of each branch of the stage graph) before
    /// reusing a slot. Call before publishing starts; <see cref="Disruptor{T}"/> does it for you.
    /// </summary>
    public void AddGatingSequences(params Sequence[] sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        _sequencer.AddGatingSequences(sequences);
    }

    /// <summary>Stops gating the producer on <paramref name="sequence"/> (e.g. a removed consumer).</summary>
    public void RemoveGatingSequence(Sequence sequence) => _sequencer.RemoveGatingSequence(sequence);

    /// <summary>
    /// A barrier for a consumer that must stay behind <paramref name="dependsOn"/> (upstream stages), or behind the
    /// producer when none are given.
    /// </summary>
    public SequenceBarrier NewBarrier(params Sequence[] dependsOn) =>
        new(Cursor, _multi, _sequencer.WaitStrategy, dependsOn.Length == 0 ? new SequenceGroup(Cursor) : new SequenceGroup(dependsOn));

    /// <summary>
    /// Wakes a producer blocked in <see cref="Next()"/> with an <see cref="InvalidOperationException"/>, for halts.
    /// Further claims that must wait for capacity fail the same way until <see cref="ClearHalt"/>.
    /// </summary>
    public void Halt()
    {
        _sequencer.Alert.Raise();
        _sequencer.WaitStrategy.SignalAllWhenBlocking();
    }

    /// <summary>For benchmarks only: the pre-#18 full-ring wait (through the strategy) instead of the back-off.</summary>
    internal bool ProducerWaitsOnStrategy
    {
        get => _sequencer.ProducerWaitsOnStrategy;
        set => _sequencer.ProducerWaitsOnStrategy = value;
    }

    /// <summary>Clears a previous <see cref="Halt"/>.</summary>
    public void ClearHalt() => _sequencer.Alert.Clear();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowBadBatch(int n) =>
        throw new ArgumentOutOfRangeException(nameof(n), n, $"A batch must be between 1 and the buffer size ({BufferSize}).");
}
