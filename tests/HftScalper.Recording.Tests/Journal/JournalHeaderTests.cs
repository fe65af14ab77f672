using HftScalper.Core.Symbols;
using HftScalper.Recording.Journal;
using HftScalper.Tests.Shared;
using static HftScalper.Recording.Tests.Journal.EventJournalTestData;

namespace HftScalper.Recording.Tests.Journal;

/// <summary>Every segment header carries the full specification of its symbols, so any segment read alone rebuilds
/// the same registry as the first; and segments written before (layout and header version 1) still read.</summary>
public sealed class JournalHeaderTests
{
    // Written by the version-1 writer (commit 3a6f794) from JournalTestFrames.Make(40) with BTCUSDT 2/8 registered,
    // and from EventJournalTestData.Make(30) in blocks of 3 over its three-symbol registry.
    private static string Fixture(string name) =>
        Path.Combine(TestData.RepoRoot, "tests", "HftScalper.Recording.Tests", "Journal", "Fixtures", name);

    private static SymbolRegistry FullSpecRegistry()
    {
        var r = new SymbolRegistry();
        r.Register("BTCUSDT", "binance-spot", 2, 8, tickSize: 1, lotSize: 1_000, minNotional: 50_000_000_000, minQuantity: 1_000, quoteAsset: "USDT");
        r.Register("ETHUSDT", "binance-spot", 2, 8, tickSize: 1, lotSize: 10_000, minNotional: 50_000_000_000, minQuantity: 10_000, quoteAsset: "USDT");
        return r;
    }

    [Fact]
    public void Every_segment_read_alone_carries_the_same_full_symbol_specification_as_the_first()
    {
        using var dir = new TempDir();
        var registry = FullSpecRegistry();
        JournalTestFrames.WriteSegment(dir.Path, JournalTestFrames.Make(400),
            new JournalWriterOptions { Directory = dir.Path, Symbols = registry, SegmentMaxBytes = 8192, Log = _ => { } });
        var segments = JournalDirectory.ListSegments(dir.Path);
        Assert.True(segments.Count > 5, $"expected several segments, got {segments.Count}");

        foreach (var segment in segments)
        {
            var replay = new SymbolRegistry();
            using var reader = new JournalReader([segment], _ => { }, registry: replay);
            Assert.True(reader.TryRead(out _));

            Assert.Equal(JournalHeader.CurrentHeaderVersion, reader.CurrentHeader!.HeaderVersion);
            Assert.Equal(registry.All.Select(JournalSymbol.From), reader.CurrentHeader.Symbols);
            Assert.Equal(registry.All, replay.All); // SymbolInfo is a record: every field of the specification compared
        }
    }

    [Fact]
    public void Every_event_journal_segment_carries_the_full_symbol_specification()
    {
        using var dir = new TempDir();
        var registry = FullSpecRegistry();
        var events = Make(300, symbols: 2);
        using (var w = new EventJournalWriter(new JournalWriterOptions { Directory = dir.Path, Symbols = registry, SegmentMaxBytes = 4096, Log = _ => { } }, 10))
            w.Append(events);
        var segments = JournalDirectory.ListSegments(dir.Path);
        Assert.True(segments.Count > 3, $"expected several segments, got {segments.Count}");

        foreach (var segment in segments)
        {
            var replay = new SymbolRegistry();
            using var reader = new EventJournalReader([segment], replay, _ => { });
            Assert.True(reader.TryRead(out _));
            Assert.Equal(registry.All, replay.All);
        }
    }

    [Fact]
    public void Header_round_trips_every_field_and_skips_keys_it_does_not_know()
    {
        var h = new JournalHeader
        {
            Venue = "binance-usdm", Host = "colo-1", StartTimeNs = 17, SegmentIndex = 3, Kind = JournalKind.Events, Source = "x.gz",
            Symbols = [JournalSymbol.From(FullSpecRegistry()[1])],
        };

        var back = JournalHeader.Deserialize(h.Serialize());

        Assert.Equal(h.Symbols, back.Symbols);
        Assert.Equal(h with { Symbols = back.Symbols }, back);
        Assert.Equal(JournalFormat.FormatVersion, back.FormatVersion);
        Assert.Equal(JournalHeader.CurrentHeaderVersion, back.HeaderVersion);
    }

