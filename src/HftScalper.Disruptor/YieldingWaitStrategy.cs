using System.Runtime.CompilerServices;

namespace HftScalper.Disruptor;

/// <summary>
/// Spins briefly, then calls <see cref="Thread.Yield"/> between checks: low latency and gives the core to any other
/// runnable thread, but an idle waiter still shows as 100% CPU (it keeps asking the scheduler). Good when there are
/// at least as many cores as hot threads and latency matters more than power.
/// </summary>
public sealed class YieldingWaitStrategy : IWaitStrategy
{
    private readonly int _spinTries;

    /// <summary>Creates the strategy; <paramref name="spinTries"/> pause-spins precede the first yield.</summary>
    public YieldingWaitStrategy(int spinTries = 100)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(spinTries);
        _spinTries = spinTries;
    }

    /// <inheritdoc />
    public bool IsBlocking => false;

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
        int counter = _spinTries;
        long available;
        while ((available = dependents.Min()) < sequence)
        {
            if (alert.IsRaised)
            {
                return WaitResult.Alerted;
            }

            if (counter > 0)
            {
                counter--;
                Thread.SpinWait(1);
            }
            else
            {
                Thread.Yield();
            }
        }

        return available;
    }

    /// <inheritdoc />
    public void SignalAllWhenBlocking()
    {
    }
}
