namespace HftScalper.Recording.Journal;

/// <summary>Counters of a journal reader, writer or recovery: every damaged byte is counted, never hidden.</summary>
public sealed class JournalStats
{
    /// <summary>Records read or written.</summary>
    public long Records { get; internal set; }

    /// <summary>Payload bytes read or written.</summary>
    public long PayloadBytes { get; internal set; }

    /// <summary>Segments opened.</summary>
    public long Segments { get; internal set; }

    /// <summary>Segments that ended inside a record (a torn write: crash, kill -9, disk full).</summary>
    public long TornTails { get; internal set; }

    /// <summary>Segments whose good prefix ended at a record failing its checksum or bounds.</summary>
    public long CorruptRecords { get; internal set; }

    /// <summary>Segments whose preamble or MessagePack header was missing or invalid.</summary>
    public long BadHeaders { get; internal set; }

    /// <summary>Bytes after the last good record that were skipped (reader) or cut off (recovery).</summary>
    public long DiscardedBytes { get; internal set; }

    /// <inheritdoc />
    public override string ToString() =>
        $"records={Records} payloadBytes={PayloadBytes} segments={Segments} tornTails={TornTails} " +
        $"corrupt={CorruptRecords} badHeaders={BadHeaders} discardedBytes={DiscardedBytes}";
}
