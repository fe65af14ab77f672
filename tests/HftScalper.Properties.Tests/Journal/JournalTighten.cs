namespace HftScalper.Properties.Tests.Journal;

/// <summary>The stricter journal checks that wait for h2's reader (each enabled by one skipped test).</summary>
[Flags]
internal enum JournalTighten
{
    None = 0,

    /// <summary>Every record no damage touched comes back (scan forward past a bad record).</summary>
    ScanForward = 1,

    /// <summary>A segment with a bad header counts its bytes as skipped.</summary>
    HeaderBytes = 2,

    /// <summary>Reading allocates in proportion to the file, never to a damaged length field.</summary>
    BoundedAllocation = 4,
}
