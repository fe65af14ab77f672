using CsCheck;
using HftScalper.Properties.Tests.Harness;
using HftScalper.Recording.Journal;

namespace HftScalper.Properties.Tests.Journal;

/// <summary>
/// The frame journal on generated frames, rolled into one or many segments, then damaged (cuts, bit flips,
/// overwritten runs, appended garbage): the reader never throws, returns every record written before the first
/// damaged byte of each segment exactly and nothing it did not write, accounts for every byte (parsed or counted as
/// discarded), logs what it skipped, and gives identical frames for identical files.
/// </summary>
public sealed class FrameJournalProperties
{
    [Fact]
    public void Undamaged_journals_read_back_exactly()
    {
        Property.Check(JournalCase.Gen.Select(c => c with { Damage = [] }), (JournalCase c) =>
        {
            using var dir = new TempDir();
            var written = Write(c, dir.Path);

            using var reader = new JournalReader(dir.Path, _ => Assert.Fail("an undamaged journal logged damage"));
            var read = OwnedFrame.ReadAll(reader);

            Assert.Equal(written.Count, read.Count);
            Assert.All(read.Zip(written), p => Assert.True(p.First.Same(p.Second)));
            var account = Accounts.Journal(reader.Stats, reader.Segments);
            Assert.Equal((account.Input, 0L, 0L), (account.Parsed, account.Skipped, account.SkippedRecords));
        }, ciIterations: 60);
    }

    [Fact]
    public void Damaged_journals_keep_every_record_before_the_damage_and_count_the_rest()
    {
        Property.Check(JournalCase.Gen, c => Check(c, JournalTighten.None), ciIterations: 150);
    }

    // The reader scans forward past a bad CRC, so every record no damage changed comes back (4DBZfKmBwXwBAa0E2,
    // shrunk aosGG7i0CTe1).
    [Fact]
    public void Damaged_journals_return_every_record_the_damage_did_not_touch()
    {
        Property.Check(JournalCase.Gen, c => Check(c, JournalTighten.ScanForward), ciIterations: 150);
    }

    // A segment whose header is damaged counts its bytes as skipped: all of them when it is skipped whole, the preamble
    // and header when its records are read under a sibling's header (2K5-Cxv1p5uuMxv8, shrunk 59kcpB2ioch1).
    [Fact]
    public void Damaged_journal_headers_count_their_bytes_as_skipped()
    {
        Property.Check(JournalCase.Gen, c => Check(c, JournalTighten.HeaderBytes), ciIterations: 150);
    }

    // A flipped bit in a record's length field claims up to 64 MB; the reader grew its buffer to the claimed size before
    // it found the file too short (a 361-byte segment cost 34.6 MB: fmemPv52QOJb4-nI1, eIC7ZH1Y-Xr1). Now the buffer
    // never grows past the bytes left in the file.
    [Fact]
    public void Damaged_length_fields_never_make_the_reader_allocate_more_than_the_file()
    {
        Property.Check(WithLengthFlips, c => Check(c, JournalTighten.BoundedAllocation), ciIterations: 150);
    }

    private static readonly Gen<JournalCase> WithLengthFlips = Gen.Frequency((1, JournalCase.Gen),
        (1, JournalCase.Gen.Select(c => c with { Damage = [new SegmentDamage(SegmentDamageKind.FlipLengthBit, 0, 0, 1, 0x85)] })));

    private const JournalTighten All = JournalTighten.ScanForward | JournalTighten.HeaderBytes | JournalTighten.BoundedAllocation;

    // The seeds the properties above failed on before the fixes (scan-forward, bad-header bytes, allocation bounded).
    [Theory]
    [InlineData("4DBZfKmBwXwBAa0E2")]
    [InlineData("aosGG7i0CTe1")]
    [InlineData("2K5-Cxv1p5uuMxv8")]
    [InlineData("59kcpB2ioch1")]
    public void Journals_of_the_seeds_found_before_the_fixes_keep_every_check(string seed) =>
        Property.Replay(JournalCase.Gen, c => Check(c, All), seed);

