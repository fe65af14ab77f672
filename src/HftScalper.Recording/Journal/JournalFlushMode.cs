namespace HftScalper.Recording.Journal;

/// <summary>When the journal writer hands its buffer to the operating system.</summary>
public enum JournalFlushMode : byte
{
    /// <summary>Only when the buffer is full, a segment rolls, or on <see cref="JournalWriter.Flush"/>: fewest
    /// system calls; a crash loses at most one buffer.</summary>
    WhenFull = 0,

    /// <summary>Also at the end of each ring batch (<see cref="JournalWriter.EndOfBatch"/>): the side consumer's
    /// natural rhythm, bounded loss, few calls when the feed is busy.</summary>
    EndOfBatch,

    /// <summary>After every record: a crash loses nothing the process saw, at one write call per frame.</summary>
    EveryRecord,
}
