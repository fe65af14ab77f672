using System.Text;
using HftScalper.Binance.Live;
using HftScalper.Core.Events;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.Tests.LiveFeed;

/// <summary>The live feed's queue: whole messages in arrival order, a full queue blocks the receive loop (counted)
/// instead of dropping, reconnects arrive as status events, and a stop ends the reads after what was queued.</summary>
public sealed class LiveEventFeedTests
{
    private static RawFrame Ticker(long updateId) => new(0, FrameOrigin.WebSocket, 0, 0, Encoding.ASCII.GetBytes(
        $"{{\"stream\":\"btcusdt@bookTicker\",\"data\":{{\"u\":{updateId},\"s\":\"BTCUSDT\",\"b\":\"61737.63\",\"B\":\"1.5\",\"a\":\"61737.64\",\"A\":\"2.0\"}}}}"));

    private static (LiveEventFeed Feed, SymbolRegistry Registry) NewFeed(int capacity, CancellationToken cancel = default)
    {
        var registry = new SymbolRegistry();
        registry.Register("BTCUSDT", "binance-spot", priceDecimals: 2, quantityDecimals: 8);
        return (new LiveEventFeed(registry, BinanceMarket.Spot, "test", cancel, capacity), registry);
    }

    [Fact]
    public void A_full_queue_blocks_the_receive_loop_and_loses_no_message()
    {
        // A safety stop: a feed that dropped messages would leave the reader waiting for them forever.
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var (feed, _) = NewFeed(capacity: 2, safety.Token);
        using var _f = feed;
        const int n = 50;
        var producer = new Thread(() => { for (int i = 1; i <= n; i++) feed.OnMessage(Ticker(i), 0); });
        producer.Start();
        Thread.Sleep(200); // the producer fills the two slots and waits
        Assert.True(feed.ProducerWaits >= 1, $"waits {feed.ProducerWaits}");
        var ids = new List<long>();
        while (ids.Count < n && feed.TryReadMessage(out var message))
            foreach (var e in message)
                if (e.Kind == MarketEventKind.TopOfBook) ids.Add(e.UpdateId);
        producer.Join();
        Assert.Equal(Enumerable.Range(1, n).Select(i => (long)i), ids);
        Assert.Equal(n, feed.Frames);
    }

    [Fact]
    public void A_reconnect_is_a_status_event_in_the_stream()
    {
        var (feed, _) = NewFeed(capacity: 8);
        using var _f = feed;
        feed.OnReconnect(0);
        Assert.True(feed.TryReadMessage(out var message));
        Assert.Equal(MarketEventKind.Status, message[0].Kind);
        Assert.Equal((long)FeedStatus.Reconnected, message[0].UpdateId);
        Assert.Equal(1, feed.Reconnects);
    }

    [Fact]
    public async Task Cancelling_drains_what_is_queued_then_reads_false_instead_of_blocking()
    {
        using var cts = new CancellationTokenSource();
        var (feed, _) = NewFeed(capacity: 8, cts.Token);
        using var _f = feed;
        feed.OnMessage(Ticker(1), 0);
        var reader = Task.Run(() =>
        {
            int messages = 0;
            while (feed.TryReadMessage(out _)) messages++;
            return messages;
        });
        await Task.Delay(300);
        Assert.False(reader.IsCompleted); // blocked waiting for the next live message
        await cts.CancelAsync();
        Assert.Equal(1, await reader.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
