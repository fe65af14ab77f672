namespace HftScalper.Native;

/// <summary>One price level (blittable, 16 bytes; <c>hft_level</c>).</summary>
public struct BookLevel
{
    /// <summary>Price in ticks.</summary>
    public long Price;

    /// <summary>Quantity in lots.</summary>
    public long Quantity;

    /// <summary>Creates a level.</summary>
    public BookLevel(long price, long quantity)
    {
        Price = price;
        Quantity = quantity;
    }

    /// <inheritdoc />
    public override readonly string ToString() => $"{Quantity}@{Price}";
}
