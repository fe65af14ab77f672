using HftScalper.Binance.Feeds;
using HftScalper.Core.Events;
using HftScalper.Core.Feeds;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Journal;
using static HftScalper.Recording.Tests.Journal.EventJournalTestData;

namespace HftScalper.Recording.Tests.Journal;

/// <summary>
/// Buffered reads (<see cref="IMarketEventBatchSource.ReadBuffered"/>) hand out the rest of the journal block already
/// read in, in bulk, and never read further: a feed read a message at a time meets a segment's symbols exactly when
/// it reaches the segment's first event, as it did event by event.
/// </summary>
public sealed class EventJournalBufferedReadTests
{
    [Fact]
    public void A_buffered_read_returns_the_rest_of_the_current_block_and_never_opens_the_next_segment()
    {
        using var dir = new TempDir();
        var (first, second) = WriteTwoSegments(dir.Path);
        var registry = new SymbolRegistry();
        using var reader = new EventJournalReader(dir.Path, registry, _ => { });
        var chunk = new MarketEvent[3]; // smaller than a block of 4: some blocks take two buffered reads
        var read = new List<MarketEvent>();
        var symbolsSeen = new List<int>();

        Assert.Equal(0, reader.ReadBuffered(chunk)); // nothing read in yet
        Assert.Empty(registry.All);
        while (reader.TryRead(out var e))
        {
            read.Add(e);
            symbolsSeen.Add(registry.All.Count);
            for (int n; (n = reader.ReadBuffered(chunk)) > 0;)
            {
                read.AddRange(chunk.AsSpan(0, n).ToArray());
                symbolsSeen.AddRange(Enumerable.Repeat(registry.All.Count, n));
            }
        }

        AssertSame([.. first, .. second], read);
        // ETHUSDT arrives with the second segment's header: never while events of the first are still handed out.
        Assert.All(symbolsSeen.Take(first.Length), c => Assert.Equal(1, c));
        Assert.All(symbolsSeen.Skip(first.Length), c => Assert.Equal(2, c));
        Assert.Equal(first.Length + second.Length, reader.Stats.Events);
    }

    [Fact]
    public void A_feed_read_a_message_at_a_time_registers_a_segments_symbols_only_when_it_reaches_the_segment()
    {
        using var dir = new TempDir();
        var (first, second) = WriteTwoSegments(dir.Path);
        var registry = new SymbolRegistry();
        using var reader = new EventJournalReader(dir.Path, registry, _ => { });
        var feed = new BinanceEventFeed(reader);
        var read = new List<MarketEvent>();

        while (feed.TryReadMessage(out var message))
        {
            if (read.Count + message.Length <= first.Length) Assert.Single(registry.All);
            read.AddRange(message.ToArray());
        }

        AssertSame([.. first, .. second], read);
        Assert.Equal(2, registry.All.Count);
    }

    // 40 events of BTCUSDT in blocks of 4, then a second segment (ETHUSDT registered mid-stream) of 40 more. The rows
    // are whole messages of their own (top of book and trades), so a message never straddles the two segments.
    private static (MarketEvent[] First, MarketEvent[] Second) WriteTwoSegments(string dir)
    {
        var registry = Registry(1);
        var first = Messages(Make(40, symbols: 1));
        var second = Messages(Make(40, seed: 2, symbols: 2, startNs: first[^1].LocalTimeNs + 1));
        using var w = new EventJournalWriter(new JournalWriterOptions { Directory = dir, Symbols = registry, Log = _ => { } }, 4);
        w.Append(first);
        w.Flush();
        registry.Register("ETHUSDT", "binance-spot", 3, 7);
        w.Append(second);
        return (first, second);
    }

    private static MarketEvent[] Messages(MarketEvent[] events)
    {
        for (int i = 0; i < events.Length; i++) events[i].Kind = i % 2 == 0 ? MarketEventKind.TopOfBook : MarketEventKind.Trade;
        return events;
    }
}
