namespace HftScalper.Recording.Integrity;

/// <summary>
/// Keeps one recording stream's receive (local) times non-decreasing: a frame stamped earlier than the one before it is
/// kept, its time clamped to the previous one, and counted (<see cref="InputDamage.LocalTimeBackwards"/>).
/// </summary>
/// <remarks>
/// Why clamp rather than keep or drop: the live receive clock never runs backwards (<c>LocalClock</c> is monotonic), so
/// a backwards line can only be the recorder's wall clock stepping back (NTP) or lines written out of order; keeping its
/// message (the book needs every diff) at the previous time is what live would have seen, and the replay clock, the
/// pacer and the feed-latency figures stay non-decreasing. Before, such lines were neither counted nor logged. One field
/// compare per frame; the first occurrence is described once (a string built then, never per line).
/// </remarks>
internal sealed class ReceiveTimeOrder
{
    private long _last = long.MinValue;

    /// <summary>Frames whose receive time was earlier than the previous frame's (clamped).</summary>
    public long Backwards { get; private set; }

    /// <summary>The first one: where it was and by how much its time went back (null when none).</summary>
    public string? First { get; private set; }

    /// <summary>Returns <paramref name="localNs"/>, or the previous frame's time when it is earlier (counted; the first
    /// one described as line <paramref name="line"/> of <paramref name="file"/>).</summary>
    public long Clamp(long localNs, string file, long line)
    {
        if (localNs >= _last)
        {
            _last = localNs;
            return localNs;
        }
        if (Backwards++ == 0)
            First = $"{Path.GetFileName(file)} line {line}: receive time {localNs} ns is {_last - localNs} ns before the previous line's; kept at the previous time";
        return _last;
    }

    /// <summary>Adds the count (and the first occurrence as a problem) to <paramref name="total"/>.</summary>
    public void AddTo(InputDamage total)
    {
        total.LocalTimeBackwards += Backwards;
        if (First is not null) total.Problem($"{First} ({Backwards} such line(s) in all)");
    }
}
