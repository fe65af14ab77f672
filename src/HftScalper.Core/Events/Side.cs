namespace HftScalper.Core.Events;

/// <summary>Book side of a level, or the aggressor side of a trade.</summary>
public enum Side : byte
{
    /// <summary>Not applicable or unknown.</summary>
    None = 0,

    /// <summary>Bid side (or a buy aggressor for a trade).</summary>
    Bid = 1,

    /// <summary>Ask side (or a sell aggressor for a trade).</summary>
    Ask = 2,
}
