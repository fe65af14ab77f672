using System.Runtime.CompilerServices;
using HftScalper.Inference.Sequence;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// Side storage for decisions, indexed by a decision counter: records, feature rows and model scores in pinned
/// arrays allocated once, their pages mapped at allocation (<see cref="PinnedSlots"/>). Decision <c>d</c> lives in slot <c>d &amp; mask</c>; rows of consecutive decisions are
/// contiguous (except across the wrap), so the inference stage hands a batch to the model as one span.
/// </summary>
/// <remarks>
/// Capacity equals the event ring's: decision <c>d</c> is made while handling some event <c>s &gt;= d</c>, so the
/// decision that last used the slot came from an event at least one ring length older, which every stage has
/// released before the producer could publish <c>s</c>. The event ring's gating therefore protects these slots too.
/// </remarks>
internal sealed class DecisionRing
{
    private readonly DecisionRecord[] _records;
    private readonly float[] _rows;
    private readonly float[] _scores;
    private readonly float[] _returns;
    private readonly SequenceRowKey[] _keys;
    private readonly long _mask;

    /// <summary>Allocates <paramref name="capacity"/> (a power of two) slots of <paramref name="rowWidth"/> features
    /// and <paramref name="scoreWidth"/> scores.</summary>
    public DecisionRing(int capacity, int rowWidth, int scoreWidth)
    {
        if (capacity < 1 || (capacity & (capacity - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(capacity), "capacity must be a power of two");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scoreWidth);
        Capacity = capacity;
        RowWidth = rowWidth;
        ScoreWidth = scoreWidth;
        _mask = capacity - 1;
        _records = PinnedSlots.Allocate<DecisionRecord>(capacity);
        _rows = PinnedSlots.Allocate<float>(capacity * rowWidth);
        _scores = PinnedSlots.Allocate<float>(capacity * scoreWidth);
        _returns = PinnedSlots.Allocate<float>(capacity);
        _keys = PinnedSlots.Allocate<SequenceRowKey>(capacity);
    }

    /// <summary>Slots.</summary>
    public int Capacity { get; }

    /// <summary>Floats per feature row.</summary>
    public int RowWidth { get; }

    /// <summary>Floats per score row (the widest model output served).</summary>
    public int ScoreWidth { get; }

    /// <summary>The record of decision <paramref name="decision"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref DecisionRecord Record(long decision) => ref _records[decision & _mask];

    /// <summary>The feature row of decision <paramref name="decision"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<float> Row(long decision) => _rows.AsSpan((int)(decision & _mask) * RowWidth, RowWidth);

    /// <summary>Rows of <paramref name="count"/> consecutive decisions from <paramref name="first"/> (must not wrap).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<float> Rows(long first, int count) => _rows.AsSpan((int)(first & _mask) * RowWidth, count * RowWidth);

    /// <summary>The score row of decision <paramref name="decision"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<float> Scores(long decision) => _scores.AsSpan((int)(decision & _mask) * ScoreWidth, ScoreWidth);

    /// <summary>Score rows of <paramref name="count"/> consecutive decisions from <paramref name="first"/> (must not wrap).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<float> ScoreRows(long first, int count) => _scores.AsSpan((int)(first & _mask) * ScoreWidth, count * ScoreWidth);

    /// <summary>The return regressor's expected move (bps of the mid) of decision <paramref name="decision"/>; NaN when
    /// no regressor served it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref float Return(long decision) => ref _returns[decision & _mask];

    /// <summary>Return values of <paramref name="count"/> consecutive decisions from <paramref name="first"/> (must not wrap).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<float> Returns(long first, int count) => _returns.AsSpan((int)(first & _mask), count);

    /// <summary>The sequence key (symbol, time, restart, synced) of decision <paramref name="decision"/>, beside its row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref SequenceRowKey Key(long decision) => ref _keys[decision & _mask];

    /// <summary>Keys of <paramref name="count"/> consecutive decisions from <paramref name="first"/> (must not wrap).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<SequenceRowKey> Keys(long first, int count) => _keys.AsSpan((int)(first & _mask), count);

    /// <summary>How many decisions from <paramref name="first"/> fit before the wrap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ContiguousFrom(long first) => Capacity - (int)(first & _mask);
}
