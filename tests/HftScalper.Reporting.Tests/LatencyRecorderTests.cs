using HftScalper.Tests.Shared;

namespace HftScalper.Reporting.Tests;

public sealed class LatencyRecorderTests
{
    private static LatencyRecorder OneToThousand()
    {
        var recorder = new LatencyRecorder("test");
        for (long v = 1; v <= 1000; v++) recorder.Record(v);
        return recorder;
    }

    [Fact]
    public void Samples_anywhere_in_the_range_land_in_mapped_pages_without_page_faults()
    {
        if (!PageFaults.Available) return;
        // A huge range makes the count array larger than any other test's arrays (MBs), so the GC takes fresh pages.
        const long highest = 1L << 50;
        var warm = new LatencyRecorder("warm", highest);
        warm.Record(1); // compiles Record before counting
        var recorder = new LatencyRecorder("test", highest);

        long before = PageFaults.MinorOnThisThread();
        for (long v = 1; v < highest; v = v * 9 / 8 + 1) recorder.Record(v); // every bucket: every page of the counts
        long faults = PageFaults.MinorOnThisThread() - before;

        Assert.True(faults < 8, $"{faults} page faults recording across a fresh recorder's range");
    }

    [Fact]
    public void Percentiles_of_1_to_1000_ns_are_exact()
    {
        var recorder = OneToThousand();

        var s = recorder.Summarize();

        Assert.Equal(1000, s.Count);
        Assert.Equal(500, s.P50);
        Assert.Equal(990, s.P99);
        Assert.Equal(999, s.P999);
        Assert.Equal(1, s.Min);
        Assert.Equal(1000, s.Max);
        Assert.Equal(500.5, s.Mean, 9);
        Assert.Equal(1000, recorder.ValueAtPercentile(100));
    }

    [Fact]
    public void Large_values_keep_three_significant_digits_and_never_exceed_the_max()
    {
        var recorder = new LatencyRecorder("test");
        recorder.Record(123_456);
        recorder.Record(1_000_000);

        Assert.InRange(recorder.ValueAtPercentile(50), 123_456, 123_456 * 1.001);
        Assert.Equal(1_000_000, recorder.ValueAtPercentile(100));
        Assert.Equal(1_000_000, recorder.MaxNs);
    }

    [Fact]
    public void Negative_and_out_of_range_samples_are_clamped_and_counted()
    {
        var recorder = new LatencyRecorder("test", highestTrackableNs: 1_000_000);

        recorder.Record(-5);
        recorder.Record(5_000_000);
        recorder.Record(10);

        Assert.Equal(3, recorder.Count);
        Assert.Equal(2, recorder.Clamped);
        Assert.Equal(0, recorder.MinNs);
        Assert.Equal(1_000_000, recorder.MaxNs);
    }

    [Fact]
    public void Log_bins_split_decades_in_ten_and_hold_every_sample()
    {
        var recorder = OneToThousand();

        var bins = recorder.LogBins(10);

        Assert.Equal(1000, bins.Sum(b => b.Count));
        Assert.Equal(1.0, bins[0].LowerNs, 9);
        // [10^2, 10^2.1) = [100, 125.89): the 26 values 100..125.
        Assert.Equal(100.0, bins[20].LowerNs, 6);
        Assert.Equal(26, bins[20].Count);
        for (int i = 1; i < bins.Length; i++) Assert.Equal(bins[i - 1].UpperNs, bins[i].LowerNs, 9);
    }

    [Fact]
    public void Empty_recorder_reports_zeros_and_no_bins()
    {
        var recorder = new LatencyRecorder("empty");

        Assert.Equal(new LatencySummary(0, 0, 0, 0, 0, 0, 0), recorder.Summarize());
        Assert.Empty(recorder.LogBins());
    }

    [Fact]
    public void Reset_forgets_samples()
    {
        var recorder = OneToThousand();

        recorder.Reset();
        recorder.Record(42);

        Assert.Equal(1, recorder.Count);
        Assert.Equal(42, recorder.ValueAtPercentile(50));
        Assert.Equal(42, recorder.MinNs);
    }
}
