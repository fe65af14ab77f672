using HftScalper.Binance.Sync;
using HftScalper.Core.Events;
using HftScalper.Recording.Journal;
using static HftScalper.Recording.Tests.Journal.EventJournalTestData;

namespace HftScalper.Recording.Tests.Journal;

/// <summary>
/// Blocks of an event journal split exchange messages anywhere. Damage between two good blocks must not let the book
/// sync take the events after it as the rest of the message cut before it (applied without an update-id check: a book
/// silently wrong, no gap counted).
/// </summary>
public sealed class EventJournalSeamTests
{
    private const int Levels = 3; // events per depth message
    private const int Block = 4;  // events per block: messages straddle blocks

    // A snapshot (one level) at update id 100, then depth messages of three levels chaining 101, 102, ...
    private static MarketEvent[] Chain(int messages)
    {
        var events = new List<MarketEvent>
        {
            new() { Kind = MarketEventKind.SnapshotLevel, Side = Side.Bid, Price = 1_000, Quantity = 5, UpdateId = 100, LocalTimeNs = 1,
                Flags = MarketEventFlags.SnapshotStart | MarketEventFlags.LastInMessage },
        };
        for (int m = 0; m < messages; m++)
        {
            for (int l = 0; l < Levels; l++)
            {
                events.Add(new MarketEvent
                {
                    Kind = MarketEventKind.BookDelta, Side = Side.Ask, Price = 2_000 + (m * 10) + l, Quantity = 1,
                    FirstUpdateId = 101 + m, UpdateId = 101 + m, LocalTimeNs = 2 + m,
                    Flags = l == Levels - 1 ? MarketEventFlags.LastInMessage : MarketEventFlags.None,
                });
            }
        }
        return [.. events];
    }

    [Fact]
    public void A_depth_message_cut_by_a_damaged_block_resyncs_the_book_instead_of_chaining_across_the_damage()
    {
        using var dir = new TempDir();
        var events = Chain(messages: 10); // 31 events: blocks [0..3] [4..7] [8..11] ...; message m is events 1+3m..3+3m
        string segment = Write(dir.Path, events, Registry(1), Block);
        long[] ends = BlockEnds(segment, events.Length, Block);
        byte[] bytes = File.ReadAllBytes(segment);
        bytes[(int)ends[1] + 40] ^= 0x10; // block 2 (events 8..11): message 2 (events 7..9) is cut after its first level
        File.WriteAllBytes(segment, bytes);
        var logs = new List<string>();

        using var reader = new EventJournalReader([segment], Registry(1), logs.Add, bufferSize: 4096);
        using var sync = new BookSynchronizer();
        var read = ReadAll(reader);
        foreach (var e in read) sync.OnEvent(in e);

        Assert.Equal(1, reader.JournalStats.CorruptRecords);
        // The half-applied message's book is discarded: a resync, and the book waits for a snapshot (none comes).
        Assert.Equal(1, sync.Counters.Resyncs);
        Assert.NotEqual(BookSyncState.Synced, sync.GetState(0));
        Assert.Single(read, e => e.Kind == MarketEventKind.Status && e.UpdateId == (long)FeedStatus.Gap && e.SymbolId == 0);
        // Event 12, first after the damage, may be the rest of a message whose start was lost (here: message 3's last
        // level): dropped to the end of that message, and counted as skipped bytes.
        Assert.DoesNotContain(read, e => e.Kind == MarketEventKind.BookDelta && e.UpdateId == 104);
        Assert.Equal(ends[2] - ends[1] + MarketEvent.Size, reader.JournalStats.DiscardedBytes);
        Assert.Contains(logs, l => l.Contains("damage cut a depth message", StringComparison.Ordinal));
    }

    [Fact]
    public void An_undamaged_journal_is_read_back_exactly()
    {
        using var dir = new TempDir();
        var events = Chain(messages: 10);
        string segment = Write(dir.Path, events, Registry(1), Block);

        using var reader = new EventJournalReader([segment], Registry(1), _ => Assert.Fail("no damage to report"), bufferSize: 4096);
        AssertSame(events, ReadAll(reader));
    }
}
