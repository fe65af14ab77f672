using System.Runtime.CompilerServices;

namespace HftScalper.Disruptor;

/// <summary>
/// An immutable set of sequences whose minimum is what a waiter waits for: the upstream consumers of a stage,
/// the producer cursor of a first stage, or the end consumers that gate a producer.
/// </summary>
public sealed class SequenceGroup
{
    private readonly Sequence[] _sequences;

    /// <summary>Creates a group over <paramref name="sequences"/> (copied; the group never changes).</summary>
    public SequenceGroup(params Sequence[] sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        _sequences = (Sequence[])sequences.Clone();
    }

    /// <summary>Number of sequences in the group.</summary>
    public int Count => _sequences.Length;

    /// <summary>The sequences (a copy).</summary>
    public Sequence[] ToArray() => (Sequence[])_sequences.Clone();

    /// <summary>
    /// The smallest value in the group, or <see cref="long.MaxValue"/> when empty (an empty group never holds
    /// anyone back). No allocation; one acquire read per member.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Min()
    {
        var sequences = _sequences;
        if (sequences.Length == 1)
        {
            return sequences[0].Value;
        }

        long min = long.MaxValue;
        for (int i = 0; i < sequences.Length; i++)
        {
            long value = sequences[i].Value;
            if (value < min)
            {
                min = value;
            }
        }

        return min;
    }
}
