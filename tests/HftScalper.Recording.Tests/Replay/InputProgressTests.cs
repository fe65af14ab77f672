using HftScalper.Core.Feeds;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Replay;
using HftScalper.Simulator;
using HftScalper.Simulator.Statistics;

namespace HftScalper.Recording.Tests.Replay;

/// <summary>The share of the input read, the total of replay's progress (issue #20: the total was never known).</summary>
public sealed class InputProgressTests
{
    private static string Recording(TempDir dir, string name)
    {
        var path = dir.File(name);
        using var source = new MarketSimulatorSource(SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(2) });
        using var stream = RawLineFile.Create(path);
        RawLineFile.WriteAll(source, stream);
        return path;
    }

    [Theory]
    [InlineData("rec.txt")]
    [InlineData("rec.gz")]
    public void Reading_a_recording_moves_the_share_read_from_part_way_to_all_of_it(string name)
    {
        using var dir = new TempDir();
        var path = Recording(dir, name);
        var meter = InputProgress.ForPaths([path]);
        Assert.Equal(new FileInfo(path).Length, meter.TotalBytes);
        var previous = InputProgress.Current;
        InputProgress.Current = meter;
        try
        {
            using var source = ReplaySourceFactory.Open(new SymbolRegistry(), path);
            long frames = 0;
            double? early = null;
            while (source.Frames!.TryRead(out _))
                if (++frames == 200) early = meter.Fraction; // the format probe read the start: it must not count as all of it
            Assert.NotNull(early);
            Assert.InRange(early!.Value, 0, 0.9);
            Assert.Equal(1.0, meter.Fraction!.Value, 3);
        }
        finally
        {
            InputProgress.Current = previous;
        }
    }

    [Fact]
    public void The_simulator_reports_the_share_of_its_duration_generated()
    {
        var meter = new InputProgress();
        var previous = InputProgress.Current;
        InputProgress.Current = meter;
        try
        {
            using var source = new MarketSimulatorSource(SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(2) });
            Assert.Equal(0, meter.Fraction);
            for (int i = 0; i < 100; i++) Assert.True(source.TryRead(out _));
            Assert.InRange(meter.Fraction!.Value, 0, 0.5);
            while (source.TryRead(out _)) { }
            Assert.Equal(1.0, meter.Fraction!.Value, 2);
        }
        finally
        {
            InputProgress.Current = previous;
        }
    }

    [Fact]
    public void Nothing_registered_and_no_size_means_unknown()
    {
        Assert.Null(new InputProgress().Fraction);
    }
}
