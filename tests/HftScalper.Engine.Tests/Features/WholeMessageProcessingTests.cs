using HftScalper.Binance.Sync;
using HftScalper.Core.Events;
using HftScalper.Core.Feeds;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Features;
using HftScalper.Native;
using HftScalper.Recording.Replay;
using HftScalper.Simulator;
using HftScalper.Tests.Shared;

namespace HftScalper.Engine.Tests.Features;

/// <summary>
/// A depth message taken whole (<see cref="BookFeatureProcessor.OnDepthMessage"/>: one native call for its levels, its
/// levels before the last folded once) against the same message event by event (<see cref="BookFeatureProcessor.OnEvent"/>,
/// one native call per level): after every message both books hold the same levels, both synchronizers the same state
/// and counters, and every decision the same row (bit for bit) and facts. On the simulator (depth messages of 17-256
/// levels spread over a 2,000-level book), with staleness on (books turning stale between messages), and on the real
/// BTCUSDT recording.
/// </summary>
public sealed class WholeMessageProcessingTests
{
    [Fact]
    public void Whole_depth_messages_give_the_books_rows_and_decisions_of_event_by_event_on_the_simulator()
    {
        var registry = new SymbolRegistry();
        var options = new SimulatorOptions { Duration = TimeSpan.FromMinutes(4), Seed = 7 };
        using var source = new ReplaySource(ReplayFormat.Unknown, new MarketSimulatorSource(options, registry));
        int whole = Compare(registry, source.Feed(registry, "binance-spot"), new BookSyncOptions());
        Assert.True(whole > 1_000, $"only {whole} messages took the whole-message path");
    }

    [Fact]
    public void Whole_depth_messages_match_event_by_event_when_books_turn_stale_between_messages()
    {
        var registry = new SymbolRegistry();
        var options = new SimulatorOptions { Duration = TimeSpan.FromMinutes(2), Seed = 3 };
        using var source = new ReplaySource(ReplayFormat.Unknown, new MarketSimulatorSource(options, registry));
        // Depth messages come every 100 ms: a 50 ms staleness bound marks books stale between them, so levels inside a
        // message see a stale book (no book columns) and the last one a synced book again.
        var sync = new BookSyncOptions { StaleAfterNs = 50_000_000 };
        int whole = Compare(registry, source.Feed(registry, "binance-spot"), sync, expectStale: true);
        Assert.True(whole > 100, $"only {whole} messages took the whole-message path");
    }

    [RequiresDataFact]
    public void Whole_depth_messages_give_the_books_rows_and_decisions_of_event_by_event_on_the_real_recording()
    {
        var registry = new SymbolRegistry();
        using var source = ReplaySourceFactory.Open(registry, [TestData.BinanceSpotBtcusdt[0]], _ => { });
        int whole = Compare(registry, source.Feed(registry, "binance-spot"), new BookSyncOptions());
        Assert.True(whole > 100, $"only {whole} messages took the whole-message path");
    }

