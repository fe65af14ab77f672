using HftScalper.Core.Events;
using HftScalper.Recording.Replay;
using HftScalper.Recording.Tests.Journal;

namespace HftScalper.Recording.Tests.Replay;

public sealed class ReplayPacerTests
{
    [Theory]
    [InlineData(1_000, 1_000, 0, 1.0, 0)]                 // the anchor itself
    [InlineData(1_000, 11_000, 0, 1.0, 10_000)]           // 10 us later, nothing elapsed
    [InlineData(1_000, 11_000, 4_000, 1.0, 6_000)]        // part of it elapsed
    [InlineData(1_000, 11_000, 4_000, 2.0, 1_000)]        // twice as fast: due after 5 us
    [InlineData(1_000, 11_000, 20_000, 1.0, 0)]           // already late
    [InlineData(1_000, 500, 0, 1.0, 0)]                   // clock went back: release at once
    public void Delay_is_the_recorded_offset_over_speed_minus_elapsed(long anchor, long recorded, long elapsed, double speed, long expected)
    {
        Assert.Equal(expected, ReplayPacer.DelayNs(anchor, recorded, elapsed, speed));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Speed_must_be_positive_and_finite(double speed)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayPacer(speed));
    }

    [Fact]
    public void Paced_sources_pass_every_record_through_unchanged()
    {
        using var dir = new TempDir();
        var frames = JournalTestFrames.Make(20); // 1 ms apart: 19 ms of recording at 100x = well under a second
        JournalTestFrames.WriteSegment(dir.Path, frames);

        using var paced = new PacedFrameSource(new HftScalper.Recording.Journal.JournalReader(dir.Path, _ => { }), 100);

        Assert.Equal(frames, JournalTestFrames.ReadAll(paced));
        Assert.Contains("100x", paced.Description);
    }

    [Fact]
    public void Digest_is_stable_and_sensitive_to_any_field_and_order()
    {
        var a = new MarketEvent { Kind = MarketEventKind.Trade, Price = 100, Quantity = 5, UpdateId = 1 };
        var b = a;
        b.Quantity = 6;

        ulong D(params MarketEvent[] evs)
        {
            var d = new MarketEventDigest();
            foreach (var e in evs) d.Add(e);
            return d.Value;
        }
        var batch = new MarketEventDigest();
        batch.Add(new[] { a, b });

        Assert.Equal(D(a, b), D(a, b));
        Assert.Equal(D(a, b), batch.Value);
        Assert.NotEqual(D(a, b), D(b, a));
        Assert.NotEqual(D(a, a), D(a, b));
    }
}
