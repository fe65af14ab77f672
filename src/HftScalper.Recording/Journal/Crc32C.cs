using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace HftScalper.Recording.Journal;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of every journal record. Uses the SSE4.2
/// <c>crc32</c> instruction (8 bytes per step on x64) when present, else a slicing-by-8 table: both give the
/// same value, which a test asserts against known vectors.
/// </summary>
internal static class Crc32C
{
    private const uint Polynomial = 0x82F63B78u;

    // 8 tables of 256 entries: slicing-by-8 processes one 64-bit word per step in software.
    private static readonly uint[] Table = BuildTable();

    /// <summary>Whether the hardware instruction is used by <see cref="Compute(ReadOnlySpan{byte})"/>.</summary>
    public static bool IsHardwareAccelerated => Sse42.IsSupported;

    /// <summary>CRC-32C of <paramref name="data"/>, e.g. <c>Compute("123456789"u8) == 0xE3069283</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a CRC: <c>Append(Compute(a), b) == Compute(a + b)</c>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data) =>
        Sse42.IsSupported ? ~AppendHardware(~crc, data) : ~AppendSoftware(~crc, data);

    /// <summary>Software-only CRC-32C (table-driven), exposed so tests can check it against the hardware path.</summary>
    public static uint ComputeSoftware(ReadOnlySpan<byte> data) => ~AppendSoftware(~0u, data);

    /// <summary>Hardware-only CRC-32C; throws <see cref="PlatformNotSupportedException"/> without SSE4.2.</summary>
    public static uint ComputeHardware(ReadOnlySpan<byte> data) =>
        Sse42.IsSupported ? ~AppendHardware(~0u, data) : throw new PlatformNotSupportedException("SSE4.2 is not available");

    private static uint AppendHardware(uint crc, ReadOnlySpan<byte> data)
    {
        int i = 0;
        if (Sse42.X64.IsSupported)
        {
            ulong c = crc;
            for (; i + 8 <= data.Length; i += 8)
                c = Sse42.X64.Crc32(c, BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(i)));
            crc = (uint)c;
        }
        for (; i + 4 <= data.Length; i += 4)
            crc = Sse42.Crc32(crc, BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i)));
        for (; i < data.Length; i++) crc = Sse42.Crc32(crc, data[i]);
        return crc;
    }

    private static uint AppendSoftware(uint crc, ReadOnlySpan<byte> data)
    {
        var t = Table;
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            uint lo = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i)) ^ crc;
            uint hi = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i + 4));
            crc = t[7 * 256 + (lo & 0xFF)] ^ t[6 * 256 + ((lo >> 8) & 0xFF)] ^
                  t[5 * 256 + ((lo >> 16) & 0xFF)] ^ t[4 * 256 + (lo >> 24)] ^
                  t[3 * 256 + (hi & 0xFF)] ^ t[2 * 256 + ((hi >> 8) & 0xFF)] ^
                  t[1 * 256 + ((hi >> 16) & 0xFF)] ^ t[hi >> 24];
        }
        for (; i < data.Length; i++) crc = t[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    private static uint[] BuildTable()
    {
        var t = new uint[8 * 256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
            t[n] = c;
        }
        for (int s = 1; s < 8; s++)
            for (int n = 0; n < 256; n++)
                t[s * 256 + n] = (t[(s - 1) * 256 + n] >> 8) ^ t[t[(s - 1) * 256 + n] & 0xFF];
        return t;
    }
}
