namespace HftScalper.Native;

/// <summary>What one batch of events did to a book (blittable, 16 bytes; <c>hft_apply_result</c>).</summary>
public struct ApplyEventsResult
{
    /// <summary>Level events (book delta or snapshot level) applied.</summary>
    public int Applied;

    /// <summary>Level events skipped because of a bad side, a price &lt;= 0 or a negative quantity (book unchanged by them).</summary>
    public int Rejected;

    /// <summary>Events of other kinds or of another symbol.</summary>
    public int Ignored;

    /// <summary>Snapshot starts seen (each cleared the book before its first level).</summary>
    public int Snapshots;
}