    [Theory]
    [InlineData("fmemPv52QOJb4-nI1")]
    [InlineData("eIC7ZH1Y-Xr1")]
    public void Length_flips_of_the_seeds_found_before_the_fix_stay_within_the_file(string seed) =>
        Property.Replay(WithLengthFlips, c => Check(c, All), seed);

    internal static List<OwnedFrame> Write(JournalCase c, string dir)
    {
        var options = new JournalWriterOptions { Directory = dir, Host = "prop", Log = _ => { }, SegmentMaxBytes = c.SmallSegments ? 4096 : 256L << 20 };
        var frames = c.ToRaw().ToList();
        using (var w = new JournalWriter(options))
            foreach (var f in frames) w.Append(in f);
        return frames.Select(f => OwnedFrame.From(f)).ToList();
    }

    private static void Check(JournalCase c, JournalTighten tighten)
    {
        using var dir = new TempDir();
        var written = Write(c, dir.Path);
        var segments = JournalDirectory.ListSegments(dir.Path);
        var files = segments.Select(File.ReadAllBytes).ToList();
        var layouts = files.Select(JournalLayout.Of).ToList();
        var pristine = files.Select(f => f.ToArray()).ToList();
        var damaged = c.Damage.Select(d => d.Apply(files)).ToList();
        for (int s = 0; s < segments.Count; s++) File.WriteAllBytes(segments[s], files[s]);

        int first = 0;
        var all = new List<OwnedFrame>();
        for (int s = 0; s < segments.Count; s++)
        {
            var original = written.Skip(first).Take(layouts[s].RecordEnds.Length).ToList();
            first += original.Count;
            var ranges = damaged.Where(d => d.Segment == s).Select(d => (d.From, d.To)).ToList();
            long firstDamage = ranges.Count == 0 ? long.MaxValue : ranges.Min(r => r.From);
            var logged = new List<string>();

            long before = GC.GetAllocatedBytesForCurrentThread();
            using var reader = new JournalReader([segments[s]], logged.Add);
            var read = OwnedFrame.ReadAll(reader);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            all.AddRange(read);

            // Nothing invented, nothing reordered: the frames returned are some of the segment's own, in order.
            int at = 0;
            foreach (var f in read)
            {
                while (at < original.Count && !original[at].Same(f)) at++;
                Assert.True(at < original.Count, $"segment {s}: returned a frame that was never written (index {f.Index})");
                at++;
            }
            // Every record that ends before the first damaged byte comes back exactly.
            int kept = layouts[s].RecordsBefore(firstDamage);
            Assert.True(read.Count >= kept, $"segment {s}: {read.Count} frames returned, {kept} were before the damage at {firstDamage}");
            for (int i = 0; i < kept; i++) Assert.True(read[i].Same(original[i]), $"segment {s}: frame {i} differs");

            if ((tighten & JournalTighten.ScanForward) != 0 && !ranges.Any(r => r.From < layouts[s].HeaderEnd))
                Assert.Equal(layouts[s].Intact(pristine[s], files[s]).ToList(), read.Select(f => original.FindIndex(o => o.Same(f))).ToList());
            JournalChecks.Segment(reader.Stats, segments[s], logged, allocated, tighten);
        }

        // The whole folder reads as the segments one after another; identical files give identical frames.
        using (var reader = new JournalReader(dir.Path, _ => { }))
        {
            var whole = OwnedFrame.ReadAll(reader);
            Assert.Equal(OwnedFrame.Digest(all), OwnedFrame.Digest(whole));
        }
        using var copy = new TempDir();
        foreach (var seg in segments) File.Copy(seg, Path.Combine(copy.Path, Path.GetFileName(seg)));
        using (var reader = new JournalReader(copy.Path, _ => { }))
            Assert.Equal(OwnedFrame.Digest(all), OwnedFrame.Digest(OwnedFrame.ReadAll(reader)));
    }
}
