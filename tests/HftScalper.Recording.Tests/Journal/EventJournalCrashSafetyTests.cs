using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Journal;
using static HftScalper.Recording.Tests.Journal.EventJournalTestData;

namespace HftScalper.Recording.Tests.Journal;

/// <summary>The event journal shares the frame journal's record framing and recovery: a torn or corrupt tail loses
/// at most the damaged blocks, detected on open exactly as for frames.</summary>
public sealed class EventJournalCrashSafetyTests
{
    private const int Count = 30;
    private const int Block = 3;
    private const int Blocks = Count / Block;

    [Fact]
    public void Cutting_the_file_at_every_byte_of_the_last_blocks_returns_the_complete_blocks_before()
    {
        using var dir = new TempDir();
        var events = Make(Count);
        string segment = Write(dir.Path, events, Registry(), Block);
        byte[] bytes = File.ReadAllBytes(segment);
        long[] ends = BlockEnds(segment, Count, Block);
        string cutPath = dir.File("cut.hftj");

        for (long cut = ends[Blocks - 3]; cut <= bytes.Length; cut++)
        {
            File.WriteAllBytes(cutPath, bytes.AsSpan(0, (int)cut).ToArray());
            int complete = ends.Count(e => e <= cut);
            var logs = new List<string>();

            using var reader = new EventJournalReader([cutPath], new SymbolRegistry(), logs.Add, bufferSize: 4096);
            var back = ReadAll(reader);

            AssertSame(events.AsSpan(0, complete * Block), back);
            bool torn = cut != ends[complete - 1];
            Assert.Equal(torn ? 1 : 0, reader.JournalStats.TornTails);
            Assert.Equal(torn ? 1 : 0, logs.Count);
            Assert.Equal(cut - ends[complete - 1], reader.JournalStats.DiscardedBytes);
        }
    }

    [Fact]
    public void Flipping_any_bit_of_a_block_loses_only_that_block()
    {
        using var dir = new TempDir();
        var events = Make(Count);
        string segment = Write(dir.Path, events, Registry(), Block);
        byte[] bytes = File.ReadAllBytes(segment);
        long[] ends = BlockEnds(segment, Count, Block);
        string flipPath = dir.File("flip.hftj");

        // A block in the middle (resynced at the next) and the last ones (a damaged tail).
        foreach (int blockIndex in new[] { 4, Blocks - 2, Blocks - 1 })
        {
            long blockStart = ends[blockIndex - 1];
            foreach (var damaged in BitFlips.InRecord(bytes, blockStart, ends[blockIndex]))
            {
                File.WriteAllBytes(flipPath, damaged);

                using var reader = new EventJournalReader([flipPath], new SymbolRegistry(), _ => { }, bufferSize: 4096);
                var back = ReadAll(reader);

                AssertSame([.. events.AsSpan(0, blockIndex * Block), .. events.AsSpan((blockIndex + 1) * Block)], back);
                Assert.Equal(1, reader.JournalStats.CorruptRecords + reader.JournalStats.TornTails);
                Assert.Equal(ends[blockIndex] - blockStart, reader.JournalStats.DiscardedBytes);
            }
        }
    }

    [Fact]
    public void Writer_reopened_after_a_crash_repairs_the_torn_block_then_appends_after_the_good_ones()
    {
        using var dir = new TempDir();
        var registry = Registry();
        var before = Make(Count);
        var after = Make(7, seed: 2, startNs: before[^1].LocalTimeNs + 1);
        string segment = Write(dir.Path, before, registry, Block);
        long[] ends = BlockEnds(segment, Count, Block);
        using (var f = new FileStream(segment, FileMode.Open)) f.SetLength(ends[^2] + 100); // kill -9 inside the last block
        var logs = new List<string>();

        using (var w = new EventJournalWriter(new JournalWriterOptions { Directory = dir.Path, Symbols = registry, Log = logs.Add }, Block))
        {
            Assert.Equal(1, w.Stats.TornTails);
            w.Append(after);
        }
        using var reader = new EventJournalReader(dir.Path, new SymbolRegistry(), _ => { });

        Assert.Single(logs);
        Assert.Equal(ends[^2], new FileInfo(segment).Length);
        AssertSame([.. before.AsSpan(0, Count - Block), .. after], ReadAll(reader));
        Assert.Equal(0, reader.JournalStats.TornTails);
    }

    [Fact]
    public void Recovery_scan_counts_blocks_and_cuts_a_zero_filled_tail()
    {
        using var dir = new TempDir();
        string segment = Write(dir.Path, Make(Count), Registry(), Block);
        long good = new FileInfo(segment).Length;
        using (var f = new FileStream(segment, FileMode.Append)) f.Write(new byte[MarketEvent.Size * 5]);

        var scan = JournalRecovery.Repair(segment, null, _ => { });

        Assert.Equal(SegmentStatus.Corrupt, scan.Status);
        Assert.Equal(Blocks, scan.Records);
        Assert.Equal(good, new FileInfo(segment).Length);
    }
}
