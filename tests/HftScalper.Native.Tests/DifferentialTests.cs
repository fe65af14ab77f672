using HftScalper.Core.Events;

namespace HftScalper.Native.Tests;

/// <summary>
/// Long seeded random sequences applied to the native book and to <see cref="ReferenceOrderBook"/>; every figure
/// and both ladders must agree after each step (or each batch).
/// </summary>
public sealed class DifferentialTests
{
    private const long Center = 1_000_000;

    [Theory]
    [InlineData(1, 4_000)]
    [InlineData(2, 4_000)]
    [InlineData(3, 4_000)]
    public void Every_figure_matches_the_reference_after_each_single_update(int seed, int steps)
    {
        var rng = new Random(seed);
        using var native = new NativeOrderBook(64);
        var reference = new ReferenceOrderBook();
        long mid = Center;
        for (int step = 0; step < steps; step++)
        {
            mid += rng.Next(-1, 2);
            var (side, price, qty) = RandomLevel(rng, mid);
            Assert.Equal(reference.TrySet(side, price, qty), native.TrySet(side, price, qty));
            if (rng.Next(200) == 0) { native.Clear(); reference.Clear(); }
            CompareAll(native, reference, RandomParameters(rng), $"seed {seed} step {step}");
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Every_figure_matches_the_reference_after_each_batch_of_events(int seed)
    {
        var rng = new Random(seed);
        using var native = new NativeOrderBook(256);
        var reference = new ReferenceOrderBook();
        long mid = Center;
        var batch = new MarketEvent[64];
        for (int message = 0; message < 600; message++)
        {
            mid += rng.Next(-3, 4);
            int n = rng.Next(0, batch.Length + 1);
            bool snapshot = rng.Next(50) == 0;
            for (int i = 0; i < n; i++)
            {
                var (side, price, qty) = RandomLevel(rng, mid);
                batch[i] = new MarketEvent
                {
                    Kind = snapshot ? MarketEventKind.SnapshotLevel : rng.Next(20) == 0 ? MarketEventKind.Trade : MarketEventKind.BookDelta,
                    Side = side, Price = price, Quantity = qty, SymbolId = rng.Next(10) == 0 ? 2 : 1,
                    Flags = snapshot && i == 0 ? MarketEventFlags.SnapshotStart : MarketEventFlags.None,
                };
            }
            var events = batch.AsSpan(0, n);

            Assert.Equal(NativeStatus.Ok, native.ApplyEvents(events, out var got, symbolId: 1));
            var expected = reference.ApplyEvents(events, symbolId: 1);

            Assert.Equal(expected, got);
            CompareAll(native, reference, RandomParameters(rng), $"seed {seed} message {message}");
        }
    }

    [Fact]
    public void Figures_match_the_reference_on_a_5000_level_snapshot_with_touch_churn()
    {
        var rng = new Random(7);
        var bids = Enumerable.Range(0, 5000).Select(i => new BookLevel(Center - i * 2, rng.Next(1, 1000))).OrderBy(_ => rng.Next()).ToArray();
        var asks = Enumerable.Range(1, 5000).Select(i => new BookLevel(Center + i * 2, rng.Next(1, 1000))).ToArray();
        using var native = new NativeOrderBook(8192);
        var reference = new ReferenceOrderBook();
        Assert.Equal(NativeStatus.Ok, native.LoadSnapshot(bids, asks));
        Assert.True(reference.LoadSnapshot(bids, asks));
        CompareAll(native, reference, new BookFigureParameters(5e9, 1000), "snapshot");

        for (int step = 0; step < 2000; step++)
        {
            var (side, price, qty) = RandomLevel(rng, Center);
            native.TrySet(side, price, qty);
            reference.TrySet(side, price, qty);
            if (step % 50 == 0) CompareAll(native, reference, RandomParameters(rng), $"churn {step}");
            else CompareFigures(native, reference, RandomParameters(rng), $"churn {step}");
        }
    }

    // Depth diffs as Binance sends them (bids best first, asks best first) over a 1000-level book: large messages are
    // applied as one sorted merge at the next read, small ones level by level; both must give the reference's book.
    [Theory]
    [InlineData(21, false, 8192)]
    [InlineData(22, true, 8192)]
    [InlineData(23, false, 16)] // a buffer grown from 16: merges that find no room at the right end re-centre
    public void Deep_sorted_depth_messages_match_the_reference_whether_merged_or_applied_level_by_level(int seed, bool batched, int expectedLevels)
    {
        var rng = new Random(seed);
        var bids = Enumerable.Range(0, 1000).Select(i => new BookLevel(Center - i, rng.Next(1, 1000))).ToArray();
        var asks = Enumerable.Range(1, 1000).Select(i => new BookLevel(Center + i, rng.Next(1, 1000))).ToArray();
        using var native = new NativeOrderBook(expectedLevels);
        var reference = new ReferenceOrderBook();
        Assert.Equal(NativeStatus.Ok, native.LoadSnapshot(bids, asks));
        Assert.True(reference.LoadSnapshot(bids, asks));
        var message = new List<MarketEvent>();
        for (int m = 0; m < 300; m++)
        {
            message.Clear();
            int n = rng.Next(3) == 0 ? rng.Next(1, 16) : rng.Next(16, 200);
            foreach (var side in new[] { Side.Bid, Side.Ask })
            {
                // Distinct depths sorted best first, plus a few repeats of a price later in the message (the last wins).
                var depths = Enumerable.Range(0, n / 2 + 1).Select(_ => (long)rng.Next(0, 1200)).Distinct().Order().ToList();
                foreach (long d in depths)
                {
                    long price = side == Side.Bid ? Center - d : Center + 1 + d;
                    long qty = rng.Next(3) == 0 ? 0 : rng.Next(1, 1000);
                    message.Add(new MarketEvent { Kind = MarketEventKind.BookDelta, Side = side, Price = price, Quantity = qty, SymbolId = 1 });
                    if (rng.Next(20) == 0)
                        message.Add(new MarketEvent { Kind = MarketEventKind.BookDelta, Side = side, Price = price, Quantity = rng.Next(2) * rng.Next(1, 9), SymbolId = 1 });
                }
            }
            var events = message.ToArray();
            if (batched) Assert.Equal(NativeStatus.Ok, native.ApplyEvents(events, out _, symbolId: 1));
            else foreach (var e in events) Assert.True(native.TrySet(e.Side, e.Price, e.Quantity));
            reference.ApplyEvents(events, symbolId: 1);
            CompareAll(native, reference, RandomParameters(rng), $"seed {seed} message {m} ({events.Length} levels)");
        }
    }

    private static (Side, long, long) RandomLevel(Random rng, long mid)
    {
        var side = rng.Next(2) == 0 ? Side.Bid : Side.Ask;
        // Mostly near the touch, sometimes deep; occasionally on the wrong side (crossing) or malformed.
        long offset = rng.Next(10) < 8 ? rng.Next(0, 12) : rng.Next(12, 300);
        long price = side == Side.Bid ? mid - offset : mid + 1 + offset;
        if (rng.Next(100) == 0) price = side == Side.Bid ? mid + 3 : mid - 3;
        long qty = rng.Next(4) == 0 ? 0 : rng.Next(1, 500);
        int bad = rng.Next(300);
        if (bad == 0) qty = -qty - 1;
        else if (bad == 1) price = -price;
        else if (bad == 2) side = Side.None;
        return (side, price, qty);
    }

    private static BookFigureParameters RandomParameters(Random rng) =>
        new(rng.Next(4) == 0 ? 0 : rng.NextDouble() * 2e9, rng.Next(-1, 40));

    private static void CompareAll(NativeOrderBook native, ReferenceOrderBook reference, BookFigureParameters p, string context)
    {
        CompareLadder(native, reference, Side.Bid, context);
        CompareLadder(native, reference, Side.Ask, context);
        Assert.Equal(reference.IsCrossed, native.IsCrossed);
        CompareFigures(native, reference, p, context);
    }

    private static void CompareFigures(NativeOrderBook native, ReferenceOrderBook reference, BookFigureParameters p, string context)
    {
        native.ComputeFigures(p, out var got);
        FigureAssert.Equal(reference.ComputeFigures(p), got, context);
    }

    private static void CompareLadder(NativeOrderBook native, ReferenceOrderBook reference, Side side, string context)
    {
        var expected = reference.Levels(side).ToArray();
        var got = new BookLevel[native.LevelCount(side)];
        Assert.Equal(got.Length, native.CopyLevels(side, got));
        if (!expected.SequenceEqual(got)) Assert.Fail($"{side} ladder differs ({context})");
    }
}
