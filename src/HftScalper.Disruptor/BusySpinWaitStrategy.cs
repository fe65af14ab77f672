using System.Runtime.CompilerServices;

namespace HftScalper.Disruptor;

/// <summary>
/// Spins on the sequence with a CPU pause hint: lowest latency, burns a full core per waiting thread forever.
/// Use ONLY when every consumer and producer has its own pinned, isolated core (isolcpus). On shared or 2-core
/// machines it starves the very threads it waits for; prefer <see cref="BlockingWaitStrategy"/> there. Consumers spin
/// here; a producer that finds the ring full spins ~2-3 us, then yields and spins by turns (<c>CapacityBackoff</c>),
/// as Disruptor-net's does, so a descheduled consumer gets the core back.
/// </summary>
public sealed class BusySpinWaitStrategy : IWaitStrategy
{
    /// <inheritdoc />
    public bool IsBlocking => false;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long WaitFor(long sequence, SequenceGroup dependents, AlertFlag alert)
    {
        long available = dependents.Min();
        return available >= sequence ? available : Spin(sequence, dependents, alert);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Spin(long sequence, SequenceGroup dependents, AlertFlag alert)
    {
        long available;
        while ((available = dependents.Min()) < sequence)
        {
            if (alert.IsRaised)
            {
                return WaitResult.Alerted;
            }

            Thread.SpinWait(1);
        }

        return available;
    }

    /// <inheritdoc />
    public void SignalAllWhenBlocking()
    {
    }
}
