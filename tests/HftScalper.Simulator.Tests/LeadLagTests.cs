using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using HftScalper.Simulator.Model;

namespace HftScalper.Simulator.Tests;

/// <summary>
/// The opt-in lead-lag coupling (<c>hft simulate --lead-lag LEADER</c>): without it the simulated symbols are
/// independent; with it the follower's mid follows the leader's delayed move, and the leader's own stream is unchanged.
/// </summary>
public sealed class LeadLagTests
{
    private static SimulatorOptions Two(ulong seed, LeadLagCoupling? lead, double minutes = 10) =>
        SimulatorOptions.For("btcusdt,ethusdt", TimeSpan.FromMinutes(minutes), seed) with { LeadLag = lead };

    private static (string Leader, string Follower) Digests(SimulatorOptions o)
    {
        using var source = new MarketSimulatorSource(o);
        using var leader = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var follower = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        while (source.TryRead(out var f))
            (f.Payload.Span.IndexOf("BTCUSDT"u8) >= 0 || f.Payload.Span.IndexOf("btcusdt"u8) >= 0 ? leader : follower).AppendData(f.Payload.Span);
        return (Convert.ToHexString(leader.GetHashAndReset()), Convert.ToHexString(follower.GetHashAndReset()));
    }

    // Bid + ask of each symbol (from bookTickers) at the end of every 250 ms interval.
    private static (double[] Leader, double[] Follower) Mids(SimulatorOptions o)
    {
        const long step = 250_000_000;
        int n = (int)(o.Duration.Ticks * 100 / step);
        var mids = new[] { new double[n], new double[n] };
        var last = new double[2];
        int filled = 0;
        using var source = new MarketSimulatorSource(o);
        while (source.TryRead(out var f))
        {
            int k = (int)((f.LocalTimeNs - o.StartEpochNs) / step);
            for (; filled < Math.Min(k, n); filled++) { mids[0][filled] = last[0]; mids[1][filled] = last[1]; }
            using var doc = JsonDocument.Parse(f.Payload);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("stream", out var s) || !s.GetString()!.EndsWith("@bookTicker", StringComparison.Ordinal)) continue;
            var d = doc.RootElement.GetProperty("data");
            last[d.GetProperty("s").GetString() == "BTCUSDT" ? 0 : 1] = double.Parse(d.GetProperty("b").GetString()!, CultureInfo.InvariantCulture) + double.Parse(d.GetProperty("a").GetString()!, CultureInfo.InvariantCulture);
        }
        return (mids[0], mids[1]);
    }

    // Correlation of the follower's next-second move with the leader's move over the second before (log returns).
    private static double LeadCorrelation(SimulatorOptions o)
    {
        var (l, f) = Mids(o);
        var x = new List<double>();
        var y = new List<double>();
        for (int k = 8; k + 4 < l.Length; k++)
        {
            if (l[k - 4] <= 0 || f[k] <= 0) continue;
            x.Add(Math.Log(l[k] / l[k - 4]));
            y.Add(Math.Log(f[k + 4] / f[k]));
        }
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Count; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my); }
        return sxy / Math.Sqrt(sxx * syy);
    }

    [Fact]
    public void The_leaders_stream_is_unchanged_the_followers_follows_it_and_both_are_deterministic()
    {
        var off = Digests(Two(5, null, 2));
        var on = Digests(Two(5, new LeadLagCoupling("BTCUSDT"), 2));
        var again = Digests(Two(5, new LeadLagCoupling("BTCUSDT"), 2));

        Assert.Equal(off.Leader, on.Leader);
        Assert.NotEqual(off.Follower, on.Follower);
        Assert.Equal(on, again);
    }

    [Fact]
    public void Without_coupling_the_symbols_are_independent_with_it_the_follower_moves_after_the_leader()
    {
        double independent = LeadCorrelation(Two(1, null));
        double weak = LeadCorrelation(Two(1, new LeadLagCoupling("BTCUSDT")));
        double strong = LeadCorrelation(Two(1, new LeadLagCoupling("BTCUSDT") { Strength = 0.8 }));

        // (measured: independent ~0.01, default strength 0.3 ~0.07, 0.8 ~0.2)
        Assert.True(Math.Abs(independent) < 0.04, $"independent symbols: lead correlation {independent:F3}");
        Assert.True(weak > independent + 0.03, $"coupled at the default strength: lead correlation {weak:F3} (independent {independent:F3})");
        Assert.True(strong > 0.15 && strong > weak, $"coupled at strength 0.8: lead correlation {strong:F3} (default {weak:F3})");
    }

    [Fact]
    public void An_unknown_leader_or_an_out_of_range_strength_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new MarketSimulatorSource(Two(1, new LeadLagCoupling("SOLUSDT"), 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MarketSimulatorSource(Two(1, new LeadLagCoupling("BTCUSDT") { Strength = 1.5 }, 1)));
    }
}
