namespace HftScalper.Trading.Economics;

/// <summary>How an entry goes to the market, chosen by <see cref="EdgeModel.Choose"/>.</summary>
public enum EntryRoute : byte
{
    /// <summary>Neither route's expected value clears the margin: no entry.</summary>
    None = 0,

    /// <summary>Post-only limit at our own best (joins the queue, pays the maker fee).</summary>
    Maker = 1,

    /// <summary>Take liquidity (IOC at the touch, or the configured taker type).</summary>
    Taker = 2,
}
