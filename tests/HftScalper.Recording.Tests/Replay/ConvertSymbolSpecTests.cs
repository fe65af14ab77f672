using System.Globalization;
using System.IO.Compression;
using HftScalper.Binance.Parsing;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Journal;
using HftScalper.Recording.Replay;

namespace HftScalper.Recording.Tests.Replay;

/// <summary>A converted journal, and each of its segments read alone, registers every symbol with the specification a
/// replay of the original recording registers (scales and minimum notional), so the risk checks decide the same.</summary>
public sealed class ConvertSymbolSpecTests
{
    // bookTickers and trades, with a REST snapshot after the first frames (the text reader names its symbol from the
    // stream, which is how the converter's registry used to get BTCUSDT at generic 8/8 scales).
    private static string WriteRecording(string dir)
    {
        string path = Path.Combine(dir, "rec.gz");
        using var gz = new StreamWriter(new GZipStream(File.Create(path), CompressionLevel.Fastest));
        long ts = 1_723_161_255_000_000_000L;
        for (int i = 0; i < 400; i++)
        {
            ts += 1_000_000;
            string line = i == 3
                ? "{\"lastUpdateId\":5,\"bids\":[[\"61000.00\",\"1.0\"]],\"asks\":[[\"61000.10\",\"2.0\"]]}"
                : i % 2 == 0
                    ? $"{{\"stream\":\"btcusdt@bookTicker\",\"data\":{{\"u\":{i + 10},\"s\":\"BTCUSDT\",\"b\":\"61000.{i % 90 + 10}\",\"B\":\"1.0\",\"a\":\"61001.00\",\"A\":\"2.0\"}}}}"
                    : $"{{\"stream\":\"btcusdt@trade\",\"data\":{{\"e\":\"trade\",\"E\":1723161256271,\"s\":\"BTCUSDT\",\"t\":{i},\"p\":\"61000.10\",\"q\":\"0.5\",\"T\":1723161256270,\"m\":true}}}}";
            gz.Write(ts.ToString(CultureInfo.InvariantCulture));
            gz.Write(' ');
            gz.Write(line);
            gz.Write('\n');
        }
        return path;
    }

    // What a replay of the recording itself registers: the registry after parsing every frame.
    private static IReadOnlyList<SymbolInfo> ReplayRegistry(string recording)
    {
        var registry = new SymbolRegistry();
        using var source = ReplaySourceFactory.Open(registry, recording);
        var parser = new BinanceParser(registry, new BinanceParserOptions { AutoRegisterVenue = "binance-spot", MarkReplayed = true });
        var buffer = new MarketEventBuffer();
        while (source.Frames!.TryRead(out var frame))
        {
            buffer.Clear();
            parser.Parse(in frame, buffer);
        }
        return registry.All;
    }

    [Fact]
    public void Each_segment_of_a_converted_frame_journal_registers_the_specification_replay_registers()
    {
        using var dir = new TempDir();
        string recording = WriteRecording(dir.Path);
        var expected = ReplayRegistry(recording);
        Assert.Equal(50_000_000_000L, Assert.Single(expected).MinNotional);
        string journal = dir.File("journal");
        var registry = new SymbolRegistry();
        using (var source = ReplaySourceFactory.Open(registry, recording))
            JournalConverter.Convert(source.Frames!, new JournalWriterOptions { Directory = journal, Symbols = registry, SegmentMaxBytes = 4096, Log = _ => { } });
        var segments = JournalDirectory.ListSegments(journal);
        Assert.True(segments.Count > 4, $"expected several segments, got {segments.Count}");

        foreach (var segment in segments)
        {
            var replay = new SymbolRegistry();
            using var reader = new JournalReader([segment], _ => { }, registry: replay);
            Assert.True(reader.TryRead(out _));
            Assert.Equal(expected, replay.All);
        }
    }

    [Fact]
    public void Each_segment_of_a_converted_event_journal_registers_the_specification_replay_registers()
    {
        using var dir = new TempDir();
        string recording = WriteRecording(dir.Path);
        var expected = ReplayRegistry(recording);
        string journal = dir.File("events");
        var registry = new SymbolRegistry();
        using (var source = ReplaySourceFactory.Open(registry, recording))
            EventJournalConverter.Convert(source, new JournalWriterOptions { Directory = journal, Symbols = registry, SegmentMaxBytes = 4096, Log = _ => { } },
                blockEvents: 16);
        var segments = JournalDirectory.ListSegments(journal);
        Assert.True(segments.Count > 4, $"expected several segments, got {segments.Count}");

        foreach (var segment in segments)
        {
            var replay = new SymbolRegistry();
            using var reader = new EventJournalReader([segment], replay, _ => { });
            Assert.True(reader.TryRead(out _));
            Assert.Equal(expected, replay.All);
        }
    }
}
