using System.Runtime.CompilerServices;

namespace HftScalper.Disruptor;

/// <summary>
/// How a producer waits while the ring is full: a few exponentially growing pause-spin rounds for a consumer that is
/// only just behind, then it gives its core away. A full ring means the consumer is the bottleneck; on a shared or
/// 2-core machine a pause-spinning producer takes the very core that consumer (descheduled) needs, so after the spin
/// phase the producer offers the core to any runnable thread (as Disruptor-net's AggressiveSpinWait and LMAX's
/// parkNanos do). Never <c>Sleep(1)</c>: it costs >= 1 ms per wait on Linux (a whole 2^16 ring at ~15 M events/s), and a
/// ring's owner who can afford that picks <see cref="SleepingWaitStrategy"/>. Two schedules, chosen by the ring's
/// strategy (<see cref="For"/>); per-wait state lives on the caller's stack (copy the schedule, then step it).
/// </summary>
internal struct CapacityBackoff
{
    // Pauses per spin round at most: Thread.SpinWait is normalised (~35-50 ns a unit here) and .NET's SpinWait caps a
    // round at Thread.OptimalMaxSpinWaitsPerSpinIteration, 7 on this machine; 8 keeps the yielding schedule's
    // 1+2+4+8 rounds as they were measured in #18.
    internal const int MaxPausesPerRound = 8;

    // Busy-spin schedule: every 5th yield is a Sleep(0), as in SpinWait (on Windows it also lets ready threads of
    // other processors run; on Linux both measured ~2-3 us a call at load 8 here). The yielding schedule only yields.
    internal const int Sleep0EveryYields = 5;

    private readonly int _spinRounds;
    private readonly bool _spinBetweenYields;
    private int _count;

    private CapacityBackoff(int spinRounds, bool spinBetweenYields)
    {
        _spinRounds = spinRounds;
        _spinBetweenYields = spinBetweenYields;
        _count = 0;
    }

    /// <summary>
    /// Yielding ring: 4 rounds (1+2+4+8 = 15 pauses, well under a microsecond), then a yield on every step; the
    /// consumer side yields too, so the producer has no reason to hold on (#18, "Full-ring wait and yielding spin").
    /// </summary>
    internal static CapacityBackoff Yielding => new(spinRounds: 4, spinBetweenYields: false);

    /// <summary>
    /// Busy-spin ring: Disruptor-net's producer schedule (AggressiveSpinWait = <c>SpinWait.SpinOnce(-1)</c>): 10 rounds
    /// (1+2+4+8x7 = 63 pauses, ~2-3 us, longer than a running consumer takes to free a slot), then a yield and a full
    /// spin round by turns, every 5th yield a <c>Sleep(0)</c>. A consumer with its own core frees slots within the spin
    /// phase, so on isolated cores the producer still only spins; one that was descheduled gets the core back.
    /// </summary>
    internal static CapacityBackoff BusySpin => new(spinRounds: 10, spinBetweenYields: true);

    /// <summary>The schedule a full ring of <paramref name="strategy"/> waits with, or null to wait in the strategy
    /// itself (blocking sleeps until a consumer signals; sleeping runs its spin/yield/1 ms phases; any other
    /// strategy keeps its own policy).</summary>
    internal static CapacityBackoff? For(IWaitStrategy strategy) => strategy switch
    {
        YieldingWaitStrategy => Yielding,
        BusySpinWaitStrategy => BusySpin,
        _ => null,
    };

    /// <summary>One back-off step; says what it did so the producer can count the times it gave its core away.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public BackoffStep Once()
    {
        int count = _count;
        _count = count == int.MaxValue ? _spinRounds : count + 1; // a wait of 2^31 steps restarts the yield phase
        if (count < _spinRounds)
        {
            Thread.SpinWait(Math.Min(1 << Math.Min(count, 30), MaxPausesPerRound));
            return BackoffStep.Spin;
        }

        int yields = count - _spinRounds;
        if (_spinBetweenYields)
        {
            if ((yields & 1) == 1)
            {
                Thread.SpinWait(MaxPausesPerRound);
                return BackoffStep.Spin;
            }

            yields >>= 1;
        }

        if (_spinBetweenYields && yields % Sleep0EveryYields == Sleep0EveryYields - 1)
        {
            Thread.Sleep(0);
            return BackoffStep.Sleep0;
        }

        Thread.Yield();
        return BackoffStep.Yield;
    }
}
