using System.Runtime.CompilerServices;

namespace HftScalper.Disruptor;

/// <summary>
/// A position in the ring (a cursor or a consumer's progress), padded against false sharing. Starts at
/// <see cref="InitialValue"/> (-1: nothing published or processed yet). Reads are acquire, writes are release.
/// </summary>
public sealed class Sequence
{
    /// <summary>The value every sequence starts with: no slot claimed, published or processed yet.</summary>
    public const long InitialValue = -1;

    // The only field: a padded long, so the object itself is mostly padding (see PaddedLong for why).
    private PaddedLong _padded;

    /// <summary>Creates a sequence at <paramref name="initialValue"/>.</summary>
    public Sequence(long initialValue = InitialValue) => _padded.Value = initialValue;

    /// <summary>The current value (acquire read: everything written before the matching release is visible).</summary>
    public long Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref _padded.Value);
    }

    /// <summary>Sets the value with release semantics (volatile in the original Disruptor => Volatile.Write here).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetValue(long value) => Volatile.Write(ref _padded.Value, value);

    /// <summary>Sets the value followed by a full fence (store-load), for the rare paths that then read others' state.</summary>
    public void SetValueVolatile(long value)
    {
        Volatile.Write(ref _padded.Value, value);
        Interlocked.MemoryBarrier();
    }

    /// <summary>Atomically sets the value to <paramref name="next"/> when it equals <paramref name="expected"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool CompareAndSet(long expected, long next) =>
        Interlocked.CompareExchange(ref _padded.Value, next, expected) == expected;

    /// <summary>Atomically adds <paramref name="increment"/> and returns the new value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long AddAndGet(long increment) => Interlocked.Add(ref _padded.Value, increment);

    /// <inheritdoc />
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
