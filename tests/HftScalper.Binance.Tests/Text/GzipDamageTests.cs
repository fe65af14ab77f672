using System.IO.Compression;
using System.Text;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Integrity;
using HftScalper.Recording.Sources.Text;
using HftScalper.Tests.Shared;

namespace HftScalper.Binance.Tests.Text;

/// <summary>Damaged gzip recordings are read as far as they can be and every kind of damage is counted (issue 13).</summary>
public sealed class GzipDamageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gzip-damage-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_clean_gzip_file_reports_no_damage()
    {
        var path = Write("clean.gz", Member(0, 3000));

        var (lines, damage) = Read(path);

        Assert.Equal(3000, lines);
        Assert.False(damage.Any, damage.ToString());
    }

    [Fact]
    public void A_truncated_gzip_file_counts_a_truncated_stream()
    {
        var bytes = Member(0, 3000);
        var path = Write("cut.gz", bytes[..(bytes.Length / 2)]);

        var (lines, damage) = Read(path);

        Assert.InRange(lines, 1, 2999);
        Assert.Equal(1, damage.TruncatedStreams);
        Assert.Equal(1, damage.CorruptFiles);
        Assert.Contains("truncated", damage.FirstProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void Flipped_bits_in_gzip_data_count_a_crc_failure()
    {
        var bytes = Member(0, 3000);
        for (int i = 0; i < 3; i++) bytes[(bytes.Length / 2) + (i * 97)] ^= 0x10;
        var path = Write("flip.gz", bytes);

        var (_, damage) = Read(path);

        Assert.Equal(1, damage.CrcFailures);
        Assert.Equal(1, damage.CorruptFiles);
        Assert.Equal(0, damage.TruncatedStreams);
    }

    [Fact]
    public void Concatenated_gzip_members_are_all_read()
    {
        var path = Write("multi.gz", [.. Member(0, 1000), .. Member(1000, 1000), .. Member(2000, 500)]);

        var (lines, damage) = Read(path);

        Assert.Equal(2500, lines);
        Assert.False(damage.Any, damage.ToString());
    }

    [Fact]
    public void Reading_resumes_at_the_next_gzip_member_after_a_corrupt_one()
    {
        var first = Member(0, 2000);
        // Overwrite a stretch in the middle of the first member: its data cannot be decoded or checked any more.
        Array.Fill(first, (byte)0xFF, first.Length / 2, 64);
        var second = Member(5000, 1000);
        var path = Write("resume.gz", [.. first, .. second]);

        var (lines, damage, times) = ReadTimes(path);

        Assert.Equal(1, damage.CrcFailures);
        Assert.True(damage.BytesSkipped + damage.MalformedLines > 0, damage.ToString());
        Assert.Equal(1000, times.Count(t => t >= 5000 && t < 6000)); // every line of the good member
        Assert.True(lines >= 1000);
    }

    [Fact]
    public void Bytes_after_the_last_member_are_counted_as_skipped()
    {
        var path = Write("tail.gz", [.. Member(0, 100), .. Enumerable.Repeat((byte)0x41, 100)]);

        var (lines, damage) = Read(path);

        Assert.Equal(100, lines);
        Assert.Equal(100, damage.BytesSkipped);
    }

    [Fact]
    public void Malformed_lines_are_input_damage()
    {
        var path = Path.Combine(_dir, "bad.txt");
        File.WriteAllText(path, "1 {\"a\":1}\nnot a line\n2 {\"a\":2}\n");

        var (lines, damage) = Read(path);

        Assert.Equal(2, lines);
        Assert.Equal(1, damage.MalformedLines);
        Assert.Equal(0, damage.CrcFailures + damage.TruncatedStreams);
        Assert.Equal("not a line\n".Length, damage.BytesSkipped); // a skipped line's bytes are counted (every byte parsed or skipped)
    }

    [RequiresDataFact]
    public void The_real_spot_recording_has_no_damage()
    {
        using var source = new HftBacktestTextSource(TestData.BinanceSpotBtcusdt, new TextSourceOptions(new SymbolRegistry()) { AutoRegisterVenue = "binance-spot" });
        long n = 0;
        while (source.TryRead(out _)) n++;

        Assert.Equal(99_574, n);
        Assert.False(InputDamage.Of(source).Any, InputDamage.Of(source).ToString());
    }

    // One gzip member of lines "<t> {"i":t}" for t in [from, from + count).
    private static byte[] Member(int from, int count)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            var text = string.Concat(Enumerable.Range(from, count).Select(i => $"{i} {{\"i\":{i},\"pad\":\"{new string((char)('a' + (i % 26)), i % 40)}\"}}\n"));
            gz.Write(Encoding.UTF8.GetBytes(text));
        }
        return ms.ToArray();
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static (int Lines, InputDamage Damage) Read(string path)
    {
        var (lines, damage, _) = ReadTimes(path);
        return (lines, damage);
    }

    private static (int Lines, InputDamage Damage, List<long> Times) ReadTimes(string path)
    {
        using var source = new HftBacktestTextSource([path], new TextSourceOptions(new SymbolRegistry()));
        var times = new List<long>();
        while (source.TryRead(out RawFrame f)) times.Add(f.LocalTimeNs);
        return (times.Count, InputDamage.Of(source), times);
    }
}
