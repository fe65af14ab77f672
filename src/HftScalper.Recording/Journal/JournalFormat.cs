using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace HftScalper.Recording.Journal;

/// <summary>
/// On-disk layout of a journal segment (all integers little-endian):
/// <code>
/// segment := magic "HFTJRNL\x01" (8) | u32 headerLength | u32 crc32c(header) | MessagePack header | record*
/// record  := u32 payloadLength | u32 crc32c(bytes 0..4 and 8..end) | i64 localTimeNs | i32 symbolId
///            | i32 streamId | u8 origin | 3 zero bytes | payload
/// </code>
/// The CRC covers the length too, so a flipped length bit is caught rather than sending the reader astray.
/// A record that is short (torn write) or fails its CRC ends the good prefix of the segment.
/// </summary>
public static class JournalFormat
{
    /// <summary>The 8 bytes every segment starts with (the last byte is the layout version).</summary>
    public static ReadOnlySpan<byte> Magic => "HFTJRNL\u0001"u8;

    /// <summary>Version of the record layout written in the MessagePack header.</summary>
    public const int FormatVersion = 1;

    /// <summary>File extension of segments.</summary>
    public const string FileExtension = ".hftj";

    /// <summary>Bytes before the MessagePack header: magic, length, CRC.</summary>
    public const int FilePreambleSize = 16;

    /// <summary>Fixed bytes before each record's payload.</summary>
    public const int RecordHeaderSize = 28;

    /// <summary>Largest payload accepted (a REST snapshot of 5000 levels is ~300 KB); anything larger is corruption.</summary>
    public const int MaxPayloadLength = 64 << 20;

    /// <summary>Largest MessagePack header accepted.</summary>
    public const int MaxHeaderLength = 1 << 20;

    /// <summary>True when <paramref name="prefix"/> starts with the journal magic.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> prefix) => prefix.StartsWith(Magic);

    /// <summary>Total bytes a record with a payload of <paramref name="payloadLength"/> bytes occupies.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int RecordSize(int payloadLength) => RecordHeaderSize + payloadLength;

    /// <summary>Writes one record into <paramref name="dest"/> (which must hold <see cref="RecordSize"/> bytes).</summary>
    public static void WriteRecord(Span<byte> dest, long localTimeNs, byte origin, int symbolId, int streamId,
        ReadOnlySpan<byte> payload)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(dest, (uint)payload.Length);
        BinaryPrimitives.WriteInt64LittleEndian(dest.Slice(8), localTimeNs);
        BinaryPrimitives.WriteInt32LittleEndian(dest.Slice(16), symbolId);
        BinaryPrimitives.WriteInt32LittleEndian(dest.Slice(20), streamId);
        dest[24] = origin;
        dest[25] = dest[26] = dest[27] = 0;
        payload.CopyTo(dest.Slice(RecordHeaderSize));
        uint crc = Crc32C.Append(Crc32C.Compute(dest.Slice(0, 4)), dest.Slice(8, RecordHeaderSize - 8 + payload.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(dest.Slice(4), crc);
    }

    /// <summary>
    /// Checks the record at the start of <paramref name="buffer"/>. Returns <see cref="JournalRecordStatus.Ok"/>
    /// with its total size, <see cref="JournalRecordStatus.Incomplete"/> when the buffer ends inside it (more data
    /// may follow, or the tail is torn), or <see cref="JournalRecordStatus.Corrupt"/>.
    /// </summary>
    public static JournalRecordStatus CheckRecord(ReadOnlySpan<byte> buffer, out int recordSize)
    {
        recordSize = 0;
        if (buffer.Length < RecordHeaderSize) return JournalRecordStatus.Incomplete;
        uint len = BinaryPrimitives.ReadUInt32LittleEndian(buffer);
        if (len > MaxPayloadLength || buffer[25] != 0 || buffer[26] != 0 || buffer[27] != 0)
            return JournalRecordStatus.Corrupt;
        int size = RecordHeaderSize + (int)len;
        if (buffer.Length < size) return JournalRecordStatus.Incomplete;
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(buffer.Slice(4));
        uint crc = Crc32C.Append(Crc32C.Compute(buffer.Slice(0, 4)), buffer.Slice(8, size - 8));
        if (crc != stored) return JournalRecordStatus.Corrupt;
        recordSize = size;
        return JournalRecordStatus.Ok;
    }

    /// <summary>Local receive time of a record already checked with <see cref="CheckRecord"/>.</summary>
    public static long ReadLocalTimeNs(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt64LittleEndian(record.Slice(8));

    /// <summary>Symbol id of a checked record.</summary>
    public static int ReadSymbolId(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt32LittleEndian(record.Slice(16));

    /// <summary>Stream id of a checked record.</summary>
    public static int ReadStreamId(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt32LittleEndian(record.Slice(20));

    /// <summary>Origin byte of a checked record.</summary>
    public static byte ReadOrigin(ReadOnlySpan<byte> record) => record[24];
}