    [Fact]
    public void Version_1_frame_segment_still_reads_every_record_and_its_symbols()
    {
        var replay = new SymbolRegistry();
        using var reader = new JournalReader([Fixture("v1-frames.hftj")], _ => { }, registry: replay);

        Assert.Equal(JournalTestFrames.Make(40), JournalTestFrames.ReadAll(reader));
        Assert.Equal(0, reader.Stats.CorruptRecords + reader.Stats.TornTails + reader.Stats.BadHeaders);
        var btc = Assert.Single(replay.All);
        // Version 1 kept only the decimals; a known symbol gets the rest of the specification replay gives it.
        Assert.Equal(new SymbolInfo(0, "BTCUSDT", "binance-spot", 2, 8, MinNotional: 50_000_000_000L, QuoteAsset: "USDT"), btc);
    }

    [Fact]
    public void Version_1_event_segment_still_reads_every_block()
    {
        var replay = new SymbolRegistry();
        using var reader = new EventJournalReader([Fixture("v1-events.hftj")], replay, _ => { });

        AssertSame(Make(30), ReadAll(reader));
        Assert.Equal(Registry().All.Select(s => (s.Id, s.Name, s.PriceDecimals, s.QuantityDecimals)),
            replay.All.Select(s => (s.Id, s.Name, s.PriceDecimals, s.QuantityDecimals)));
    }

    [Fact]
    public void A_flipped_bit_in_a_version_1_segment_loses_only_the_damaged_record()
    {
        using var dir = new TempDir();
        var frames = JournalTestFrames.Make(40);
        string copy = dir.File("v1.hftj");
        byte[] bytes = File.ReadAllBytes(Fixture("v1-frames.hftj"));
        long[] ends = JournalTestFrames.RecordEnds(Fixture("v1-frames.hftj"), frames);
        bytes[ends[14] + 9] ^= 0x02;
        File.WriteAllBytes(copy, bytes);

        using var reader = new JournalReader([copy], _ => { });

        Assert.Equal(frames.Where((_, i) => i != 15), JournalTestFrames.ReadAll(reader));
        Assert.Equal(1, reader.Stats.CorruptRecords);
        Assert.Equal(ends[15] - ends[14], reader.Stats.DiscardedBytes);
    }

    [Fact]
    public void Flipping_any_bit_of_a_block_in_a_version_1_event_segment_loses_only_that_block()
    {
        // Layout 1 has zeros where the sync marker now is, and event data is full of zeros: the resync must still
        // land on the next real block.
        using var dir = new TempDir();
        var events = Make(30);
        string copy = dir.File("v1.hftj");
        byte[] bytes = File.ReadAllBytes(Fixture("v1-events.hftj"));
        long[] ends = BlockEnds(Fixture("v1-events.hftj"), 30, 3);
        const int victim = 5;
        for (long at = ends[victim - 1]; at < ends[victim]; at++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[at] ^= (byte)(1 << (int)(at % 8));
            File.WriteAllBytes(copy, damaged);

            using var reader = new EventJournalReader([copy], new SymbolRegistry(), _ => { });

            AssertSame([.. events.AsSpan(0, victim * 3), .. events.AsSpan((victim + 1) * 3)], ReadAll(reader));
            Assert.Equal(1, reader.JournalStats.CorruptRecords);
            Assert.Equal(ends[victim] - ends[victim - 1], reader.JournalStats.DiscardedBytes);
        }
    }

    [Fact]
    public void A_segment_of_a_later_layout_is_refused_with_the_reason()
    {
        using var dir = new TempDir();
        string segment = JournalTestFrames.WriteSegment(dir.Path, JournalTestFrames.Make(3));
        byte[] bytes = File.ReadAllBytes(segment);
        bytes[7] = JournalFormat.FormatVersion + 1;
        File.WriteAllBytes(segment, bytes);
        var logs = new List<string>();

        using var reader = new JournalReader([segment], logs.Add);

        Assert.False(reader.TryRead(out _));
        Assert.Equal(1, reader.Stats.BadHeaders);
        Assert.Contains("newer than this version reads", Assert.Single(logs), StringComparison.Ordinal);
    }
}
