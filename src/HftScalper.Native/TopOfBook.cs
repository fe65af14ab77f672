namespace HftScalper.Native;

/// <summary>Best bid and ask with their quantities (blittable, 32 bytes; <c>hft_top</c>).</summary>
public struct TopOfBook
{
    /// <summary>Best bid price in ticks.</summary>
    public long BidPrice;

    /// <summary>Quantity at the best bid in lots.</summary>
    public long BidQuantity;

    /// <summary>Best ask price in ticks.</summary>
    public long AskPrice;

    /// <summary>Quantity at the best ask in lots.</summary>
    public long AskQuantity;

    /// <inheritdoc />
    public override readonly string ToString() => $"{BidQuantity}@{BidPrice} / {AskQuantity}@{AskPrice}";
}
