using CsCheck;
using HftScalper.Binance.Parsing;
using HftScalper.Core.Symbols;
using HftScalper.Properties.Tests.Harness;
using HftScalper.Properties.Tests.Journal;
using HftScalper.Properties.Tests.Parsing;
using HftScalper.Recording.Replay;
using HftScalper.Recording.Sources.Text;

namespace HftScalper.Properties.Tests.Text;

/// <summary>
/// Text recordings (<c>&lt;local_ts_ns&gt; &lt;json&gt;</c> lines, plain and gzip) with line damage (garbage, cut,
/// duplicated, reordered, blank, '\r', flipped and over-long lines) and gzip damage (cuts, flipped bits): the source
/// never throws, returns exactly the lines the format defines as frames, counts every other line, stays within a
/// memory bound proportional to the input, and identical files give identical digests, through the replay source too.
/// </summary>
public sealed class TextRecordingProperties
{
    private static readonly Gen<TextCase> Plain = TextCase.Gen.Select(c => c with { Gzip = false });

    [Fact]
    public void Damaged_lines_are_counted_and_every_other_line_is_read_exactly()
    {
        Property.Check(Plain, Check, ciIterations: 150);
    }

    // The text source counts the bytes of the lines it skips (SkippedBytes, reported as bytesSkipped), so every byte is
    // either in a returned frame (or a blank line) or counted, decompressed bytes for gzip (the plain-text case is
    // checked by the test above). Found before the fix: 2PXfEYv8kH0h48Nn (esSPjGSu4OC1).
    [Fact]
    public void Every_byte_of_a_damaged_recording_is_parsed_or_counted_as_skipped()
    {
        Property.Check(TextCase.Gen.Select(c => c with { Gzip = true, GzipCut = -1, GzipFlip = -1 }), Check, ciIterations: 100);
    }

    // The seeds the properties failed on before the fixes (malformed lines' bytes uncounted; truncated gzip uncounted).
    [Theory]
    [InlineData("2PXfEYv8kH0h48Nn")]
    [InlineData("esSPjGSu4OC1")]
    public void Recordings_of_the_seeds_found_before_the_fix_count_every_byte(string seed) => Property.Replay(Plain, Check, seed);

    [Fact]
    public void Gzip_recordings_read_exactly_like_their_plain_text()
    {
        Property.Check(Plain, c =>
        {
            var plain = Read(c);
            var gzip = Read(c with { Gzip = true, GzipCut = -1, GzipFlip = -1 });

            Assert.Equal(OwnedFrame.Digest(plain.Frames), OwnedFrame.Digest(gzip.Frames));
            Assert.Equal(plain.Counters.ToString(), gzip.Counters.ToString());
        }, ciIterations: 100);
    }

    [Fact]
    public void Damaged_gzip_never_crashes_and_reads_the_same_twice()
    {
        var damaged = TextCase.Gen.Select(c => c with { Gzip = true }).Where(c => c.GzipCut >= 0 || c.GzipFlip >= 0);
        Property.Check(damaged, c =>
        {
            var first = Read(c);
            var second = Read(c);

            Assert.Equal(OwnedFrame.Digest(first.Frames), OwnedFrame.Digest(second.Frames));
            Assert.Equal(Stable(first.Counters), Stable(second.Counters));
            // A flip in deflate data is found only at the member's CRC: lines decoded before it may differ from the text
            // (more of them: 5DMgcCdUJJq7TOi42 at 2000 iterations); the file is then counted as corrupt.
            Assert.True(first.Counters.CorruptFiles == 1 || first.Counters.Frames <= TextOracle.Of(c.Text(), LineDamage.MaxLineBytes).Frames.Count + 1,
                first.Counters.ToString());
        }, ciIterations: 150);
    }

    // A cut or corrupted gzip member is reported (CheckedGzipStream), unless the damage lost nothing: a flip in the
    // padding bits after the last deflate block changes no decoded byte, and a cut to under 2 bytes leaves no gzip at
    // all (an empty or 1-byte plain file). Found before CheckedGzipStream: 2_U7yvgNxr-JhglI3 (fSyYnD0yl7c1).
    [Fact]
    public void Damaged_gzip_is_always_counted()
    {
        var damaged = TextCase.Gen.Select(c => c with { Gzip = true }).Where(c => c.GzipCut >= 0 || c.GzipFlip >= 0);
        Property.Check(damaged, c =>
        {
            var read = Read(c);
            if (read.Counters.CorruptFiles == 1) return;
            var whole = Read(c with { GzipCut = -1, GzipFlip = -1 });
            bool lostNothing = c.GzipCut < 0 && OwnedFrame.Digest(read.Frames) == OwnedFrame.Digest(whole.Frames)
                && Stable(read.Counters) == Stable(whole.Counters);
            Assert.True(lostNothing || read.Input < 2, $"gzip damage not counted: {read.Counters}");
        }, ciIterations: 150);
    }

    [Fact]
    public void Identical_recordings_give_identical_digests_through_the_replay_source()
    {
        Property.Check(TextCase.Gen, c =>
        {
            using var dir = new TempDir();
            var bytes = c.FileBytes(out _);
            string a = dir.File(c.Gzip ? "a.gz" : "a.txt"), b = dir.File(c.Gzip ? "b.gz" : "b.txt");
            File.WriteAllBytes(a, bytes);
            File.WriteAllBytes(b, bytes);

            Assert.Equal(ReplayDigest(a), ReplayDigest(b));
        }, ciIterations: 100);
    }

