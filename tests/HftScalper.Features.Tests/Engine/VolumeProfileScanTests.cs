using HftScalper.Features.Technical;
using Xunit;

namespace HftScalper.Features.Tests.Engine;

/// <summary>The point of control kept up to date trade by trade, and the vectorised scan, give the scalar definition's
/// answer on every profile and centre.</summary>
public class VolumeProfileScanTests
{
    [Fact]
    public void Vector_scan_equals_the_scalar_scan_on_random_profiles_with_ties_and_far_buckets()
    {
        var rng = new Random(11);
        int compared = 0, found = 0;
        for (int round = 0; round < 300; round++)
        {
            var profile = new VolumeProfile(tauSeconds: rng.Next(2) == 0 ? 30 : 0.5);
            int trades = rng.Next(0, 200);
            long t = 0;
            for (int i = 0; i < trades; i++)
            {
                // Wide spreads fill all 64 slots and evict keys; equal quantities at one time give exact ties between buckets.
                long price = 1_000_000 + 200L * rng.Next(-90, 90);
                double q = rng.Next(4) == 0 ? 5 : rng.Next(1, 50) * 0.25;
                if (rng.Next(3) == 0) t += rng.NextInt64(0, 3_000_000_000);
                profile.Add(price, q, t, bucketBps: 2);
            }
            for (int c = 0; c < 40; c++)
            {
                long center = 5000 + rng.Next(-120, 120);
                long expected = profile.ScanScalar(center);
                Assert.Equal(expected, profile.ScanVector(center));
                compared++;
                if (expected != long.MinValue) found++;
            }
        }
        Assert.True(found > compared / 2, $"only {found} of {compared} centres had a point of control");
    }

    [Fact]
    public void Vector_scan_breaks_a_tie_at_the_lowest_key_and_ignores_buckets_beyond_32()
    {
        var profile = new VolumeProfile(tauSeconds: 30);
        // Width 1 unit (p0 = 1000, 10 bps): keys are prices. Equal volumes at 1020 and 1010: the lower key wins.
        profile.Add(1000, 1, 0, 10);
        profile.Add(1020, 3, 0, 10);
        profile.Add(1010, 3, 0, 10);
        profile.Add(1060, 9, 0, 10); // the largest, but 33 buckets from 1027
        Assert.Equal(1010, profile.ScanScalar(1027));
        Assert.Equal(1010, profile.ScanVector(1027));
        Assert.Equal(1060, profile.ScanVector(1028)); // 32 away: in range
        Assert.Equal(long.MinValue, profile.ScanVector(2000));
        Assert.Equal(long.MinValue, new VolumeProfile(30).ScanVector(0)); // no trade yet: every slot unused
    }

    [Fact]
    public void Vector_scan_matches_at_extreme_centres_where_the_distance_wraps()
    {
        var profile = new VolumeProfile(tauSeconds: 30);
        profile.Add(1000, 2, 0, 10);
        foreach (long center in new[] { long.MaxValue, long.MinValue + 1, long.MinValue + 40, long.MaxValue - 31 })
            Assert.Equal(profile.ScanScalar(center), profile.ScanVector(center));
    }

    [Fact]
    public void Answer_updated_trade_by_trade_equals_a_full_scan_through_evictions_rescales_and_ties()
    {
        var rng = new Random(29);
        int updatedInPlace = 0;
        for (int round = 0; round < 60; round++)
        {
            // tau 0.2 s with gaps up to 12 s: rescales; prices over ~150 buckets: slots evicted, the answer's among them.
            var profile = new VolumeProfile(tauSeconds: rng.Next(2) == 0 ? 0.2 : 30);
            long t = 0;
            double mid = 1_000_000;
            profile.Add(1_000_000, 1, t, bucketBps: 2); // p0: keys are floor(p / 1e6 * 5000)
            for (int i = 0; i < 600; i++)
            {
                if (rng.Next(4) == 0) t += rng.NextInt64(0, 12_000_000_000);
                long price = 1_000_000 + 200L * (rng.Next(3) == 0 ? rng.Next(-75, 75) : rng.Next(-3, 4));
                profile.Add(price, rng.Next(3) == 0 ? 2 : rng.Next(1, 30) * 0.5, t, bucketBps: 2);
                if (rng.Next(10) == 0) mid = 1_000_000 + 200 * rng.Next(-40, 40);
                long center = (long)Math.Floor(mid / 1_000_000 * 5000); // the key of mid
                bool before = profile.CachedFor(center);
                long expected = profile.ScanScalar(center);
                Assert.Equal(expected != long.MinValue, profile.TryGetPointOfControl(mid, out double poc));
                if (expected != long.MinValue) Assert.Equal((expected + 0.5) / 5000 * 1_000_000, poc);
                if (before) updatedInPlace++;
            }
        }
        Assert.True(updatedInPlace > 10_000, $"the in-place update answered only {updatedInPlace} times");
    }
}
