using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Journal;
using HftScalper.Recording.Replay;
using static HftScalper.Recording.Tests.Journal.EventJournalTestData;

namespace HftScalper.Recording.Tests.Journal;

/// <summary>The event journal stores parsed events in CRC-checked blocks and gives back exactly what was written,
/// with a header from which the symbol registry is rebuilt.</summary>
public sealed class EventJournalTests
{
    [Fact]
    public void Events_read_back_byte_for_byte_through_single_reads_and_batches()
    {
        using var dir = new TempDir();
        var events = Make(1000);
        Write(dir.Path, events, Registry(), blockEvents: 64); // 15 full blocks and a partial one

        using var single = new EventJournalReader(dir.Path, new SymbolRegistry(), _ => { });
        var one = ReadAll(single);
        using var batched = new EventJournalReader(dir.Path, new SymbolRegistry(), _ => { });
        var many = new List<MarketEvent>();
        var chunk = new MarketEvent[37]; // not a divisor of the block: batches straddle blocks
        for (int i = 0; ; i++)
        {
            if (i % 3 == 0 && batched.TryRead(out var e))
            {
                many.Add(e); // single reads interleave with batches
                continue;
            }
            int n = batched.ReadBatch(chunk);
            if (n == 0) break;
            many.AddRange(chunk.AsSpan(0, n).ToArray());
        }

        AssertSame(events, one);
        AssertSame(events, many);
        Assert.Equal(16, single.JournalStats.Records);
        Assert.Equal(1000, single.Stats.Events);
        Assert.Equal(0, single.JournalStats.TornTails + single.JournalStats.CorruptRecords + single.JournalStats.BadHeaders);
    }

    [Fact]
    public void Header_rebuilds_the_registry_with_the_recorded_scales_and_ids()
    {
        using var dir = new TempDir();
        Write(dir.Path, Make(10), Registry(), blockEvents: 4);
        var registry = new SymbolRegistry();

        using var reader = new EventJournalReader(dir.Path, registry, _ => { });
        ReadAll(reader);

        Assert.Equal(JournalKind.Events, JournalDirectory.ReadHeader(dir.Path)?.Kind);
        Assert.Equal(Names, registry.All.Select(s => s.Name));
        Assert.Equal([2, 3, 4], registry.All.Select(s => s.PriceDecimals));
        Assert.Equal([8, 7, 6], registry.All.Select(s => s.QuantityDecimals));
    }

    [Fact]
    public void Symbol_ids_are_remapped_when_the_registry_already_numbered_the_symbols_differently()
    {
        using var dir = new TempDir();
        var events = Make(200);
        Write(dir.Path, events, Registry(), blockEvents: 50);
        var registry = new SymbolRegistry();
        registry.Register("XRPUSDT", "binance-spot", 4, 1);
        registry.Register("SOLUSDT", "binance-spot", 4, 6); // header id 2 -> 1

        using var reader = new EventJournalReader(dir.Path, registry, _ => { });
        var back = ReadAll(reader);

        var expected = events.Select(e => { e.SymbolId = e.SymbolId switch { 0 => 2, 1 => 3, _ => 1 }; return e; }).ToArray();
        AssertSame(expected, back);
    }

    [Fact]
    public void A_symbol_registered_mid_stream_opens_a_segment_whose_header_lists_it()
    {
        using var dir = new TempDir();
        var registry = Registry(1);
        var first = Make(10, symbols: 1);
        var second = Make(10, seed: 2, symbols: 2, startNs: first[^1].LocalTimeNs + 1);
        using (var w = new EventJournalWriter(new JournalWriterOptions { Directory = dir.Path, Symbols = registry, Log = _ => { } }, 4))
        {
            w.Append(first);
            w.Flush();
            registry.Register("ETHUSDT", "binance-spot", 3, 7);
            w.Append(second);
        }

        var segments = JournalDirectory.ListSegments(dir.Path);
        using var reader = new EventJournalReader(dir.Path, new SymbolRegistry(), _ => { });

        Assert.Equal(2, segments.Count);
        Assert.Single(JournalDirectory.ReadHeader(segments[0])!.Symbols);
        Assert.Equal(2, JournalDirectory.ReadHeader(segments[1])!.Symbols.Count);
        AssertSame([.. first, .. second], ReadAll(reader));
    }

    [Fact]
    public void Frame_and_event_readers_each_skip_the_other_kind_with_a_log_line()
    {
        using var dir = new TempDir();
        string events = Write(dir.File("events"), Make(5), Registry(), 4);
        string frames = JournalTestFrames.WriteSegment(dir.File("frames"), JournalTestFrames.Make(3));
        var logs = new List<string>();

        using var frameReader = new JournalReader([events, frames], logs.Add);
        using var eventReader = new EventJournalReader([frames, events], new SymbolRegistry(), logs.Add);

        Assert.Equal(3, JournalTestFrames.ReadAll(frameReader).Count);
        Assert.Equal(5, ReadAll(eventReader).Count);
        Assert.Equal(1, frameReader.Stats.BadHeaders);
        Assert.Equal(1, eventReader.JournalStats.BadHeaders);
        Assert.Equal(2, logs.Count);
        Assert.Contains(logs, l => l.Contains("not raw frames", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("not events", StringComparison.Ordinal));
    }

    [Fact]
    public void Format_detection_tells_an_event_journal_from_a_frame_journal_by_its_header()
    {
        using var dir = new TempDir();
        string events = Write(dir.File("events"), Make(5), Registry(), 4);
        JournalTestFrames.WriteSegment(dir.File("frames"), JournalTestFrames.Make(3));

        Assert.Equal(ReplayFormat.EventJournal, ReplayFormatDetector.Detect(dir.File("events")));
        Assert.Equal(ReplayFormat.EventJournal, ReplayFormatDetector.Detect(events));
        Assert.Equal(ReplayFormat.Journal, ReplayFormatDetector.Detect(dir.File("frames")));
        using var source = ReplaySourceFactory.Open(new SymbolRegistry(), dir.File("events"));
        Assert.IsType<EventJournalReader>(source.Events);
    }

    [Fact]
    public void Header_of_an_unknown_kind_is_refused_rather_than_read_as_frames()
    {
        var bytes = new JournalHeader { Kind = JournalKind.Events }.Serialize();
        var text = System.Text.Encoding.ASCII.GetString(bytes).Replace("events", "quotes", StringComparison.Ordinal);

        Assert.Throws<InvalidDataException>(() => JournalHeader.Deserialize(System.Text.Encoding.ASCII.GetBytes(text)));
        Assert.Equal(JournalKind.Events, JournalHeader.Deserialize(bytes).Kind);
    }
}