    [Fact]
    public void Identical_recordings_give_identical_replay_driver_digests()
    {
        Property.Check(TextCase.Gen, c =>
        {
            using var dir = new TempDir();
            string path = dir.File(c.Gzip ? "a.gz" : "a.txt");
            File.WriteAllBytes(path, c.FileBytes(out _));

            Assert.Equal(DriverDigest(path), DriverDigest(path));
        }, ciIterations: 15);
    }

    // Bytes .NET's GZipStream decodes from (possibly damaged) gzip data before it stops or fails.
    private static long Decoded(byte[] gzip)
    {
        long n = 0;
        var buffer = new byte[1 << 16];
        try
        {
            using var z = new System.IO.Compression.GZipStream(new MemoryStream(gzip), System.IO.Compression.CompressionMode.Decompress);
            int read;
            while ((read = z.Read(buffer)) > 0) n += read;
        }
        catch (InvalidDataException)
        {
            // damaged: what was decoded before counts
        }
        return n;
    }

    // The counters without the temporary folder each read's copy lives in (the first problem names the file).
    private static string Stable(TextSourceCounters c) =>
        System.Text.RegularExpressions.Regex.Replace(c.ToString(), @"hft-rec-tests[/\\][0-9a-f]+", "<dir>");

    private sealed record ReadResult(List<OwnedFrame> Frames, TextSourceCounters Counters, long Input, long Allocated);

    private static ReadResult Read(TextCase c)
    {
        using var dir = new TempDir();
        string path = dir.File(c.Gzip ? "rec.gz" : "rec.txt");
        var bytes = c.FileBytes(out _);
        File.WriteAllBytes(path, bytes);
        var options = new TextSourceOptions(new SymbolRegistry()) { AutoRegisterVenue = "binance-spot", MaxLineBytes = LineDamage.MaxLineBytes };
        long before = GC.GetAllocatedBytesForCurrentThread();
        using var source = (HftBacktestTextSource)TextRecording.Open([path], options);
        var frames = new List<OwnedFrame>();
        while (source.TryRead(out var f)) frames.Add(OwnedFrame.From(f));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // The line buffer, file and gzip buffers, plus the copies made here: bounded by the input, whatever it holds.
        // Damaged deflate data may decode to more than the text it held (a flipped length or distance code): the bound
        // is on what the reader was given to read, decoded.
        long input = c.Gzip ? Math.Max(bytes.Length, Math.Max(c.Text().Length, Decoded(bytes))) : bytes.Length;
        Assert.True(allocated <= (2L << 20) + (16L * input), $"{allocated} bytes allocated reading {input} ({bytes.Length} on disk, text {c.Text().Length}): {source.Counters}");
        return new ReadResult(frames, source.Counters, bytes.Length, allocated);
    }

    private static void Check(TextCase c)
    {
        var text = c.Text();
        var oracle = TextOracle.Of(text, LineDamage.MaxLineBytes);

        var read = Read(c);

        var counters = read.Counters;
        Assert.Equal((oracle.Lines, (long)oracle.Frames.Count, oracle.Malformed, oracle.TooLong, 0L),
            (counters.Lines, counters.Frames, counters.Malformed, counters.TooLong, counters.CorruptFiles));
        Assert.Equal(oracle.Frames.Count, read.Frames.Count);
        Assert.Equal(oracle.Backwards, counters.LocalTimeBackwards);
        for (int i = 0; i < read.Frames.Count; i++)
        {
            Assert.Equal(oracle.Frames[i].Ts, read.Frames[i].LocalTimeNs);
            Assert.True(oracle.Frames[i].Json.AsSpan().SequenceEqual(read.Frames[i].Payload), $"frame {i} payload differs");
        }
        // Every frame goes through the parser: fast path == reference, counted once, never a throw.
        var pair = new ParserPair();
        foreach (var f in read.Frames) pair.Parse(new Core.Frames.RawFrame(f.LocalTimeNs, f.Origin, f.SymbolId, f.StreamId, f.Payload));
        Assert.Equal(read.Frames.Count, pair.Parser.Counters.Frames);

        var account = Accounts.Text(counters, text.Length, oracle.ParsedBytes);
        Assert.Equal(oracle.SkippedBytes, counters.SkippedBytes);
        Assert.Equal(0, account.Uncounted);
        Assert.Equal(oracle.Malformed + oracle.TooLong, account.SkippedRecords);
    }

    private static ulong ReplayDigest(string path)
    {
        var registry = new SymbolRegistry();
        if (TryOpen(registry, path) is not { } source) return 0;
        using (source)
        {
            var parser = new BinanceParser(registry, new BinanceParserOptions { AutoRegisterVenue = "binance-spot", MarkReplayed = true });
            var buffer = new MarketEventBuffer(1024);
            var digest = new MarketEventDigest();
            while (source.Frames!.TryRead(out var frame))
            {
                buffer.Clear();
                parser.Parse(in frame, buffer);
                digest.Add(buffer.Events);
            }
            return digest.Value;
        }
    }

    private static string DriverDigest(string path)
    {
        var registry = new SymbolRegistry();
        if (TryOpen(registry, path) is not { } source) return "refused";
        using (source)
        {
            var result = new ReplayDriver(registry, new ReplayDriverOptions { RingSize = 1024, Log = _ => { } }).Run(source);
            Assert.True(result.Drained);
            return $"{result.DigestHex} {result.Frames} {result.Events} {result.Parse} {result.Sync}";
        }
    }

    // A damaged first line may name no format: the factory refuses it with a clear error, the same way every time.
    private static ReplaySource? TryOpen(SymbolRegistry registry, string path)
    {
        try
        {
            return ReplaySourceFactory.Open(registry, [path], _ => { });
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
