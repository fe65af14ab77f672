using HftScalper.Features.Kernels;
using HftScalper.Tests.Shared;

namespace HftScalper.Features.Tests;

public sealed class DecayedSumBankTests
{
    [Fact]
    public void Matches_a_direct_exponential_decay_on_an_irregular_clock()
    {
        double[] windows = [1.0, 10.0, 1.0, 60.0];
        var bank = new DecayedSumBank(windows);
        var reference = new double[windows.Length];
        var rng = new Random(21);
        long t = 1_700_000_000_000_000_000L, last = t;
        for (int i = 0; i < 50_000; i++)
        {
            t += rng.Next(0, 3) == 0 ? 0 : rng.Next(1, 500_000_000);
            double dt = (t - last) / 1e9;
            last = t;
            for (int lane = 0; lane < windows.Length; lane++)
            {
                double x = rng.NextDouble() < 0.5 ? 0 : rng.NextDouble() * 3;
                bank.Input(lane) = x;
                reference[lane] = Math.Exp(-dt / windows[lane]) * reference[lane] + x;
            }
            bank.Step(t);
        }
        for (int lane = 0; lane < windows.Length; lane++) Assert.Equal(reference[lane], bank[lane], 1e-9 * Math.Max(1, reference[lane]));
    }

    [Fact]
    public void A_count_lane_turns_sums_into_decayed_means_and_late_timestamps_do_not_grow_sums()
    {
        var bank = new DecayedSumBank([5.0, 5.0]); // lane 0: value sum, lane 1: count
        for (int i = 0; i < 1000; i++)
        {
            bank.Input(0) = 7;
            bank.Input(1) = 1;
            bank.Step(i * 100_000_000L);
        }
        Assert.Equal(7, bank[0] / bank[1], 12);
        double before = bank[1];
        bank.Step(1_000L); // far in the past
        Assert.Equal(before, bank[1]);
    }

    [Fact]
    public void Stepping_allocates_nothing()
    {
        var bank = new DecayedSumBank([1.0, 10.0, 60.0]);
        bank.Step(0);
        Assert.Equal(0, SteadyStateAllocation.FewestBytes(() =>
        {
            for (int i = 1; i < 10_000; i++) { bank.Input(i % 3) = i; bank.Step(i * 1_000_000L * (i % 7)); }
        }));
    }
}
