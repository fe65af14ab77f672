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
    private readonly bool _pause;

    /// <summary>Creates the strategy; <paramref name="spinTries"/> pause-spins precede the first yield.</summary>
    public YieldingWaitStrategy(int spinTries = 100)
        : this(spinTries, pause: true)
    {
    }

    /// <summary>With <paramref name="pause"/> false the spin phase is a plain re-check loop (no pause hint), as in
    /// Disruptor-net; kept to measure the difference (#18).</summary>
    internal YieldingWaitStrategy(int spinTries, bool pause)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(spinTries);
        _spinTries = spinTries;
        _pause = pause;
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
                if (_pause)
                {
                    Thread.SpinWait(1);
                }
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