    // Runs both processors over the feed; returns how many multi-level depth messages chained onto a synced or stale
    // book (those the whole-message path applies in one call).
    private static int Compare(SymbolRegistry registry, IMarketEventFeed feed, BookSyncOptions sync, bool expectStale = false)
    {
        using var byEvent = new BookFeatureProcessor(registry, sync);
        using var byMessage = new BookFeatureProcessor(registry, sync);
        int width = byEvent.Features.Width;
        var rowA = new float[width];
        var rowB = new float[width];
        var levelsA = new BookLevel[20_000];
        var levelsB = new BookLevel[20_000];
        int whole = 0, decisions = 0, staleBefore = 0;
        long messageIndex = 0;
        while (feed.TryReadMessage(out var message))
        {
            messageIndex++;
            for (int start = 0; start < message.Length;)
            {
                int end = DepthRunEnd(message, start);
                if (end > start)
                {
                    var run = message[start..(end + 1)];
                    int sym = run[0].SymbolId;
                    var state = byMessage.Sync.GetState(sym);
                    if (state is BookSyncState.Synced or BookSyncState.Stale) whole++;
                    if (state == BookSyncState.Stale) staleBefore++;
                    for (int i = 0; i < run.Length - 1; i++) Assert.False(byEvent.OnEvent(in run[i], rowA, out _));
                    bool a = byEvent.OnEvent(in run[^1], rowA, out var infoA);
                    bool b = byMessage.OnDepthMessage(run, rowB, out var infoB);
                    AssertSameDecision(a, b, infoA, infoB, rowA, rowB, messageIndex);
                    if (a) decisions++;
                    AssertSameBook(byEvent.Sync, byMessage.Sync, sym, levelsA, levelsB, messageIndex);
                    start = end + 1;
                }
                else
                {
                    bool a = byEvent.OnEvent(in message[start], rowA, out var infoA);
                    bool b = byMessage.OnEvent(in message[start], rowB, out var infoB);
                    AssertSameDecision(a, b, infoA, infoB, rowA, rowB, messageIndex);
                    if (a) decisions++;
                    start++;
                }
            }
        }
        Assert.True(decisions > 100, $"{decisions} decisions");
        Assert.Equal(Counters(byEvent.Sync), Counters(byMessage.Sync));
        if (expectStale) Assert.True(staleBefore > 10, $"{staleBefore} messages met a stale book");
        return whole;
    }

    // The last index of a depth message of two or more levels of one symbol starting at start, or start when there is none.
    private static int DepthRunEnd(ReadOnlySpan<MarketEvent> events, int start)
    {
        ref readonly var first = ref events[start];
        if (first.Kind != MarketEventKind.BookDelta || first.IsLastInMessage) return start;
        for (int i = start + 1; i < events.Length; i++)
        {
            if (events[i].Kind != MarketEventKind.BookDelta || events[i].SymbolId != first.SymbolId) return start;
            if (events[i].IsLastInMessage) return i;
        }
        return start;
    }

    private static void AssertSameDecision(bool a, bool b, in DecisionInfo infoA, in DecisionInfo infoB, float[] rowA, float[] rowB, long message)
    {
        Assert.True(a == b, $"message {message}: decision {a} event by event, {b} whole");
        if (!a) return;
        Assert.Equal(infoA, infoB);
        for (int c = 0; c < rowA.Length; c++)
            Assert.True(BitConverter.SingleToInt32Bits(rowA[c]) == BitConverter.SingleToInt32Bits(rowB[c]),
                $"message {message}: column {c} is {rowA[c]} event by event, {rowB[c]} whole");
    }

    private static void AssertSameBook(BookSynchronizer a, BookSynchronizer b, int sym, BookLevel[] la, BookLevel[] lb, long message)
    {
        Assert.Equal(a.GetState(sym), b.GetState(sym));
        Assert.Equal(a.GetBookUpdateId(sym), b.GetBookUpdateId(sym));
        if (a.GetBook(sym) is not { } bookA || b.GetBook(sym) is not { } bookB) return;
        foreach (var side in new[] { Side.Bid, Side.Ask })
        {
            int na = bookA.CopyLevels(side, la), nb = bookB.CopyLevels(side, lb);
            Assert.True(na == nb, $"message {message}: {side} has {na} levels event by event, {nb} whole");
            for (int i = 0; i < na; i++)
                Assert.True(la[i].Price == lb[i].Price && la[i].Quantity == lb[i].Quantity, $"message {message}: {side} level {i} differs");
        }
    }

    private static (long, long, long, long, long, long, long) Counters(BookSynchronizer s) =>
        (s.Counters.Applied, s.Counters.Diffs, s.Counters.Gaps, s.Counters.Crossed, s.Counters.Resyncs, s.Counters.StaleTransitions, s.Counters.BookErrors);
}
