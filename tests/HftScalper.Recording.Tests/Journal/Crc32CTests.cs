using System.Runtime.Intrinsics.X86;
using System.Text;
using HftScalper.Recording.Journal;

namespace HftScalper.Recording.Tests.Journal;

public sealed class Crc32CTests
{
    public static TheoryData<string, uint> Vectors => new()
    {
        // RFC 3720 (iSCSI) appendix B.4 and the standard check value.
        { "123456789", 0xE3069283u },
        { "zeros32", 0x8A9136AAu },
        { "ones32", 0x62A8AB43u },
        { "ascending32", 0x46DD794Eu },
        { "descending32", 0x113FDB5Cu },
        { "", 0u },
    };

    private static byte[] Bytes(string name) => name switch
    {
        "zeros32" => new byte[32],
        "ones32" => Enumerable.Repeat((byte)0xFF, 32).ToArray(),
        "ascending32" => Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(),
        "descending32" => Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray(),
        _ => Encoding.ASCII.GetBytes(name),
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Software_table_matches_known_vectors(string input, uint expected)
    {
        Assert.Equal(expected, Crc32C.ComputeSoftware(Bytes(input)));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Hardware_instruction_matches_known_vectors(string input, uint expected)
    {
        if (!Sse42.IsSupported)
        {
            Assert.Throws<PlatformNotSupportedException>(() => Crc32C.ComputeHardware(Bytes(input)));
            return;
        }
        Assert.Equal(expected, Crc32C.ComputeHardware(Bytes(input)));
        Assert.Equal(expected, Crc32C.Compute(Bytes(input)));
    }

    [Fact]
    public void Hardware_and_software_agree_on_every_length_and_alignment()
    {
        var rng = new Random(7);
        var data = new byte[300];
        rng.NextBytes(data);
        for (int start = 0; start < 9; start++)
            for (int len = 0; len + start <= data.Length; len += 1 + len / 16)
            {
                var span = data.AsSpan(start, len);
                Assert.Equal(Crc32C.ComputeSoftware(span), Crc32C.Compute(span));
            }
    }

    [Fact]
    public void Append_continues_a_crc_across_pieces()
    {
        var data = Encoding.ASCII.GetBytes("123456789-and-some-more-bytes-to-cross-words");
        for (int cut = 0; cut <= data.Length; cut++)
            Assert.Equal(Crc32C.Compute(data), Crc32C.Append(Crc32C.Compute(data.AsSpan(0, cut)), data.AsSpan(cut)));
    }
}
