using HftScalper.Features.Engine;
using HftScalper.Native;
using HftScalper.Tests.Shared;

namespace HftScalper.Features.Tests.Engine;

/// <summary>The depth message's two impact walks per side in one pass (<see cref="ImpactWalk.Distances"/>) against
/// two <see cref="ImpactWalk.Distance"/> walks, bit for bit (issue #18: the features' part of a depth message).</summary>
public sealed class ImpactWalkTests
{
    private static readonly double[] Edge = [0, -1, double.NaN, double.PositiveInfinity, 1e-300, 0.5];

    [Fact]
    public void OneWalkGivesBothDistancesBitForBit()
    {
        var rng = new Random(18);
        var levels = new BookLevel[64];
        for (int round = 0; round < 20_000; round++)
        {
            int n = rng.Next(0, levels.Length + 1);
            long price = 1_000_000 + rng.Next(0, 1000);
            int direction = rng.Next(2) == 0 ? 1 : -1;
            for (int i = 0; i < n; i++)
            {
                price += direction * rng.Next(1, 50);
                levels[i] = new BookLevel(price, rng.Next(8) == 0 ? 0 : rng.Next(1, 5_000));
            }
            var span = levels.AsSpan(0, n);
            double total = 0;
            foreach (var l in span) total += l.Quantity;
            // Quantities inside the first level, exactly a prefix's sum, beyond the whole side, and the edges.
            double small = Pick(rng, total, span), large = Pick(rng, total, span);
            ImpactWalk.Distances(span, small, large, out double ds, out double dl, out bool pl);
            double ws = ImpactWalk.Distance(span, small, out _);
            double wl = ImpactWalk.Distance(span, large, out bool wpl);
            Assert.Equal(BitConverter.DoubleToInt64Bits(ws), BitConverter.DoubleToInt64Bits(ds));
            Assert.Equal(BitConverter.DoubleToInt64Bits(wl), BitConverter.DoubleToInt64Bits(dl));
            Assert.Equal(wpl, pl);
        }
    }

    private static double Pick(Random rng, double total, ReadOnlySpan<BookLevel> levels) => rng.Next(6) switch
    {
        0 => Edge[rng.Next(Edge.Length)],
        1 => levels.IsEmpty ? 1 : levels[..rng.Next(1, levels.Length + 1)].ToArray().Sum(l => (double)l.Quantity),
        2 => total * (1 + rng.NextDouble()),
        _ => rng.NextDouble() * total * 0.5,
    };

    [Fact]
    public void OneWalkAllocatesNothing()
    {
        var levels = new BookLevel[64];
        for (int i = 0; i < levels.Length; i++) levels[i] = new BookLevel(1_000_000 - i, 10 + i);
        double sink = 0;
        long bytes = SteadyStateAllocation.FewestBytes(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                ImpactWalk.Distances(levels, 5 + i % 7, 300 + i, out double s, out double l, out bool p);
                sink += s + l + (p ? 1 : 0);
            }
        });
        Assert.Equal(0, bytes);
        Assert.True(sink > 0);
    }
}
