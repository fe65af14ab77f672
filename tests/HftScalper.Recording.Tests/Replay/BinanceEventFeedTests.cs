using System.Runtime.InteropServices;
using HftScalper.Binance.Feeds;
using HftScalper.Core.Events;
using HftScalper.Core.Feeds;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Journal;
using HftScalper.Simulator;

namespace HftScalper.Recording.Tests.Replay;

/// <summary>
/// The one frames -> events adapter: a frame recording and the event journal converted from it are the same feed,
/// message for message and byte for byte, whether read a message at a time or in bulk.
/// </summary>
public sealed class BinanceEventFeedTests
{
    private static readonly SimulatorOptions Market = SimulatorOptions.Default with { Duration = TimeSpan.FromSeconds(40), Seed = 7 };

    [Theory]
    [InlineData(1000)] // blocks smaller than the 2,000-level snapshot: messages straddle blocks
    [InlineData(4096)]
    public void A_frame_source_and_its_event_journal_yield_identical_messages(int blockEvents)
    {
        using var dir = new TempDir();
        var frameRegistry = new SymbolRegistry();
        List<MarketEvent[]> fromFrames;
        long frames;
        using (var simulator = new MarketSimulatorSource(Market, frameRegistry))
        {
            var feed = new BinanceEventFeed(simulator, frameRegistry, "binance-spot");
            fromFrames = ReadMessages(feed, bulk: false);
            frames = feed.Frames;
            Assert.Equal(0, feed.ParseCounters!.Rejected);
        }
        var convertRegistry = new SymbolRegistry();
        using (var simulator = new MarketSimulatorSource(Market, convertRegistry))
            EventJournalConverter.Convert(new BinanceEventFeed(simulator, convertRegistry, "binance-spot"),
                new JournalWriterOptions { Directory = dir.Path, Symbols = convertRegistry, Log = _ => { } }, blockEvents);

        var journalRegistry = new SymbolRegistry();
        List<MarketEvent[]> fromJournal;
        using (var journal = new EventJournalReader(dir.Path, journalRegistry, _ => { }))
        {
            var feed = new BinanceEventFeed(journal);
            fromJournal = ReadMessages(feed, bulk: false);
            Assert.Equal(0, feed.Frames);
            Assert.Null(feed.ParseCounters);
        }

        Assert.True(frames > 1000, $"{frames} frames");
        Assert.Contains(fromFrames, m => m.Length > 1000); // the snapshot straddles blocks of 1,000
        AssertSameMessages(fromFrames.Where(m => m.Length > 0).ToList(), fromJournal);
        Assert.Equal(frameRegistry.All.Select(s => s.Name), journalRegistry.All.Select(s => s.Name));
    }

    [Fact]
    public void Bulk_reads_of_an_event_journal_end_on_message_boundaries_and_concatenate_to_the_same_stream()
    {
        using var dir = new TempDir();
        var registry = new SymbolRegistry();
        List<MarketEvent[]> messages;
        using (var simulator = new MarketSimulatorSource(Market, registry))
            messages = ReadMessages(new BinanceEventFeed(simulator, registry, "binance-spot"), bulk: false);
        var again = new SymbolRegistry();
        using (var simulator = new MarketSimulatorSource(Market, again))
            EventJournalConverter.Convert(new BinanceEventFeed(simulator, again, "binance-spot"),
                new JournalWriterOptions { Directory = dir.Path, Symbols = again, Log = _ => { } }, blockEvents: 1000);

        using var journal = new EventJournalReader(dir.Path, new SymbolRegistry(), _ => { });
        var feed = new BinanceEventFeed(journal);
        var bulk = ReadMessages(feed, bulk: true);
        Assert.True(bulk.Count < messages.Count / 10, $"{bulk.Count} bulk reads for {messages.Count} messages");
        Assert.All(bulk, b => Assert.True(b[^1].IsLastInMessage, "a bulk read ended inside a message"));
        Assert.Equal(Bytes(messages.Where(m => m.Length > 0).SelectMany(m => m)), Bytes(bulk.SelectMany(m => m)));
        Assert.Equal(messages.Sum(m => m.Length), feed.Events);
    }

