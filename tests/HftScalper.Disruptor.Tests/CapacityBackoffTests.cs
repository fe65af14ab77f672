namespace HftScalper.Disruptor.Tests;

/// <summary>
/// The producer's full-ring schedules step by step (#18): yielding spins 4 rounds then yields on every step; busy-spin
/// spins 10 rounds, then yields and spins by turns (Disruptor-net's AggressiveSpinWait), every 5th yield a Sleep(0).
/// </summary>
public sealed class CapacityBackoffTests
{
    [Fact]
    public void Yielding_spins_four_rounds_then_yields_on_every_step()
    {
        var backoff = CapacityBackoff.Yielding;

        var steps = Steps(ref backoff, 30);

        Assert.All(steps.Take(4), s => Assert.Equal(BackoffStep.Spin, s));
        Assert.All(steps.Skip(4), s => Assert.Equal(BackoffStep.Yield, s));
    }

    [Fact]
    public void Busy_spin_spins_ten_rounds_then_alternates_yield_and_spin_with_every_fifth_yield_a_sleep0()
    {
        var backoff = CapacityBackoff.BusySpin;

        var steps = Steps(ref backoff, 10 + 20);

        Assert.All(steps.Take(10), s => Assert.Equal(BackoffStep.Spin, s));
        var after = steps.Skip(10).ToArray();
        Assert.All(after.Where((_, i) => i % 2 == 1), s => Assert.Equal(BackoffStep.Spin, s));
        var gaveAway = after.Where((_, i) => i % 2 == 0).ToArray();
        Assert.Equal(
            new[] { BackoffStep.Yield, BackoffStep.Yield, BackoffStep.Yield, BackoffStep.Yield, BackoffStep.Sleep0 },
            gaveAway.Take(5));
        Assert.Equal(BackoffStep.Sleep0, gaveAway[9]);
        Assert.Equal(2, gaveAway.Count(s => s == BackoffStep.Sleep0));
    }

    [Fact]
    public void Each_copy_of_a_schedule_starts_with_its_spin_phase()
    {
        var first = CapacityBackoff.BusySpin;
        Steps(ref first, 25);

        var second = CapacityBackoff.BusySpin;

        Assert.Equal(BackoffStep.Spin, second.Once());
    }

    [Fact]
    public void Yielding_and_busy_spin_rings_back_off_while_blocking_and_sleeping_wait_in_their_strategy()
    {
        Assert.True(CapacityBackoff.For(new YieldingWaitStrategy()).HasValue);
        Assert.True(CapacityBackoff.For(new BusySpinWaitStrategy()).HasValue);
        Assert.False(CapacityBackoff.For(new BlockingWaitStrategy()).HasValue);
        Assert.False(CapacityBackoff.For(new SleepingWaitStrategy()).HasValue);
    }

    private static BackoffStep[] Steps(ref CapacityBackoff backoff, int count)
    {
        var steps = new BackoffStep[count];
        for (int i = 0; i < count; i++)
        {
            steps[i] = backoff.Once();
        }

        return steps;
    }
}
