namespace HftScalper.Native;

/// <summary>Counters of one <see cref="NativeOrderBook"/> since it was created (blittable, 24 bytes;
/// <c>hft_book_stats</c>). Clearing the book keeps them.</summary>
public struct BookStats
{
    /// <summary>Bid levels not kept (farther than all kept ones) or evicted (the farthest, for a nearer one)
    /// because the side already held <see cref="MaxLevelsPerSide"/> levels.</summary>
    public long BidLevelsDropped;

    /// <summary>Same for the asks.</summary>
    public long AskLevelsDropped;

    /// <summary>Most levels the book keeps per side.</summary>
    public int MaxLevelsPerSide;

    /// <summary>Unused (layout padding).</summary>
    public int Reserved;

    /// <summary>Levels dropped on both sides.</summary>
    public readonly long LevelsDropped => BidLevelsDropped + AskLevelsDropped;
}
