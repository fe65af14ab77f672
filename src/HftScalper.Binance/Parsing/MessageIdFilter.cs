using System.Runtime.CompilerServices;

namespace HftScalper.Binance.Parsing;

/// <summary>
/// The last trade id (<c>t</c>), aggregate trade id (<c>a</c>), bookTicker update id (<c>u</c>) and depth final
/// update id (<c>u</c>) accepted per symbol: an id not above the last one of its symbol and kind is a duplicate
/// (the live client's rule across overlapping connections, applied to recordings). Five longs per symbol, grown
/// (one allocation) only when a new symbol id appears; allocation-free otherwise.
/// </summary>
internal sealed class MessageIdFilter
{
    /// <summary>The id space a message's id belongs to.</summary>
    public enum IdKind : byte
    {
        /// <summary>No id to deduplicate by.</summary>
        None = 0,

        /// <summary>Trade id <c>t</c>.</summary>
        Trade = 1,

        /// <summary>Aggregate trade id <c>a</c>.</summary>
        AggTrade = 2,

        /// <summary>bookTicker update id <c>u</c>.</summary>
        BookTicker = 3,

        /// <summary>Depth message final update id <c>u</c>.</summary>
        Depth = 4,
    }

    private const int Kinds = 5;
    private long[] _last = Fresh(8 * Kinds);

    /// <summary>True when <paramref name="id"/> is not above the last id accepted for the symbol and kind;
    /// otherwise remembers it and returns false.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsDuplicate(IdKind kind, int symbolId, long id)
    {
        if (kind == IdKind.None || symbolId < 0) return false;
        int at = symbolId * Kinds + (int)kind;
        var last = _last;
        if ((uint)at >= (uint)last.Length) last = Grow(at);
        if (id <= last[at]) return true;
        last[at] = id;
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long[] Grow(int at)
    {
        var bigger = Fresh(Math.Max(_last.Length * 2, (at / Kinds + 1) * Kinds));
        _last.AsSpan().CopyTo(bigger);
        _last = bigger;
        return bigger;
    }

    // -1: no id seen yet (Binance ids are never negative; the parser rejects negative ones).
    private static long[] Fresh(int length)
    {
        var a = new long[length];
        a.AsSpan().Fill(-1);
        return a;
    }
}
