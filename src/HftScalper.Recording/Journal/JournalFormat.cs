using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace HftScalper.Recording.Journal;

/// <summary>
/// On-disk layout of a journal segment (all integers little-endian):
/// <code>
/// segment := magic "HFTJRNL" + layout byte (8) | u32 headerLength | u32 crc32c(header) | MessagePack header | record*
/// record  := u32 payloadLength | u32 crc32c(bytes 0..4 and 8..end) | i64 localTimeNs | i32 symbolId
///            | i32 streamId | u8 origin | 3-byte sync marker F7 5A A5 | payload
/// </code>
/// The CRC covers the length and the marker too, so a flipped length bit is caught rather than sending the reader
/// astray. A record that fails its check is skipped: the reader scans forward for the next sync marker whose record
/// checks out (length in bounds, CRC) and goes on from there, counting the bytes it skipped. 0xF7 never occurs in
/// UTF-8, so a frame payload (JSON text) cannot hold a false marker; in binary payloads a false one is rejected by
/// its CRC (2^-32).
/// Layout 1 (files written before the marker) has three zero bytes in its place; it is still read, and resynced on
/// those zeros, which JSON payloads never contain either.
/// </summary>
public static class JournalFormat
{
    /// <summary>The 8 bytes every segment written now starts with (the last byte is the layout version).</summary>
    public static ReadOnlySpan<byte> Magic => "HFTJRNL\u0002"u8;

    /// <summary>The first 7 bytes of every segment's magic, whatever its layout.</summary>
    private static ReadOnlySpan<byte> MagicStem => "HFTJRNL"u8;

    /// <summary>Version of the record layout: the magic's last byte and the header's <c>formatVersion</c>.</summary>
    public const int FormatVersion = 2;

    /// <summary>The oldest layout still read (no sync marker).</summary>
    public const int FirstFormatVersion = 1;

    /// <summary>Bytes 25..27 of every record of layout 2: lets a reader find the next record after damage.</summary>
    public static ReadOnlySpan<byte> SyncMarker => [0xF7, 0x5A, 0xA5];

    // Layout 1 wrote zeros where the marker now is.
    private static ReadOnlySpan<byte> ZeroMarker => [0, 0, 0];

    private const int MarkerOffset = 25;

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

    /// <summary>True when <paramref name="prefix"/> starts with the magic of a journal layout this version reads.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> prefix) => LayoutOf(prefix) != 0;

    /// <summary>The record layout a segment's first 8 bytes announce (1 or 2), or 0 when they are not a magic this
    /// version reads (not a journal, or a later layout).</summary>
    public static int LayoutOf(ReadOnlySpan<byte> prefix) =>
        prefix.Length >= 8 && prefix.StartsWith(MagicStem) && prefix[7] is >= FirstFormatVersion and <= FormatVersion ? prefix[7] : 0;

