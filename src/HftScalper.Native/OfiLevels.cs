using System.Runtime.CompilerServices;

namespace HftScalper.Native;

/// <summary>Order-flow imbalance per level 1..<see cref="Count"/> (index 0 = best level), in lots; an inline,
/// blittable array of <see cref="long"/> so <see cref="BookFigures"/> stays one flat struct.</summary>
[InlineArray(Count)]
public struct OfiLevels
{
    /// <summary>Number of levels (<c>HFT_OFI_LEVELS</c>).</summary>
    public const int Count = 10;

    private long _element0;
}
