namespace HftScalper.Core.Events;

/// <summary>Bit flags of a <see cref="MarketEvent"/>.</summary>
[Flags]
public enum MarketEventFlags : ushort
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>The last event produced from one exchange message (depth update or snapshot): consumers
    /// that need a consistent book act only after it.</summary>
    LastInMessage = 1 << 0,

    /// <summary>The first level of a snapshot: clear the book before applying it.</summary>
    SnapshotStart = 1 << 1,

    /// <summary>The event carries <see cref="MarketEvent.PrevUpdateId"/> (USD-M futures <c>pu</c> chaining).</summary>
    HasPrevUpdateId = 1 << 2,

    /// <summary>Trade flag: the buyer was the maker, i.e. the aggressor sold.</summary>
    BuyerIsMaker = 1 << 3,

    /// <summary>A depth message with no level at all (still carries update ids so the sync can chain them).</summary>
    EmptyMessage = 1 << 4,

    /// <summary>Produced by replay rather than a live connection.</summary>
    Replayed = 1 << 5,
}
