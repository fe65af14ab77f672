using HftScalper.Core.Symbols;
using HftScalper.Recording.Journal;
using static HftScalper.Recording.Tests.Journal.EventJournalTestData;

namespace HftScalper.Recording.Tests.Journal;

/// <summary>Disks flip bits in the middle of files too: a damaged record costs that record, not the rest of its
/// segment. The reader scans forward to the next record whose framing and CRC check out, counts what it skipped
/// and goes on.</summary>
public sealed class JournalResyncTests
{
    private const int Count = 40;

    [Fact]
    public void A_flipped_bit_in_the_middle_of_a_segment_loses_only_the_damaged_record()
    {
        using var dir = new TempDir();
        var frames = JournalTestFrames.Make(Count);
        string segment = JournalTestFrames.WriteSegment(dir.Path, frames);
        long[] ends = JournalTestFrames.RecordEnds(segment, frames);
        byte[] bytes = File.ReadAllBytes(segment);
        bytes[(ends[19] + ends[20]) / 2] ^= 0x08; // inside record 20's payload
        File.WriteAllBytes(segment, bytes);
        var logs = new List<string>();

        using var reader = new JournalReader([segment], logs.Add, bufferSize: 4096);
        var back = JournalTestFrames.ReadAll(reader);

        Assert.Equal(frames.Where((_, i) => i != 20), back);
        Assert.Equal(1, reader.Stats.CorruptRecords);
        Assert.Equal(ends[20] - ends[19], reader.Stats.DiscardedBytes);
        Assert.Equal(0, reader.Stats.TornTails);
        Assert.Contains(logs, l => l.Contains("damaged record", StringComparison.Ordinal) && l.Contains($"offset {ends[19]}", StringComparison.Ordinal));
    }


    [Fact]
    public void Damage_across_several_records_is_skipped_as_one_span_and_reading_resumes_after_it()
    {
        using var dir = new TempDir();
        var frames = JournalTestFrames.Make(Count);
        string segment = JournalTestFrames.WriteSegment(dir.Path, frames);
        long[] ends = JournalTestFrames.RecordEnds(segment, frames);
        byte[] bytes = File.ReadAllBytes(segment);
        // A bad sector: from inside record 10 to inside record 13 the bytes are garbage.
        var rng = new Random(5);
        for (long i = ends[9] + 3; i < ends[12] + 40; i++) bytes[i] = (byte)rng.Next(256);
        File.WriteAllBytes(segment, bytes);

        using var reader = new JournalReader([segment], _ => { }, bufferSize: 4096);
        var back = JournalTestFrames.ReadAll(reader);

        Assert.Equal(frames.Where((_, i) => i is < 10 or > 13), back);
        Assert.Equal(1, reader.Stats.CorruptRecords);
        Assert.Equal(ends[13] - ends[9], reader.Stats.DiscardedBytes);
    }

    [Fact]
    public void Each_damaged_spot_of_a_segment_is_counted_and_every_good_record_between_them_is_read()
    {
        using var dir = new TempDir();
        var frames = JournalTestFrames.Make(Count);
        string segment = JournalTestFrames.WriteSegment(dir.Path, frames);
        long[] ends = JournalTestFrames.RecordEnds(segment, frames);
        byte[] bytes = File.ReadAllBytes(segment);
        int[] victims = [3, 4, 21, 39];
        foreach (int v in victims) bytes[ends[v] - 2] ^= 0x40;
        File.WriteAllBytes(segment, bytes);

        using var reader = new JournalReader([segment], _ => { }, bufferSize: 4096);
        var back = JournalTestFrames.ReadAll(reader);

        Assert.Equal(frames.Where((_, i) => !victims.Contains(i)), back);
        Assert.Equal(3, reader.Stats.CorruptRecords); // 3 and 4 are one span; 39 is the corrupt tail, counted once too
        Assert.Equal(victims.Sum(v => ends[v] - ends[v - 1]), reader.Stats.DiscardedBytes);
    }


