using System.Runtime.CompilerServices;

namespace HftScalper.Disruptor;

/// <summary>
/// How a producer of a yielding ring waits while the ring is full: a few
/// exponentially growing pause-spins (1+2+4+8 = 15 pauses, well under a microsecond) for a consumer that is only
/// just behind, then <see cref="Thread.Yield"/> on every further check. A full ring means the consumer is the
/// bottleneck; on a shared or 2-core machine a pause-spinning producer takes the very core that consumer needs,
/// so after the brief spin the producer offers the core to any runnable thread (as Disruptor-net's
/// AggressiveSpinWait and LMAX's parkNanos do). Per-wait state lives on the caller's stack.
/// </summary>
internal struct CapacityBackoff
{
    private const int SpinRounds = 4;
    private int _count;

    /// <summary>One back-off step: pause-spin 2^n times for the first few calls, then yield.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Once()
    {
        if (_count < SpinRounds)
        {
            Thread.SpinWait(1 << _count);
            _count++;
        }
        else
        {
            Thread.Yield();
        }
    }
}
