using System.Security.Cryptography;
using HftScalper.Simulator.Statistics;

namespace HftScalper.Simulator.Tests;

/// <summary>The simulator's mid-run regime change (<c>hft simulate --switch-at M</c>): the imbalance edge reverses.</summary>
public sealed class RegimeChangeTests
{
    private static readonly TimeSpan Change = TimeSpan.FromMinutes(3);

    // One 6-minute run with a change at minute 3, measured in two halves by local time (the 1 s hit rate of the
    // bookTicker imbalance reads bookTickers only, so the second half needs no snapshot).
    private static (MarketStatisticsReport Before, MarketStatisticsReport After) Halves(ulong seed)
    {
        var options = SimulatorOptions.For("btcusdt", TimeSpan.FromMinutes(6), seed) with { RegimeChangeAt = Change };
        using var source = new MarketSimulatorSource(options);
        long changeNs = options.StartEpochNs + (long)Change.TotalNanoseconds;
        var before = new MarketStatistics();
        var after = new MarketStatistics();
        while (source.TryRead(out var frame)) (frame.LocalTimeNs < changeNs ? before : after).Add(frame.LocalTimeNs, frame.Payload);
        return (before.Report(), after.Report());
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void Imbalance_edge_reverses_at_the_regime_change(ulong seed)
    {
        var (before, after) = Halves(seed);

        // Before: the thicker queue's side wins the next second's move well above chance; after: below it (the sign flips).
        Assert.True(before.ImbalanceSamples1s > 300 && after.ImbalanceSamples1s > 300, $"samples {before.ImbalanceSamples1s} / {after.ImbalanceSamples1s}");
        Assert.True(before.ImbalanceHitRate1s > 0.6, $"hit rate before the change {before.ImbalanceHitRate1s:P1}");
        // (measured: seed 1 73 % -> 44 %, seed 2 -> 46 %; 50 % is no edge)
        Assert.True(after.ImbalanceHitRate1s < 0.48, $"hit rate after the change {after.ImbalanceHitRate1s:P1}");
        // And the market is busier and more volatile after it.
        Assert.True(after.TradeRate > before.TradeRate * 1.2, $"trades/s {before.TradeRate:F1} -> {after.TradeRate:F1}");
    }

    [Fact]
    public void A_run_with_a_change_is_deterministic_and_differs_from_one_without()
    {
        static byte[] Generate(TimeSpan? change)
        {
            var options = SimulatorOptions.For("btcusdt", TimeSpan.FromMinutes(1), 5) with { RegimeChangeAt = change };
            using var source = new MarketSimulatorSource(options);
            using var ms = new MemoryStream();
            RawLineFile.WriteAll(source, ms);
            return ms.ToArray();
        }

        var a = Generate(TimeSpan.FromSeconds(30));
        var b = Generate(TimeSpan.FromSeconds(30));
        var plain = Generate(null);
        var late = Generate(TimeSpan.FromMinutes(5)); // after the end: never happens

        Assert.Equal(SHA256.HashData(a), SHA256.HashData(b));
        Assert.NotEqual(SHA256.HashData(a), SHA256.HashData(plain));
        Assert.Equal(SHA256.HashData(plain), SHA256.HashData(late));
    }
}
