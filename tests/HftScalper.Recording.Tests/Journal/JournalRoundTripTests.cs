using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Journal;

namespace HftScalper.Recording.Tests.Journal;

public sealed class JournalRoundTripTests
{
    [Fact]
    public void Replays_exactly_the_frames_written()
    {
        using var dir = new TempDir();
        var frames = JournalTestFrames.Make(500);
        JournalTestFrames.WriteSegment(dir.Path, frames);

        using var reader = new JournalReader(dir.Path, _ => { });
        var back = JournalTestFrames.ReadAll(reader);

        Assert.Equal(frames, back);
        Assert.Equal(500, reader.Stats.Records);
        Assert.Equal(0, reader.Stats.TornTails + reader.Stats.CorruptRecords + reader.Stats.BadHeaders);
    }

    [Fact]
    public void Rolls_segments_by_size_and_replays_them_as_one_stream()
    {
        using var dir = new TempDir();
        var frames = JournalTestFrames.Make(400);
        JournalTestFrames.WriteSegment(dir.Path, frames,
            new JournalWriterOptions { Directory = dir.Path, SegmentMaxBytes = 8192, BufferSize = 4096, Log = _ => { } });

        var segments = JournalDirectory.ListSegments(dir.Path);
        using var reader = new JournalReader(dir.Path, _ => { });

        Assert.True(segments.Count > 5, $"expected several segments, got {segments.Count}");
        Assert.All(segments, s => Assert.True(new FileInfo(s).Length <= 8192));
        Assert.Equal(frames, JournalTestFrames.ReadAll(reader));
        Assert.Equal(segments.Count, reader.Stats.Segments);
    }

    [Fact]
    public void Rolls_segments_when_record_time_passes_the_duration()
    {
        using var dir = new TempDir();
        var frames = JournalTestFrames.Make(100); // 1 ms apart: 10 ms per segment gives 10 segments
        JournalTestFrames.WriteSegment(dir.Path, frames,
            new JournalWriterOptions { Directory = dir.Path, SegmentMaxDurationNs = 10_000_000, Log = _ => { } });

        var segments = JournalDirectory.ListSegments(dir.Path);
        using var reader = new JournalReader(dir.Path, _ => { });

        Assert.Equal(10, segments.Count);
        Assert.Equal(frames, JournalTestFrames.ReadAll(reader));
    }

    [Fact]
    public void Segment_header_carries_venue_host_symbols_and_start_time()
    {
        using var dir = new TempDir();
        var registry = new SymbolRegistry();
        registry.Register("BTCUSDT", "binance-spot", 2, 5);
        registry.Register("ETHUSDT", "binance-spot", 2, 4);
        var frames = JournalTestFrames.Make(3);
        JournalTestFrames.WriteSegment(dir.Path, frames, new JournalWriterOptions
        {
            Directory = dir.Path, Venue = "binance-usdm", Host = "colo-1", Symbols = registry, Log = _ => { },
        });

        using var reader = new JournalReader(dir.Path, _ => { });
        Assert.True(reader.TryRead(out _));
        var h = reader.CurrentHeader!;

        Assert.Equal(JournalFormat.FormatVersion, h.FormatVersion);
        Assert.Equal("binance-usdm", h.Venue);
        Assert.Equal("colo-1", h.Host);
        Assert.Equal(frames[0].LocalTimeNs, h.StartTimeNs);
        Assert.Equal(0, h.SegmentIndex);
        Assert.Equal([new JournalSymbol(0, "BTCUSDT", "binance-spot", 2, 5), new JournalSymbol(1, "ETHUSDT", "binance-spot", 2, 4)], h.Symbols);
    }

    [Fact]
    public void Records_larger_than_both_buffers_round_trip()
    {
        using var dir = new TempDir();
        var big = new OwnedFrame(5, FrameOrigin.RestSnapshot, 0, 0, "{\"lastUpdateId\":1,\"bids\":[" + new string('1', 300_000) + "]}");
        var frames = new List<OwnedFrame> { JournalTestFrames.Make(1)[0], big, JournalTestFrames.Make(2)[1] };
        JournalTestFrames.WriteSegment(dir.Path, frames, new JournalWriterOptions { Directory = dir.Path, BufferSize = 4096, Log = _ => { } });

        using var reader = new JournalReader([dir.Path], _ => { }, bufferSize: 4096);

        Assert.Equal(frames, JournalTestFrames.ReadAll(reader));
    }

    [Fact]
    public void Reopening_a_journal_continues_with_a_new_segment_after_the_last()
    {
        using var dir = new TempDir();
        var first = JournalTestFrames.Make(20, seed: 1);
        var second = JournalTestFrames.Make(20, seed: 2, startNs: first[^1].LocalTimeNs + 1);
        JournalTestFrames.WriteSegment(dir.Path, first);
        JournalTestFrames.WriteSegment(dir.Path, second);

        var segments = JournalDirectory.ListSegments(dir.Path);
        using var reader = new JournalReader(dir.Path, _ => { });

        Assert.Equal([0, 1], segments.Select(JournalDirectory.SegmentIndexOf));
        Assert.Equal(first.Concat(second), JournalTestFrames.ReadAll(reader));
    }

    [Fact]
    public void Every_flush_mode_persists_every_record_on_dispose()
    {
        foreach (var mode in Enum.GetValues<JournalFlushMode>())
        {
            using var dir = new TempDir();
            var frames = JournalTestFrames.Make(50);
            using (var w = new JournalWriter(new JournalWriterOptions { Directory = dir.Path, FlushMode = mode, Log = _ => { } }))
            {
                for (int i = 0; i < frames.Count; i++)
                {
                    w.Append(frames[i].ToRaw());
                    if (i % 7 == 6) w.EndOfBatch();
                }
            }
            using var reader = new JournalReader(dir.Path, _ => { });
            Assert.Equal(frames, JournalTestFrames.ReadAll(reader));
        }
    }

    [Fact]
    public void End_of_batch_flush_makes_records_visible_to_a_concurrent_reader()
    {
        using var dir = new TempDir();
        var frames = JournalTestFrames.Make(10);
        using var w = new JournalWriter(new JournalWriterOptions { Directory = dir.Path, FlushMode = JournalFlushMode.EndOfBatch, Log = _ => { } });
        foreach (var f in frames) w.Append(f.ToRaw());
        w.EndOfBatch();

        using var reader = new JournalReader(dir.Path, _ => { });

        Assert.Equal(frames, JournalTestFrames.ReadAll(reader));
    }

    [Fact]
    public void Missing_path_is_a_clear_error()
    {
        Assert.Throws<FileNotFoundException>(() => new JournalReader("/nonexistent/journal-000000.hftj"));
    }
}
