using HftScalper.Core.Events;

namespace HftScalper.Recording.Journal;

/// <summary>
/// Layout of an event journal (<see cref="JournalKind.Events"/>): the frame journal's segment and record framing
/// (<see cref="JournalFormat"/>: magic, MessagePack header, length + CRC32C per record), so the same recovery
/// code finds and cuts a torn tail, with each record one block of events:
/// <code>
/// record  := u32 payloadLength | u32 crc32c | i64 localTimeNs of the first event | i32 -1 | i32 eventCount
///            | u8 origin 0 | 3-byte sync marker | eventCount x 64-byte MarketEvent (its in-memory layout, little-endian)
/// </code>
/// A torn tail loses at most the last block, a damaged block only itself (the reader resyncs on the next valid
/// block). Symbol ids in the events are those of the header's symbol list.
/// </summary>
internal static class EventJournalFormat
{
    /// <summary>The record origin byte of an event block (raw frames use 1 and 2).</summary>
    public const byte BlockOrigin = 0;

    /// <summary>Default events per block: 4096 x 64 B = 256 KiB, a few large writes per MB and a torn tail
    /// loses at most that.</summary>
    public const int DefaultBlockEvents = 4096;

    /// <summary>Largest block: one record payload must stay under <see cref="JournalFormat.MaxPayloadLength"/>.</summary>
    public const int MaxBlockEvents = JournalFormat.MaxPayloadLength / MarketEvent.Size;

    /// <summary>
    /// True when a record that passed its CRC is a well-formed event block: origin 0, symbol -1, a payload of
    /// exactly <paramref name="eventCount"/> events (a CRC-valid record that breaks this was not written by us).
    /// </summary>
    public static bool IsBlock(ReadOnlySpan<byte> record, out int eventCount)
    {
        eventCount = JournalFormat.ReadStreamId(record);
        int payload = record.Length - JournalFormat.RecordHeaderSize;
        return JournalFormat.ReadOrigin(record) == BlockOrigin && JournalFormat.ReadSymbolId(record) == -1
            && eventCount > 0 && (long)eventCount * MarketEvent.Size == payload;
    }
}
