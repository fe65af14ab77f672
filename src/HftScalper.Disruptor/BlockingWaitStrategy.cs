using System.Runtime.CompilerServices;

namespace HftScalper.Disruptor;

/// <summary>
/// Waiters spin briefly, then sleep on a monitor and are woken by whoever moves a sequence: producers on publish
/// and consumers after each batch (unlike LMAX's original, which busy-spins while waiting for an upstream consumer,
/// this one never burns a core while waiting). Writers take the lock only when a waiter asked for a signal since
/// the last one, so a busy pipeline pays one full fence per publish/batch and nothing else. The default strategy:
/// right for shared and 2-core machines. Optional timeout so a stop can never be missed.
/// </summary>
public sealed class BlockingWaitStrategy : IWaitStrategy
{
    private readonly object _gate = new();
    private readonly long _timeoutMs;
    private readonly int _spinTries;
    private int _signalNeeded;

    /// <summary>
    /// Creates the strategy. A waiter first pause-spins <paramref name="spinTries"/> times (a few microseconds at
    /// most) before sleeping: when the other side is only just behind, that saves a sleep/wake round trip per
    /// event, and a producer that finds nobody asleep skips the lock. With a <paramref name="timeout"/> a wait
    /// returns <see cref="WaitResult.TimedOut"/>.
    /// </summary>
    public BlockingWaitStrategy(TimeSpan? timeout = null, int spinTries = 100)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(spinTries);
        _timeoutMs = TimeoutMs.From(timeout);
        _spinTries = spinTries;
    }

    /// <inheritdoc />
    public bool IsBlocking => true;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long WaitFor(long sequence, SequenceGroup dependents, AlertFlag alert)
    {
        long available = dependents.Min();
        return available >= sequence ? available : WaitSlow(sequence, dependents, alert);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long WaitSlow(long sequence, SequenceGroup dependents, AlertFlag alert)
    {
        long available;
        for (int i = 0; i < _spinTries; i++)
        {
            Thread.SpinWait(1);
            if ((available = dependents.Min()) >= sequence)
            {
                return available;
            }
        }

        long deadline = TimeoutMs.Deadline(_timeoutMs);
        lock (_gate)
        {
            while (true)
            {
                // Ask for a signal before re-checking: the exchange is a full fence, and the signaller fences
                // between its sequence write and its read of the flag, so either we see the new sequence or it
                // sees our request (no lost wake-up). Re-armed on every pass: a signaller consumes the request.
                Interlocked.Exchange(ref _signalNeeded, 1);
                if ((available = dependents.Min()) >= sequence)
                {
                    return available;
                }

                if (alert.IsRaised)
                {
                    return WaitResult.Alerted;
                }

                int remaining = TimeoutMs.Remaining(deadline);
                if (remaining == 0)
                {
                    return WaitResult.TimedOut;
                }

                Monitor.Wait(_gate, remaining);
            }
        }
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SignalAllWhenBlocking()
    {
        // Store-load fence: the caller's sequence write must be visible before we read the flag (Dekker). Only
        // the first signaller after a waiter asked takes the lock, so a busy producer does not queue on the
        // monitor while a woken consumer is still getting back onto a core.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _signalNeeded) != 0 && Interlocked.Exchange(ref _signalNeeded, 0) != 0)
        {
            Wake();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Wake()
    {
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }
}
