using System.IO.Compression;
using System.Text;
using HftScalper.Core.Symbols;
using HftScalper.Properties.Tests.Harness;
using HftScalper.Recording.Sources.Text;

namespace HftScalper.Properties.Tests.Text;

/// <summary>Two concrete gzip damages the property found, kept as plain examples (the property shrinks to these shapes).</summary>
public sealed class GzipDamageExamples
{
    private static byte[] Recording()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 2000; i++)
            sb.Append(1_723_161_255_000_000_000L + i).Append(" {\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"t\":")
              .Append(i).Append(",\"p\":\"1.00\",\"q\":\"1.00\",\"T\":1,\"m\":true}}\n");
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(Encoding.UTF8.GetBytes(sb.ToString()));
        return ms.ToArray();
    }

    private static TextSourceCounters Read(byte[] file)
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("rec.gz"), file);
        using var source = (HftBacktestTextSource)TextRecording.Open([dir.File("rec.gz")], new TextSourceOptions(new SymbolRegistry()));
        while (source.TryRead(out _)) { }
        return source.Counters;
    }

    // .NET's GZipStream ends a truncated member without an error; CheckedGzipStream (h3) counts it (truncated stream).
    [Fact]
    public void A_gzip_recording_cut_in_half_is_counted_as_damage()
    {
        var file = Recording();

        var counters = Read(file[..(file.Length / 2)]);

        Assert.True(counters.Frames < 2000);
        Assert.Equal(1, counters.CorruptFiles);
    }

    [Fact]
    public void A_flipped_bit_in_the_gzip_trailer_is_counted_as_damage()
    {
        var file = Recording();
        file[^6] ^= 0x10; // inside the CRC32 of the trailer

        var counters = Read(file);

        Assert.Equal(1, counters.CorruptFiles);
    }
}
