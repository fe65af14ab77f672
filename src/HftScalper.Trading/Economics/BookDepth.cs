using System.Runtime.CompilerServices;
using HftScalper.Native;

namespace HftScalper.Trading.Economics;

/// <summary>
/// The visible top of a book at a decision: up to <see cref="Levels"/> levels per side, best first, copied by value
/// (inline arrays: no allocation; the decision record and the risk view carry it). Counts of 0 = unknown (then
/// only the touch in the view's bid/ask is known).
/// </summary>
public struct BookDepth
{
    /// <summary>Levels kept per side.</summary>
    public const int Levels = 5;

    /// <summary>Bid levels, best (highest) first; <see cref="BidCount"/> are valid.</summary>
    public DepthLevels Bids;

    /// <summary>Ask levels, best (lowest) first; <see cref="AskCount"/> are valid.</summary>
    public DepthLevels Asks;

    /// <summary>Valid bid levels.</summary>
    public int BidCount;

    /// <summary>Valid ask levels.</summary>
    public int AskCount;

    /// <summary>Fills from <paramref name="book"/> (best first on each side).</summary>
    public void CopyFrom(NativeOrderBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        BidCount = book.CopyLevels(Core.Events.Side.Bid, Bids);
        AskCount = book.CopyLevels(Core.Events.Side.Ask, Asks);
    }
}

/// <summary><see cref="BookDepth.Levels"/> book levels stored inline.</summary>
[InlineArray(BookDepth.Levels)]
public struct DepthLevels
{
    private BookLevel _first;
}
