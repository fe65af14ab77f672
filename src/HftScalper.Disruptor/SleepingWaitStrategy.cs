using System.Runtime.CompilerServices;

namespace HftScalper.Disruptor;

/// <summary>
/// Backs off in three phases: pause-spin, then <see cref="Thread.Yield"/>, then <see cref="Thread.Sleep(int)"/>
/// of 1 ms. An idle waiter costs almost no CPU, at the price of up to ~1 ms extra latency after a quiet spell.
/// Suits side consumers (journal, metrics) and busy machines. Optional timeout.
/// </summary>
public sealed class SleepingWaitStrategy : IWaitStrategy
{
    private readonly int _spinTries;
    private readonly int _yieldTries;
    private readonly long _timeoutMs;

    /// <summary>
    /// Creates the strategy: <paramref name="spinTries"/> spins, then <paramref name="yieldTries"/> yields, then 1 ms
    /// sleeps. With a <paramref name="timeout"/>, <see cref="WaitFor"/> returns <see cref="WaitResult.TimedOut"/>
    /// once it elapsed (checked in the sleeping phase only).
    /// </summary>
    public SleepingWaitStrategy(int spinTries = 100, int yieldTries = 100, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(spinTries);
        ArgumentOutOfRangeException.ThrowIfNegative(yieldTries);
        _spinTries = spinTries;
        _yieldTries = yieldTries;
        _timeoutMs = TimeoutMs.From(timeout);
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
        int counter = _spinTries + _yieldTries;
        long deadline = TimeoutMs.Deadline(_timeoutMs);
        long available;
        while ((available = dependents.Min()) < sequence)
        {
            if (alert.IsRaised)
            {
                return WaitResult.Alerted;
            }

            if (counter > _yieldTries)
            {
                counter--;
                Thread.SpinWait(1);
            }
            else if (counter > 0)
            {
                counter--;
                Thread.Yield();
            }
            else
            {
                if (TimeoutMs.Expired(deadline))
                {
                    return WaitResult.TimedOut;
                }

                Thread.Sleep(1);
            }
        }

        return available;
    }

    /// <inheritdoc />
    public void SignalAllWhenBlocking()
    {
    }
}