    /// <summary>True when <paramref name="prefix"/> starts like a journal of a later layout than this version reads.</summary>
    public static bool IsLaterLayout(ReadOnlySpan<byte> prefix) =>
        prefix.Length >= 8 && prefix.StartsWith(MagicStem) && prefix[7] > FormatVersion;

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
        SyncMarker.CopyTo(dest.Slice(MarkerOffset));
        payload.CopyTo(dest.Slice(RecordHeaderSize));
        uint crc = Crc32C.Append(Crc32C.Compute(dest.Slice(0, 4)), dest.Slice(8, RecordHeaderSize - 8 + payload.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(dest.Slice(4), crc);
    }

    /// <summary>
    /// Checks the record at the start of <paramref name="buffer"/> (layout <see cref="FormatVersion"/>). Returns
    /// <see cref="JournalRecordStatus.Ok"/> with its total size, <see cref="JournalRecordStatus.Incomplete"/> when the
    /// buffer ends inside it (more data may follow, or the tail is torn), or <see cref="JournalRecordStatus.Corrupt"/>.
    /// </summary>
    public static JournalRecordStatus CheckRecord(ReadOnlySpan<byte> buffer, out int recordSize) =>
        CheckRecord(buffer, FormatVersion, out recordSize);

    /// <summary>Checks the record at the start of <paramref name="buffer"/> in record layout <paramref name="layout"/>
    /// (1 or 2, see <see cref="LayoutOf"/>).</summary>
    public static JournalRecordStatus CheckRecord(ReadOnlySpan<byte> buffer, int layout, out int recordSize)
    {
        recordSize = 0;
        if (buffer.Length < RecordHeaderSize) return JournalRecordStatus.Incomplete;
        uint len = BinaryPrimitives.ReadUInt32LittleEndian(buffer);
        if (len > MaxPayloadLength || !buffer.Slice(MarkerOffset, 3).SequenceEqual(MarkerOf(layout)))
            return JournalRecordStatus.Corrupt;
        int size = RecordHeaderSize + (int)len;
        if (buffer.Length < size) return JournalRecordStatus.Incomplete;
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(buffer.Slice(4));
        uint crc = Crc32C.Append(Crc32C.Compute(buffer.Slice(0, 4)), buffer.Slice(8, size - 8));
        if (crc != stored) return JournalRecordStatus.Corrupt;
        recordSize = size;
        return JournalRecordStatus.Ok;
    }

    /// <summary>
    /// Where the next record of layout <paramref name="layout"/> may start in <paramref name="window"/>: the first
    /// offset whose bytes 25..27 hold the layout's marker and whose fixed header fits in the window; -1 when none does.
    /// A candidate is only a record once <see cref="CheckRecord(ReadOnlySpan{byte}, int, out int)"/> accepts it.
    /// </summary>
    public static int FindRecordCandidate(ReadOnlySpan<byte> window, int layout)
    {
        var marker = MarkerOf(layout);
        int from = 0;
        while (window.Length - from >= RecordHeaderSize)
        {
            int at = window.Slice(from + MarkerOffset).IndexOf(marker);
            if (at < 0) return -1;
            int p = from + at;
            if (IsPlausible(window.Slice(p))) return p;
            from = p + 1;
        }
        return -1;
    }

    // A cheap filter before the CRC decides: a length in bounds and an origin we write (0 event block, 1 WebSocket,
    // 2 REST snapshot, 3 order record of exactly its size); an event block also names symbol -1 and holds exactly its event count x 64 bytes. It keeps a
    // layout-1 scan (whose marker is three zeros) through zero-rich event data from reading and checksumming every
    // zero run as a record of some random length.
    private static bool IsPlausible(ReadOnlySpan<byte> record)
    {
        uint len = BinaryPrimitives.ReadUInt32LittleEndian(record);
        byte origin = ReadOrigin(record);
        if (len > MaxPayloadLength || origin > Orders.OrderJournalWriter.RecordOrigin) return false;
        if (origin == Orders.OrderJournalWriter.RecordOrigin) return len == Orders.OrderJournalRecord.Size;
        return origin != EventJournalFormat.BlockOrigin
            || (ReadSymbolId(record) == -1 && len > 0 && (long)ReadStreamId(record) * Core.Events.MarketEvent.Size == len);
    }

    private static ReadOnlySpan<byte> MarkerOf(int layout) => layout == FirstFormatVersion ? ZeroMarker : SyncMarker;

    /// <summary>Local receive time of a record already checked with <see cref="CheckRecord(ReadOnlySpan{byte}, int, out int)"/>.</summary>
    public static long ReadLocalTimeNs(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt64LittleEndian(record.Slice(8));

    /// <summary>Symbol id of a checked record.</summary>
    public static int ReadSymbolId(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt32LittleEndian(record.Slice(16));

    /// <summary>Stream id of a checked record.</summary>
    public static int ReadStreamId(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt32LittleEndian(record.Slice(20));

    /// <summary>Origin byte of a checked record.</summary>
    public static byte ReadOrigin(ReadOnlySpan<byte> record) => record[24];
}
