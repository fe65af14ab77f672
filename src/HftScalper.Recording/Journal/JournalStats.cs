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

    /// <summary>Damaged spots: each place where a record failed its checksum, bounds or sync marker (a CRC failure).
    /// The reader skipped the damaged bytes and resumed at the next valid record; a segment whose damage runs to its
    /// end counts once here too. How many records a damaged span held is unknowable (their framing is what is
    /// damaged), so the exact loss is <see cref="DiscardedBytes"/>.</summary>
    public long CorruptRecords { get; internal set; }

    /// <summary>Segments whose preamble or MessagePack header was missing or invalid.</summary>
    public long BadHeaders { get; internal set; }

    /// <summary>Bytes skipped: damaged spans between good records and bad tails (reader), or tails cut off (recovery).</summary>
    public long DiscardedBytes { get; internal set; }

    /// <inheritdoc />
    public override string ToString() =>
        $"records={Records} payloadBytes={PayloadBytes} segments={Segments} tornTails={TornTails} " +
        $"corrupt={CorruptRecords} badHeaders={BadHeaders} discardedBytes={DiscardedBytes}";
}
