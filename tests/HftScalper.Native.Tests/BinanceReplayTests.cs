using System.IO.Compression;
using System.Text.Json;
using HftScalper.Core.Events;
using HftScalper.Core.Numerics;
using HftScalper.Tests.Shared;

namespace HftScalper.Native.Tests;

/// <summary>
/// Replays the real Binance BTCUSDT spot recording (snapshot + depth diffs under Binance's sync rules) into the
/// native book. Oracle from the exchange: every bookTicker whose <c>u</c> is the final id of an applied diff must
/// equal the rebuilt best bid/ask (1,072 of them); the managed reference must agree on every figure after every diff.
/// The JSON is read with System.Text.Json here on purpose: this test checks the book, not the feed parser.
/// </summary>
public sealed class BinanceReplayTests
{
    private const int PriceDecimals = 2;  // BTCUSDT tick 0.01
    private const int QuantityDecimals = 8; // the feed prints 8 decimals

    [RequiresDataFact]
    public void Rebuilt_book_matches_every_exchange_book_ticker_and_the_reference()
    {
        var lines = TestData.BinanceSpotBtcusdt.SelectMany(ReadLines).ToList();
        var tickers = new Dictionary<long, TopOfBook>();
        foreach (var line in lines.Where(l => l.Contains("@bookTicker")))
        {
            var d = JsonDocument.Parse(line).RootElement.GetProperty("data");
            tickers[d.GetProperty("u").GetInt64()] = new TopOfBook
            {
                BidPrice = Px(d.GetProperty("b")), BidQuantity = Qty(d.GetProperty("B")),
                AskPrice = Px(d.GetProperty("a")), AskQuantity = Qty(d.GetProperty("A")),
            };
        }

        using var native = new NativeOrderBook(8192);
        var reference = new ReferenceOrderBook();
        var parameters = new BookFigureParameters(Px("61000") * (double)Qty("5"), 20); // ~5 BTC of notional
        var pending = new List<JsonElement>();
        long lastUpdateId = -1;
        int applied = 0, tickersChecked = 0, dropped = 0;
        var events = new MarketEvent[4096];
        foreach (var line in lines)
        {
            if (line.StartsWith("{\"lastUpdateId\"", StringComparison.Ordinal))
            {
                var s = JsonDocument.Parse(line).RootElement;
                var bids = Levels(s.GetProperty("bids")).ToArray();
                var asks = Levels(s.GetProperty("asks")).ToArray();
                Assert.Equal(NativeStatus.Ok, native.LoadSnapshot(bids, asks));
                Assert.True(reference.LoadSnapshot(bids, asks));
                lastUpdateId = s.GetProperty("lastUpdateId").GetInt64();
                continue;
            }
            if (!line.Contains("@depth")) continue;
            pending.Add(JsonDocument.Parse(line).RootElement.GetProperty("data"));
            if (lastUpdateId < 0) continue; // buffer until the snapshot arrives

            foreach (var diff in pending)
            {
                long first = diff.GetProperty("U").GetInt64(), final = diff.GetProperty("u").GetInt64();
                if (final <= lastUpdateId) { dropped++; continue; }
                Assert.True(first <= lastUpdateId + 1, $"gap before U={first} (last {lastUpdateId})");
                int n = ToEvents(diff, final, events);
                Assert.Equal(NativeStatus.Ok, native.ApplyEvents(events.AsSpan(0, n), out var result, symbolId: 1));
                Assert.Equal(reference.ApplyEvents(events.AsSpan(0, n), symbolId: 1), result);
                Assert.Equal(0, result.Rejected);
                lastUpdateId = final;
                applied++;

                Assert.False(native.IsCrossed, $"crossed after u={final}");
                native.ComputeFigures(parameters, out var figures);
                FigureAssert.Equal(reference.ComputeFigures(parameters), figures, $"u={final}");
                if (tickers.TryGetValue(final, out var ticker))
                {
                    Assert.True(native.TryGetTop(out var top));
                    Assert.Equal(ticker, top);
                    tickersChecked++;
                }
            }
            pending.Clear();
        }

        Assert.Equal(2, dropped);
        Assert.Equal(6_493, applied);
        Assert.Equal(1_072, tickersChecked);
    }

    private static int ToEvents(JsonElement diff, long final, MarketEvent[] events)
    {
        int n = 0;
        foreach (var (name, side) in new[] { ("b", Side.Bid), ("a", Side.Ask) })
            foreach (var level in Levels(diff.GetProperty(name)))
                events[n++] = new MarketEvent
                {
                    Kind = MarketEventKind.BookDelta, Side = side, SymbolId = 1, UpdateId = final,
                    Price = level.Price, Quantity = level.Quantity,
                };
        if (n > 0) events[n - 1].Flags |= MarketEventFlags.LastInMessage;
        return n;
    }

    private static IEnumerable<BookLevel> Levels(JsonElement array) =>
        array.EnumerateArray().Select(l => new BookLevel(Px(l[0]), Qty(l[1])));

    private static long Px(JsonElement e) => Px(e.GetString()!);
    private static long Qty(JsonElement e) => Qty(e.GetString()!);
    private static long Px(string s) => FixedPoint.Parse(s, PriceDecimals);
    private static long Qty(string s) => FixedPoint.Parse(s, QuantityDecimals);

    private static IEnumerable<string> ReadLines(string path)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        while (reader.ReadLine() is { } line)
        {
            int space = line.IndexOf(' ');
            yield return line[(space + 1)..];
        }
    }
}
