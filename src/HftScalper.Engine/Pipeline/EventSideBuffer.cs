using System.Runtime.CompilerServices;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// Per ring slot extras that do not belong in the 64-byte <see cref="Core.Events.MarketEvent"/>: when the event
/// entered the pipeline (for latency) and which decision it made, if any. Indexed by event sequence; pinned,
/// allocated once, written by the producer (ingress) and the features stage (decision), read downstream.
/// </summary>
internal sealed class EventSideBuffer
{
    private readonly long[] _ingressTicks;
    private readonly long[] _decisionPlusOne;
    private readonly long _mask;

    /// <summary>One entry per ring slot (<paramref name="ringSize"/> is a power of two).</summary>
    public EventSideBuffer(int ringSize)
    {
        if (ringSize < 1 || (ringSize & (ringSize - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(ringSize), "ring size must be a power of two");
        _mask = ringSize - 1;
        _ingressTicks = PinnedSlots.Allocate<long>(ringSize);
        _decisionPlusOne = PinnedSlots.Allocate<long>(ringSize);
    }

    /// <summary>Stopwatch ticks when event <paramref name="sequence"/> entered the pipeline.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref long IngressTicks(long sequence) => ref _ingressTicks[sequence & _mask];

    /// <summary>Marks event <paramref name="sequence"/> as having made decision <paramref name="decision"/> (or none: -1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetDecision(long sequence, long decision) => _decisionPlusOne[sequence & _mask] = decision + 1;

    /// <summary>The decision event <paramref name="sequence"/> made, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long DecisionOf(long sequence) => _decisionPlusOne[sequence & _mask] - 1;
}
