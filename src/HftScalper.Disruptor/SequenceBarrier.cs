using System.Runtime.CompilerServices;

namespace HftScalper.Disruptor;

/// <summary>
/// What a consumer waits on: the producer cursor, or the sequences of the stages it must stay behind. Turns the
/// wait strategy's answer into "highest contiguous published sequence" for multi-producer rings, and carries an
/// alert that halt/stop raise to wake the consumer.
/// </summary>
public sealed class SequenceBarrier
{
    private readonly Sequence _cursor;
    private readonly MultiProducerSequencer? _multi;
    private readonly IWaitStrategy _strategy;
    private readonly SequenceGroup _dependents;

    internal SequenceBarrier(Sequence cursor, MultiProducerSequencer? multi, IWaitStrategy strategy, SequenceGroup dependents)
    {
        _cursor = cursor;
        _multi = multi;
        _strategy = strategy;
        _dependents = dependents;
    }

    /// <summary>The alert raised by <see cref="Alert"/>.</summary>
    public AlertFlag AlertFlag { get; } = new();

    /// <summary>True when alerted (halt/stop in progress).</summary>
    public bool IsAlerted => AlertFlag.IsRaised;

    /// <summary>The producer cursor this barrier ultimately follows.</summary>
    public Sequence Cursor => _cursor;

    /// <summary>
    /// Waits until <paramref name="sequence"/> is available and returns the highest available sequence (&gt;=
    /// <paramref name="sequence"/>, so the caller processes a whole batch). Returns a value below
    /// <paramref name="sequence"/> when nothing is ready yet: <see cref="WaitResult.Alerted"/>,
    /// <see cref="WaitResult.TimedOut"/>, or <c>sequence - 1</c> while a multi-producer slot is claimed but unpublished.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long WaitFor(long sequence)
    {
        long available = _strategy.WaitFor(sequence, _dependents, AlertFlag);
        if (available < sequence || _multi is null)
        {
            return available;
        }

        return _multi.HighestPublished(sequence, available);
    }

    /// <summary>Highest sequence available now (never waits); <c>sequence - 1</c> when none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Available(long sequence)
    {
        long available = _dependents.Min();
        if (available < sequence)
        {
            return sequence - 1;
        }

        return _multi is null ? available : _multi.HighestPublished(sequence, available);
    }

    /// <summary>Raises the alert and wakes the waiter.</summary>
    public void Alert()
    {
        AlertFlag.Raise();
        _strategy.SignalAllWhenBlocking();
    }

    /// <summary>Clears the alert (before a restart).</summary>
    public void ClearAlert() => AlertFlag.Clear();
}