    [Fact]
    public void Repair_leaves_a_damaged_span_between_good_records_in_place_and_cuts_only_the_torn_tail()
    {
        using var dir = new TempDir();
        var frames = JournalTestFrames.Make(Count);
        string segment = JournalTestFrames.WriteSegment(dir.Path, frames);
        long[] ends = JournalTestFrames.RecordEnds(segment, frames);
        byte[] bytes = File.ReadAllBytes(segment);
        bytes[ends[10] - 1] ^= 0x01;
        File.WriteAllBytes(segment, bytes.AsSpan(0, (int)ends[^1] - 7).ToArray()); // and a torn last record
        var logs = new List<string>();

        var scan = JournalRecovery.Repair(segment, new JournalStats(), logs.Add);

        Assert.Equal(SegmentStatus.Torn, scan.Status);
        Assert.Equal(1, scan.DamagedSpans);
        Assert.Equal(ends[10] - ends[9], scan.SkippedBytes);
        Assert.Equal(ends[^2], new FileInfo(segment).Length);
        Assert.Equal(2, logs.Count);
        using var reader = new JournalReader(segment, _ => { });
        Assert.Equal(frames.Take(Count - 1).Where((_, i) => i != 10), JournalTestFrames.ReadAll(reader));
    }

    [Fact]
    public void A_frame_payload_can_never_hold_a_false_sync_marker()
    {
        // 0xF7 is not a byte of any UTF-8 text, so resync in a journal of JSON frames only ever lands on real records.
        Assert.Equal(0xF7, JournalFormat.SyncMarker[0]);
        for (int c = 0; c <= 0x10FFFF; c += 97)
        {
            if (c is >= 0xD800 and <= 0xDFFF) continue;
            Assert.DoesNotContain((byte)0xF7, System.Text.Encoding.UTF8.GetBytes(char.ConvertFromUtf32(c)));
        }
    }

    [Fact]
    public void A_damaged_segment_header_costs_no_record_the_segment_is_read_under_a_sibling_header()
    {
        using var dir = new TempDir();
        var frames = JournalTestFrames.Make(400);
        var registry = Registry(2);
        JournalTestFrames.WriteSegment(dir.Path, frames,
            new JournalWriterOptions { Directory = dir.Path, Symbols = registry, SegmentMaxBytes = 8192, Log = _ => { } });
        string damaged = JournalDirectory.ListSegments(dir.Path)[2];
        byte[] bytes = File.ReadAllBytes(damaged);
        bytes[JournalFormat.FilePreambleSize + 9] ^= 0x10; // inside the MessagePack header
        File.WriteAllBytes(damaged, bytes);
        var logs = new List<string>();
        var replay = new SymbolRegistry();

        using var reader = new JournalReader([dir.Path], logs.Add, registry: replay);

        Assert.Equal(frames, JournalTestFrames.ReadAll(reader));
        Assert.Equal(1, reader.Stats.BadHeaders);
        Assert.Equal(registry.All, replay.All);
        Assert.Contains(logs, l => l.Contains("header checksum mismatch; reading its records under the header of segment 3", StringComparison.Ordinal));
    }

    [Fact]
    public void A_damaged_header_on_the_first_event_segment_is_replaced_by_the_next_segments()
    {
        using var dir = new TempDir();
        var events = Make(300, symbols: 2);
        var registry = Registry(2);
        using (var w = new EventJournalWriter(new JournalWriterOptions { Directory = dir.Path, Symbols = registry, SegmentMaxBytes = 4096, Log = _ => { } }, 10))
            w.Append(events);
        string first = JournalDirectory.ListSegments(dir.Path)[0];
        byte[] bytes = File.ReadAllBytes(first);
        bytes[JournalFormat.FilePreambleSize + 30] ^= 0x01;
        File.WriteAllBytes(first, bytes);
        var replay = new SymbolRegistry();

        using var reader = new EventJournalReader([dir.Path], replay, _ => { });

        AssertSame(events, ReadAll(reader));
        Assert.Equal(1, reader.JournalStats.BadHeaders);
        Assert.Equal(registry.All, replay.All);
    }
}
