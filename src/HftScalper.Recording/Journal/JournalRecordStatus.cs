namespace HftScalper.Recording.Journal;

/// <summary>Outcome of checking one journal record.</summary>
public enum JournalRecordStatus : byte
{
    /// <summary>Complete and its checksum matches.</summary>
    Ok = 0,

    /// <summary>The data ends inside the record: read more, or, at end of file, the tail is torn.</summary>
    Incomplete,

    /// <summary>Impossible length, non-zero reserved bytes or a checksum mismatch.</summary>
    Corrupt,
}
