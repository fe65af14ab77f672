namespace HftScalper.Recording.Journal;

/// <summary>Where a segment's good prefix ended.</summary>
public enum SegmentStatus : byte
{
    /// <summary>Still reading.</summary>
    Reading = 0,

    /// <summary>Clean end: the file ends exactly after a good record.</summary>
    End,

    /// <summary>The file ends inside a record (torn write).</summary>
    Torn,

    /// <summary>A record failed its checksum or bounds.</summary>
    Corrupt,

    /// <summary>The preamble or header is missing, torn or invalid: no record can be trusted.</summary>
    BadHeader,
}
