using HftScalper.Recording.Journal;

namespace HftScalper.Recording.Tests.Journal;

/// <summary>A crash can leave any prefix of the last writes on disk, and disks flip bits: whatever is left,
/// the reader returns exactly the records that were completely and correctly written, all but the damaged one.</summary>
public sealed class JournalCrashSafetyTests
{
    private const int Count = 40;
    private const int DamagedTail = 2; // records at the end whose every byte is cut or flipped

    [Fact]
    public void Cutting_the_file_at_every_byte_of_the_last_records_returns_the_complete_prefix()
    {
        using var dir = new TempDir();
        var frames = JournalTestFrames.Make(Count);
        string segment = JournalTestFrames.WriteSegment(dir.Path, frames);
        byte[] bytes = File.ReadAllBytes(segment);
        long[] ends = JournalTestFrames.RecordEnds(segment, frames);
        string cutPath = dir.File("cut.hftj");

        for (long cut = ends[Count - DamagedTail - 1]; cut <= bytes.Length; cut++)
        {
            File.WriteAllBytes(cutPath, bytes.AsSpan(0, (int)cut).ToArray());
            int complete = ends.Count(e => e <= cut);
            var logs = new List<string>();

            using var reader = new JournalReader([cutPath], logs.Add, bufferSize: 4096);
            var back = JournalTestFrames.ReadAll(reader);

            Assert.Equal(frames.Take(complete), back);
            bool torn = cut != ends[complete - 1];
            Assert.Equal(torn ? 1 : 0, reader.Stats.TornTails);
            Assert.Equal(torn ? 1 : 0, logs.Count);
            Assert.Equal(cut - ends[complete - 1], reader.Stats.DiscardedBytes);
        }
    }

    [Fact]
    public void Flipping_any_bit_of_a_record_loses_only_that_record()
    {
        using var dir = new TempDir();
        var frames = JournalTestFrames.Make(Count);
        string segment = JournalTestFrames.WriteSegment(dir.Path, frames);
        byte[] bytes = File.ReadAllBytes(segment);
        long[] ends = JournalTestFrames.RecordEnds(segment, frames);
        string flipPath = dir.File("flip.hftj");

        // The first record, two in the middle (each resynced at the next), and the last ones (a damaged tail).
        foreach (int recordIndex in new[] { 0, 17, 18, Count - 2, Count - 1 })
        {
            long recordStart = recordIndex == 0
                ? ends[0] - JournalFormat.RecordSize(System.Text.Encoding.UTF8.GetByteCount(frames[0].Payload))
                : ends[recordIndex - 1];
            foreach (var damaged in BitFlips.InRecord(bytes, recordStart, ends[recordIndex]))
            {
                File.WriteAllBytes(flipPath, damaged);

                using var reader = new JournalReader([flipPath], _ => { }, bufferSize: 4096);
                var back = JournalTestFrames.ReadAll(reader);

                Assert.Equal(frames.Where((_, i) => i != recordIndex), back);
                Assert.Equal(1, reader.Stats.CorruptRecords + reader.Stats.TornTails);
                Assert.Equal(ends[recordIndex] - recordStart, reader.Stats.DiscardedBytes);
            }
        }
    }

    [Fact]
    public void Repair_truncates_a_torn_tail_to_the_last_good_record_and_keeps_everything_before()
    {
        using var dir = new TempDir();
        var frames = JournalTestFrames.Make(Count);
        string segment = JournalTestFrames.WriteSegment(dir.Path, frames);
        long[] ends = JournalTestFrames.RecordEnds(segment, frames);
        using (var f = new FileStream(segment, FileMode.Open)) f.SetLength(ends[^1] - 5); // kill -9 mid-record
        var stats = new JournalStats();
        var logs = new List<string>();

        var scan = JournalRecovery.Repair(segment, stats, logs.Add);

        Assert.Equal(SegmentStatus.Torn, scan.Status);
        Assert.Equal(ends[^2], new FileInfo(segment).Length);
        Assert.Equal(1, stats.TornTails);
        Assert.Single(logs);
        Assert.Contains("truncated", logs[0]);
        Assert.Equal(SegmentStatus.End, JournalRecovery.Scan(segment).Status);
        using var reader = new JournalReader(segment, _ => { });
        Assert.Equal(frames.Take(Count - 1), JournalTestFrames.ReadAll(reader));
    }

