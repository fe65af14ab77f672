using System.Runtime.CompilerServices;

namespace HftScalper.Disruptor;

/// <summary>
/// Waiters sleep on a monitor and are woken by whoever moves a sequence: producers on publish and consumers after
/// each batch (unlike LMAX's original, which busy-spins while waiting for an upstream consumer — this one never
/// burns a core while waiting). Writers take the lock only when a waiter exists, so a busy pipeline pays one full
/// fence per publish/batch and nothing else. The default strategy: right for shared and 2-core machines.
/// Optional timeout so a stop can never be missed.
/// </summary>
public sealed class BlockingWaitStrategy : IWaitStrategy
{
    private readonly object _gate = new();
    private readonly long _timeoutMs;
    private int _waiters;

    /// <summary>Creates the strategy; with a <paramref name="timeout"/> a wait returns <see cref="WaitResult.TimedOut"/>.</summary>
    public BlockingWaitStrategy(TimeSpan? timeout = null) => _timeoutMs = TimeoutMs.From(timeout);

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
        long deadline = TimeoutMs.Deadline(_timeoutMs);
        long available;
        lock (_gate)
        {
            // Register before re-checking: the increment is a full fence, and the signaller fences between its
            // sequence write and its read of _waiters, so either we see the new sequence or it sees our count.
            Interlocked.Increment(ref _waiters);
            try
            {
                while ((available = dependents.Min()) < sequence)
                {
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
            finally
            {
                Interlocked.Decrement(ref _waiters);
            }
        }

        return available;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SignalAllWhenBlocking()
    {
        // Store-load fence: the caller's sequence write must be visible before we read the waiter count (Dekker).
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _waiters) != 0)
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