    [Fact]
    public void A_message_larger_than_the_buffer_comes_out_whole_and_unflagged_rows_are_messages_of_their_own()
    {
        const int levels = 20_000;
        var events = new List<MarketEvent> { TopOfBook(1), Trade(2) };
        for (int i = 0; i < levels; i++)
            events.Add(new MarketEvent { Kind = MarketEventKind.BookDelta, Price = 1000 + i, Quantity = 1, UpdateId = 5, Flags = i == levels - 1 ? MarketEventFlags.LastInMessage : 0 });
        events.Add(TopOfBook(3));
        events.Add(new MarketEvent { Kind = MarketEventKind.BookDelta, Price = 1, Quantity = 1, UpdateId = 6 }); // truncated: no last flag

        foreach (bool batches in new[] { false, true })
        {
            using (var source = batches ? new ListBatchSource(events) : new ListEventSource(events))
            {
                var feed = new BinanceEventFeed(source);
                var messages = ReadMessages(feed, bulk: false);
                Assert.Equal([1, 1, levels, 1, 1], messages.Select(m => m.Length));
                Assert.Equal(Bytes(events), Bytes(messages.SelectMany(m => m)));
                Assert.Equal(0, feed.SplitMessages);
            }
            using (var source = batches ? new ListBatchSource(events) : new ListEventSource(events))
            {
                // Bulk reads (block copies for the batch source) grow the buffer too and never cut the big message.
                var feed = new BinanceEventFeed(source);
                var chunks = ReadMessages(feed, bulk: true);
                Assert.Contains(chunks, c => c.Length >= levels);
                Assert.Equal(Bytes(events), Bytes(chunks.SelectMany(m => m)));
                Assert.All(chunks.Take(chunks.Count - 1), c => Assert.True(c[^1].IsLastInMessage || c[^1].Kind != MarketEventKind.BookDelta));
            }
        }
    }

    private static MarketEvent TopOfBook(long u) => new() { Kind = MarketEventKind.TopOfBook, Price = 10, Quantity = 1, AskPrice = 11, AskQuantity = 1, UpdateId = u };

    private static MarketEvent Trade(long id) => new() { Kind = MarketEventKind.Trade, Price = 10, Quantity = 1, UpdateId = id };

    private static List<MarketEvent[]> ReadMessages(IMarketEventFeed feed, bool bulk)
    {
        var messages = new List<MarketEvent[]>();
        ReadOnlySpan<MarketEvent> m;
        while (bulk ? feed.TryReadMessages(out m) : feed.TryReadMessage(out m)) messages.Add(m.ToArray());
        return messages;
    }

    // Every field, the unions included: the 64 bytes of each event.
    private static byte[] Bytes(IEnumerable<MarketEvent> events) => MemoryMarshal.AsBytes(events.ToArray().AsSpan()).ToArray();

    private static void AssertSameMessages(List<MarketEvent[]> expected, List<MarketEvent[]> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].Length == actual[i].Length, $"message {i}: {expected[i].Length} events from frames, {actual[i].Length} from the journal");
            Assert.True(Bytes(expected[i]).AsSpan().SequenceEqual(Bytes(actual[i])), $"message {i} differs: {expected[i][0]} vs {actual[i][0]}");
        }
    }

    private class ListEventSource(List<MarketEvent> events) : IMarketEventSource
    {
        protected List<MarketEvent> Events { get; } = events;

        protected int Next { get; set; }

        public string Description => "events in memory";

        public bool TryRead(out MarketEvent ev)
        {
            if (Next >= Events.Count)
            {
                ev = default;
                return false;
            }
            ev = Events[Next++];
            return true;
        }

        public void Dispose() { }
    }

    private sealed class ListBatchSource(List<MarketEvent> events) : ListEventSource(events), IMarketEventBatchSource
    {
        public int ReadBatch(Span<MarketEvent> destination)
        {
            int n = Math.Min(destination.Length, Events.Count - Next);
            CollectionsMarshal.AsSpan(Events).Slice(Next, n).CopyTo(destination);
            Next += n;
            return n;
        }

        // As if read in blocks of 300: the rest of the block the last read reached.
        public int ReadBuffered(Span<MarketEvent> destination)
        {
            int blockEnd = Math.Min(Events.Count, (Next + 299) / 300 * 300);
            int n = Math.Min(destination.Length, blockEnd - Next);
            CollectionsMarshal.AsSpan(Events).Slice(Next, n).CopyTo(destination);
            Next += n;
            return n;
        }
    }
}