    [Fact]
    public void Repair_cuts_at_a_corrupt_record_and_a_zero_filled_tail()
    {
        using var dir = new TempDir();
        var frames = JournalTestFrames.Make(Count);
        string segment = JournalTestFrames.WriteSegment(dir.Path, frames);
        long[] ends = JournalTestFrames.RecordEnds(segment, frames);
        // Disk full / preallocation: the last record's bytes became zeros, and more zeros follow.
        var bytes = File.ReadAllBytes(segment).AsSpan(0, (int)ends[^2]).ToArray().Concat(new byte[4096]).ToArray();
        File.WriteAllBytes(segment, bytes);
        var stats = new JournalStats();

        var scan = JournalRecovery.Repair(segment, stats, _ => { });

        Assert.Equal(SegmentStatus.Corrupt, scan.Status);
        Assert.Equal(Count - 1, scan.Records);
        Assert.Equal(ends[^2], new FileInfo(segment).Length);
        Assert.Equal(4096, stats.DiscardedBytes);
    }

    [Fact]
    public void Writer_reopened_after_a_crash_repairs_then_appends_so_replay_is_prefix_then_new_records()
    {
        using var dir = new TempDir();
        var before = JournalTestFrames.Make(Count, seed: 1);
        var after = JournalTestFrames.Make(5, seed: 2, startNs: before[^1].LocalTimeNs + 1);
        string segment = JournalTestFrames.WriteSegment(dir.Path, before);
        long[] ends = JournalTestFrames.RecordEnds(segment, before);
        using (var f = new FileStream(segment, FileMode.Open)) f.SetLength(ends[^3] + 11);
        var logs = new List<string>();

        using (var w = new JournalWriter(new JournalWriterOptions { Directory = dir.Path, Log = logs.Add }))
        {
            Assert.Equal(1, w.Stats.TornTails);
            foreach (var fr in after) w.Append(fr.ToRaw());
        }
        using var reader = new JournalReader(dir.Path, _ => { });

        Assert.Single(logs);
        Assert.Equal(before.Take(Count - 2).Concat(after), JournalTestFrames.ReadAll(reader));
        Assert.Equal(0, reader.Stats.TornTails);
    }

    [Fact]
    public void Segment_whose_header_was_torn_at_creation_is_removed_by_repair_and_skipped_by_the_reader()
    {
        using var dir = new TempDir();
        var frames = JournalTestFrames.Make(3);
        string segment = JournalTestFrames.WriteSegment(dir.Path, frames);
        byte[] bytes = File.ReadAllBytes(segment);
        string torn = Path.Combine(dir.Path, JournalDirectory.SegmentFileName(1, 0));
        for (int cut = 0; cut < JournalFormat.FilePreambleSize + 10; cut++)
        {
            File.WriteAllBytes(torn, bytes.AsSpan(0, cut).ToArray());
            using (var reader = new JournalReader(dir.Path, _ => { }))
            {
                Assert.Equal(frames, JournalTestFrames.ReadAll(reader));
                Assert.Equal(1, reader.Stats.BadHeaders);
            }
            JournalRecovery.Repair(torn, null, _ => { });
            Assert.False(File.Exists(torn));
        }
    }

    [Fact]
    public void A_file_that_is_not_a_journal_is_reported_and_left_alone()
    {
        using var dir = new TempDir();
        string path = dir.File("journal-000000-x.hftj");
        File.WriteAllText(path, "1723161255000000000 {\"stream\":\"btcusdt@trade\"}\n");
        var logs = new List<string>();

        var scan = JournalRecovery.Repair(path, null, logs.Add);

        Assert.Equal(SegmentStatus.BadHeader, scan.Status);
        Assert.True(File.Exists(path));
        Assert.Contains("bad magic", logs[0]);
    }
}
