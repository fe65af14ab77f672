using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Journal;

namespace HftScalper.Recording.Tests.Journal;

internal static class EventJournalTestData
{
    public static readonly string[] Names = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];

    public static SymbolRegistry Registry(int symbols = 3)
    {
        var r = new SymbolRegistry();
        // Binance symbols state their quote asset (the journal header does not carry it: replay reads it from the name).
        for (int i = 0; i < symbols; i++) r.Register(Names[i], "binance-spot", 2 + i, 8 - i, quoteAsset: "USDT");
        return r;
    }

    /// <summary>Deterministic events of every kind over <paramref name="symbols"/> symbols, every field set.</summary>
    public static MarketEvent[] Make(int count, int seed = 1, int symbols = 3, long startNs = 1_723_161_255_000_000_000L)
    {
        var rng = new Random(seed);
        var a = new MarketEvent[count];
        for (int i = 0; i < count; i++)
        {
            a[i] = new MarketEvent
            {
                ExchangeTimeNs = startNs + i * 1_000_000L - 7,
                LocalTimeNs = startNs + i * 1_000_000L,
                Price = rng.NextInt64(1, 10_000_000),
                Quantity = rng.NextInt64(0, 1_000_000_000),
                FirstUpdateId = rng.NextInt64(),
                PrevUpdateId = rng.NextInt64(),
                UpdateId = i + 1,
                SymbolId = i % symbols,
                Kind = (MarketEventKind)(1 + (i % 4)),
                Side = (Side)(i % 2),
                Flags = (MarketEventFlags)(i % 3),
            };
        }
        return a;
    }

    public static string Write(string dir, ReadOnlySpan<MarketEvent> events, SymbolRegistry registry, int blockEvents)
    {
        using (var w = new EventJournalWriter(new JournalWriterOptions { Directory = dir, Symbols = registry, Log = _ => { } }, blockEvents))
            w.Append(events);
        return JournalDirectory.ListSegments(dir)[^1];
    }

    public static List<MarketEvent> ReadAll(EventJournalReader reader)
    {
        var list = new List<MarketEvent>();
        while (reader.TryRead(out var e)) list.Add(e);
        return list;
    }

    /// <summary>File offsets where each block ends, for a single segment of <paramref name="count"/> events.</summary>
    public static long[] BlockEnds(string segment, int count, int blockEvents)
    {
        int blocks = (count + blockEvents - 1) / blockEvents;
        var sizes = Enumerable.Range(0, blocks).Select(b => JournalFormat.RecordSize(Math.Min(blockEvents, count - b * blockEvents) * MarketEvent.Size)).ToArray();
        long at = new FileInfo(segment).Length - sizes.Sum(s => (long)s);
        return sizes.Select(s => at += s).ToArray();
    }

    /// <summary>Byte-for-byte equality of two event sequences (all 64 bytes, unions included).</summary>
    public static void AssertSame(ReadOnlySpan<MarketEvent> expected, IReadOnlyList<MarketEvent> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        var got = actual is MarketEvent[] arr ? arr : [.. actual];
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.AsBytes(expected).SequenceEqual(
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(got.AsSpan())), "events differ");
    }
}
