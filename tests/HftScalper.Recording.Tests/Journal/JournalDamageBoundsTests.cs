using HftScalper.Recording.Journal;

namespace HftScalper.Recording.Tests.Journal;

/// <summary>Damage costs the reader no more memory than the file holds, and a segment it skips whole is counted to its
/// last byte (issue #13: every byte parsed or counted as skipped).</summary>
public sealed class JournalDamageBoundsTests
{
    [Fact]
    public void A_flipped_high_bit_in_a_length_field_does_not_make_the_reader_allocate_the_claimed_size()
    {
        using var dir = new TempDir();
        var frames = JournalTestFrames.Make(10);
        string segment = JournalTestFrames.WriteSegment(dir.Path, frames);
        long[] ends = JournalTestFrames.RecordEnds(segment, frames);
        byte[] bytes = File.ReadAllBytes(segment);
        bytes[ends[8] + 3] ^= 0x02; // record 9's length now claims 32 MB more than the file holds
        File.WriteAllBytes(segment, bytes);

        long before = GC.GetAllocatedBytesForCurrentThread();
        using var reader = new JournalReader([segment], _ => { }, bufferSize: 4096);
        var back = JournalTestFrames.ReadAll(reader);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(frames.Take(9), back);
        Assert.Equal(1, reader.Stats.TornTails + reader.Stats.CorruptRecords);
        Assert.Equal(bytes.Length - ends[8], reader.Stats.DiscardedBytes);
        Assert.True(allocated < 1 << 20, $"{allocated} bytes allocated reading a {bytes.Length}-byte segment");
    }

    [Fact]
    public void A_segment_skipped_for_its_bad_header_counts_all_its_bytes_as_discarded()
    {
        using var dir = new TempDir();
        var frames = JournalTestFrames.Make(5);
        string segment = JournalTestFrames.WriteSegment(dir.Path, frames);
        byte[] bytes = File.ReadAllBytes(segment);
        bytes[0] ^= 0xFF; // bad magic: not a journal segment
        File.WriteAllBytes(segment, bytes);
        var logs = new List<string>();

        using var reader = new JournalReader([segment], logs.Add);
        Assert.Empty(JournalTestFrames.ReadAll(reader));

        Assert.Equal(1, reader.Stats.BadHeaders);
        Assert.Equal(bytes.Length, reader.Stats.DiscardedBytes);
        Assert.Contains(logs, l => l.Contains($"({bytes.Length} bytes)", StringComparison.Ordinal));
    }
}
