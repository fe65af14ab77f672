using System.IO.Compression;
using System.Text;
using HftScalper.Binance.Parsing;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Journal;
using HftScalper.Recording.Replay;
using HftScalper.Tests.Shared;

namespace HftScalper.Recording.Tests.Replay;

/// <summary>A recording converted to a journal replays to the identical frame sequence, and so to identical events.</summary>
public sealed class ConvertRoundTripTests
{
    [Fact]
    public void Raw_line_recording_converts_to_a_journal_with_identical_frames()
    {
        using var dir = new TempDir();
        string rec = dir.File("rec.gz");
        using (var gz = new StreamWriter(new GZipStream(File.Create(rec), CompressionLevel.Fastest)))
        {
            gz.Write("1723161255000000001 {\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1723161256271,\"s\":\"BTCUSDT\",\"t\":1,\"p\":\"61000.10\",\"q\":\"0.5\",\"T\":1723161256270,\"m\":true}}\n");
            gz.Write("1723161255000000002 {\"stream\":\"btcusdt@bookTicker\",\"data\":{\"u\":7,\"s\":\"BTCUSDT\",\"b\":\"61000.00\",\"B\":\"1.0\",\"a\":\"61000.10\",\"A\":\"2.0\"}}\n");
        }

        AssertRoundTrip([rec], dir.File("journal"));
    }

    [RequiresDataFact]
    public void Real_spot_recording_converts_to_a_journal_that_replays_identical_frames_and_events()
    {
        using var dir = new TempDir();
        var (frames, digest) = AssertRoundTrip(TestData.BinanceSpotBtcusdt, dir.Path);

        Assert.Equal(6_495 + 73_174 + 19_904 + 1, frames);
        Assert.NotEqual(0UL, digest);
    }

    private static (long Frames, ulong Digest) AssertRoundTrip(IReadOnlyList<string> recording, string journalDir)
    {
        var stats = JournalConverter.Convert(ReplaySourceFactory.Open(new SymbolRegistry(), recording).Frames!,
            new JournalWriterOptions { Directory = journalDir, Log = _ => { } });

        var registryA = new SymbolRegistry();
        var registryB = new SymbolRegistry();
        using var original = ReplaySourceFactory.Open(registryA, recording);
        using var journal = ReplaySourceFactory.Open(registryB, journalDir);
        var parserA = new BinanceParser(registryA, new BinanceParserOptions { AutoRegisterVenue = "binance-spot", MarkReplayed = true });
        var parserB = new BinanceParser(registryB, new BinanceParserOptions { AutoRegisterVenue = "binance-spot", MarkReplayed = true });
        var bufA = new MarketEventBuffer();
        var bufB = new MarketEventBuffer();
        var digestA = new MarketEventDigest();
        var digestB = new MarketEventDigest();
        long n = 0;
        while (original.Frames!.TryRead(out var a))
        {
            Assert.True(journal.Frames!.TryRead(out var b), $"journal ended after {n} frames");
            AssertSameFrame(a, b, n);
            bufA.Clear();
            bufB.Clear();
            parserA.Parse(in a, bufA);
            parserB.Parse(in b, bufB);
            digestA.Add(bufA.Events);
            digestB.Add(bufB.Events);
            n++;
        }
        Assert.False(journal.Frames!.TryRead(out _));
        Assert.Equal(stats.Records, n);
        Assert.Equal(digestA.Count, digestB.Count);
        Assert.Equal(digestA.Value, digestB.Value);
        Assert.True(digestA.Count > 0);
        return (n, digestA.Value);
    }

    private static void AssertSameFrame(in RawFrame a, in RawFrame b, long index)
    {
        if (a.LocalTimeNs == b.LocalTimeNs && a.Origin == b.Origin && a.SymbolId == b.SymbolId && a.StreamId == b.StreamId &&
            a.Payload.Span.SequenceEqual(b.Payload.Span)) return;
        Assert.Fail($"frame {index} differs: {a.LocalTimeNs}/{a.Origin}/{a.SymbolId}/{a.StreamId} '{Encoding.UTF8.GetString(a.Payload.Span)}' vs " +
                    $"{b.LocalTimeNs}/{b.Origin}/{b.SymbolId}/{b.StreamId} '{Encoding.UTF8.GetString(b.Payload.Span)}'");
    }
}
