using HftScalper.Features.Kernels;
using HftScalper.Tests.Shared;

namespace HftScalper.Features.Tests;

public sealed class LinearRecursionBankTests
{
    private static (LinearRecursionBank Simd, LinearRecursionBank Scalar) TwinBanks(int lanes, int seed)
    {
        var rng = new Random(seed);
        var simd = new LinearRecursionBank(lanes);
        var scalar = new LinearRecursionBank(lanes);
        for (int i = 0; i < lanes; i++)
        {
            double a = rng.NextDouble(), b = rng.NextDouble(), c = rng.NextDouble() * 1e-6, s0 = rng.NextDouble() * 100;
            simd.Configure(i, a, b, c, s0);
            scalar.Configure(i, a, b, c, s0);
        }
        return (simd, scalar);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(37)]
    [InlineData(64)]
    public void Vector_update_equals_scalar_bit_for_bit_on_long_random_inputs(int lanes)
    {
        var (simd, scalar) = TwinBanks(lanes, seed: lanes);
        var rng = new Random(1000 + lanes);
        var x = new double[simd.Capacity];
        for (int step = 0; step < 20_000; step++)
        {
            for (int i = 0; i < x.Length; i++) x[i] = (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-6, 6));
            simd.Update(x);
            scalar.UpdateScalar(x);
        }
        for (int i = 0; i < lanes; i++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(scalar[i]), BitConverter.DoubleToInt64Bits(simd[i]));
    }

    [Fact]
    public void Broadcast_update_equals_per_lane_update_with_the_same_input()
    {
        var (a, b) = TwinBanks(19, seed: 5);
        var rng = new Random(6);
        var x = new double[a.Capacity];
        for (int step = 0; step < 5_000; step++)
        {
            double v = rng.NextDouble() * 60_000;
            Array.Fill(x, v);
            a.UpdateBroadcast(v);
            b.UpdateScalar(x);
        }
        Assert.Equal(b.State.ToArray(), a.State.ToArray());
    }

    [Fact]
    public void Ema_lane_matches_the_textbook_recursion()
    {
        var bank = new LinearRecursionBank(3);
        bank.ConfigureEma(0, 12, initial: 100);
        bank.ConfigureEma(1, 26, initial: 100);
        bank.ConfigureWilder(2, 14, initial: 100);
        double e12 = 100, e26 = 100, w14 = 100;
        var rng = new Random(7);
        for (int i = 0; i < 1000; i++)
        {
            double p = 100 + rng.NextDouble();
            bank.UpdateBroadcast(p);
            e12 += 2.0 / 13.0 * (p - e12);
            e26 += 2.0 / 27.0 * (p - e26);
            w14 += (p - w14) / 14.0;
        }
        Assert.Equal(e12, bank[0], 1e-9);
        Assert.Equal(e26, bank[1], 1e-9);
        Assert.Equal(w14, bank[2], 1e-9);
    }

    [Fact]
    public void Garch_variance_recursion_is_one_lane()
    {
        // sigma2_t = omega + alpha * r_{t-1}^2 + beta * sigma2_{t-1}
        const double omega = 1e-7, alpha = 0.08, beta = 0.9;
        var bank = new LinearRecursionBank(1);
        bank.Configure(0, a: beta, b: alpha, c: omega, initial: omega / (1 - alpha - beta));
        double sigma2 = omega / (1 - alpha - beta);
        var x = new double[bank.Capacity];
        var rng = new Random(8);
        for (int i = 0; i < 500; i++)
        {
            double r = (rng.NextDouble() - 0.5) * 1e-3;
            x[0] = r * r;
            bank.Update(x);
            sigma2 = beta * sigma2 + alpha * r * r + omega;
        }
        Assert.Equal(sigma2, bank[0]);
    }

    [Fact]
    public void Padding_lanes_stay_zero_whatever_the_inputs()
    {
        var bank = new LinearRecursionBank(3);
        for (int i = 0; i < 3; i++) bank.ConfigureEma(i, 10);
        var x = new double[bank.Capacity];
        Array.Fill(x, 42.0);
        for (int i = 0; i < 10; i++) bank.Update(x);
        Assert.Equal(8, bank.Capacity);
        Assert.Equal(3, bank.State.Length);
        Assert.All(bank.State.ToArray(), v => Assert.True(v > 0));
    }

    [Fact]
    public void Rejects_an_input_span_shorter_than_the_padded_capacity()
    {
        var bank = new LinearRecursionBank(9);
        Assert.Throws<ArgumentException>(() => bank.Update(new double[9]));
    }

    [Fact]
    public void Updates_allocate_nothing()
    {
        var bank = new LinearRecursionBank(48);
        for (int i = 0; i < 48; i++) bank.ConfigureEma(i, i + 2);
        var x = new double[bank.Capacity];
        bank.Update(x);
        bank.UpdateBroadcast(1);
        Assert.Equal(0, SteadyStateAllocation.FewestBytes(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                x[i % x.Length] = i;
                bank.Update(x);
                bank.UpdateBroadcast(i);
            }
        }));
    }
}
