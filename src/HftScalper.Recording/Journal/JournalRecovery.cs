namespace HftScalper.Recording.Journal;

/// <summary>
/// Crash recovery: finds where a segment's last good record ends and cuts the torn or corrupt tail after it off, so
/// appending or replaying after a crash sees exactly the records that were fully written. Nothing before the last
/// good record is ever removed: a damaged span between good records is left in place (readers skip it) and reported.
/// </summary>
internal static class JournalRecovery
{
    /// <summary>Scans a segment without changing it.</summary>
    public static JournalScanResult Scan(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var cursor = new SegmentCursor(path, new byte[1 << 16]);
        long records = 0;
        while (cursor.TryNext(out _, out _)) records++;
        return new JournalScanResult(path, cursor.Status, records, cursor.GoodLength, cursor.FileLength, cursor.HeaderProblem,
            cursor.DamagedSpans, cursor.SkippedBytes);
    }

    /// <summary>
    /// Scans a segment and truncates a torn or corrupt tail to the last good record, logging one line and counting
    /// it in <paramref name="stats"/>. A segment whose header never made it to disk (a crash while creating it)
    /// holds no record and is deleted; a file that is not a journal is reported and left alone.
    /// </summary>
    /// <param name="path">Segment file.</param>
    /// <param name="stats">Counters to update (optional).</param>
    /// <param name="log">Where the log line goes (default: stderr).</param>
    public static JournalScanResult Repair(string path, JournalStats? stats = null, Action<string>? log = null)
    {
        log ??= Console.Error.WriteLine;
        var scan = Scan(path);
        if (scan.DamagedSpans > 0)
        {
            // Not a crash's doing and not cut: readers count these spans when they skip them.
            log($"journal: {path} holds {scan.DamagedSpans} damaged span(s) ({scan.SkippedBytes} bytes) between good records: " +
                "left in place, readers skip them");
        }
        if (scan.HasBadTail)
        {
            if (scan.Status == SegmentStatus.Torn) { if (stats is not null) stats.TornTails++; }
            else if (stats is not null) stats.CorruptRecords++;
            if (stats is not null) stats.DiscardedBytes += scan.FileLength - scan.GoodLength;
            using (var f = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read))
            {
                f.SetLength(scan.GoodLength);
                f.Flush(flushToDisk: true);
            }
            log($"journal: {scan.Status.ToString().ToLowerInvariant()} tail in {path}: kept {scan.Records} records " +
                $"({scan.GoodLength} bytes), truncated {scan.FileLength - scan.GoodLength} bytes");
        }
        else if (scan.Status == SegmentStatus.BadHeader)
        {
            if (stats is not null) stats.BadHeaders++;
            if ((scan.FileLength < JournalFormat.FilePreambleSize + 1 || scan.Problem == SegmentCursor.TornHeader)
                && StartsLikeJournal(path))
            {
                File.Delete(path);
                log($"journal: removed {path}: its header was never completely written ({scan.Problem})");
            }
            else
            {
                log($"journal: left {path} alone: {scan.Problem}");
            }
        }
        return scan;
    }

    // A segment is created by writing the preamble and header in one call: a crash can leave a prefix of them.
    private static bool StartsLikeJournal(string path)
    {
        Span<byte> head = stackalloc byte[8];
        using var f = File.OpenRead(path);
        int n = f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return n < head.Length ? JournalFormat.Magic.Slice(0, n).SequenceEqual(head.Slice(0, n)) : JournalFormat.HasMagic(head);
    }
}
