namespace HftScalper.Recording.Journal;

/// <summary>What a scan of one segment found.</summary>
/// <param name="Path">The segment file.</param>
/// <param name="Status">How its good prefix ended.</param>
/// <param name="Records">Good records in it.</param>
/// <param name="GoodLength">File offset just past the last good record.</param>
/// <param name="FileLength">Length of the file when scanned.</param>
/// <param name="Problem">Why the header was rejected, when it was.</param>
/// <param name="DamagedSpans">Damaged spans between good records (skipped by readers, left in place by repair).</param>
/// <param name="SkippedBytes">Bytes of those spans.</param>
public readonly record struct JournalScanResult(
    string Path, SegmentStatus Status, long Records, long GoodLength, long FileLength, string? Problem,
    long DamagedSpans = 0, long SkippedBytes = 0)
{
    /// <summary>True when bytes after the good prefix exist (torn or corrupt tail).</summary>
    public bool HasBadTail => Status is SegmentStatus.Torn or SegmentStatus.Corrupt;
}
