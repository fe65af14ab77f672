using System.Numerics;
using System.Runtime.CompilerServices;

namespace HftScalper.Simulator.Model;

/// <summary>
/// Both sides of one symbol's book as quantity arrays indexed by price (integer ticks) over a fixed window, plus
/// the set of levels changed since the last depth diff. Array indexing keeps every book operation O(1) apart
/// from the short scan for the next level when a best queue empties; the window re-centres (rare slow path) when
/// the price drifts towards an edge.
/// </summary>
internal sealed class PriceLadder
{
    /// <summary>Window width in ticks (2^18 ticks = 2,621.44 USDT at tick 0.01).</summary>
    public const int Size = 1 << 18;

    private const int Margin = Size / 8;

    // Quantities in lots by price index. Written only through Set (or in bulk followed by RebuildBits).
    public readonly long[] Bid = new long[Size];
    public readonly long[] Ask = new long[Size];

    /// <summary>Price in ticks of index 0.</summary>
    public long Base;

    public int BestBid, BestAsk;

    // Changed levels since the last diff, by price (survives re-centring); deduplicated with per-index stamps.
    // One bit per tick: set when the level holds quantity (kept by Set; rebuilt after bulk edits).
    private readonly ulong[] _bidBits = new ulong[Size / 64], _askBits = new ulong[Size / 64];
    private readonly int[] _bidStamp = new int[Size], _askStamp = new int[Size];
    private long[] _dirtyBid = new long[256], _dirtyAsk = new long[256];
    private int _dirtyBidCount, _dirtyAskCount, _epoch = 1;

    public PriceLadder(long centreTicks) => Base = centreTicks - Size / 2;

    public int DirtyBidCount => _dirtyBidCount;

    public int DirtyAskCount => _dirtyAskCount;

    public Span<long> DirtyBids => _dirtyBid.AsSpan(0, _dirtyBidCount);

    public Span<long> DirtyAsks => _dirtyAsk.AsSpan(0, _dirtyAskCount);

    /// <summary>Whether the top levels sit close enough to an edge that the window must move.</summary>
    public bool NeedsRecentre => BestBid < Margin || BestAsk > Size - Margin;

    /// <summary>Quantity at an absolute price (0 outside the window).</summary>
    public long QuantityAt(bool bid, long price)
    {
        long i = price - Base;
        if ((ulong)i >= Size) return 0;
        return bid ? Bid[i] : Ask[i];
    }

    /// <summary>Sets a level's quantity and remembers it for the next diff.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(bool bid, int index, long qty, bool track)
    {
        if (bid)
        {
            Bid[index] = qty;
            if (qty != 0) _bidBits[index >> 6] |= 1UL << index;
            else _bidBits[index >> 6] &= ~(1UL << index);
            if (track && _bidStamp[index] != _epoch)
            {
                _bidStamp[index] = _epoch;
                Remember(ref _dirtyBid, ref _dirtyBidCount, Base + index);
            }
        }
        else
        {
            Ask[index] = qty;
            if (qty != 0) _askBits[index >> 6] |= 1UL << index;
            else _askBits[index >> 6] &= ~(1UL << index);
            if (track && _askStamp[index] != _epoch)
            {
                _askStamp[index] = _epoch;
                Remember(ref _dirtyAsk, ref _dirtyAskCount, Base + index);
            }
        }
    }

    /// <summary>Starts a new diff window.</summary>
    public void ClearDirty()
    {
        _dirtyBidCount = _dirtyAskCount = 0;
        _epoch++;
    }

    /// <summary>The next occupied bid at or below <paramref name="from"/> within <paramref name="reach"/> ticks, or -1.
    /// Walks the occupancy bitmap a word (64 ticks) at a time: the deep book is sparse.</summary>
    public int NextBidDown(int from, int reach = Size)
    {
        if (from < 0) return -1;
        int stop = Math.Max(0, from - reach + 1);
        int w = from >> 6;
        ulong bits = _bidBits[w] & (ulong.MaxValue >> (63 - (from & 63)));
        while (true)
        {
            if (bits != 0)
            {
                int i = (w << 6) + 63 - BitOperations.LeadingZeroCount(bits);
                return i >= stop ? i : -1;
            }
            if (--w < (stop >> 6)) return -1;
            bits = _bidBits[w];
        }
    }

    /// <summary>The next occupied ask at or above <paramref name="from"/> within <paramref name="reach"/> ticks, or -1.</summary>
    public int NextAskUp(int from, int reach = Size)
    {
        if (from >= Size) return -1;
        int stop = Math.Min(Size - 1, from + reach - 1);
        int w = from >> 6;
        ulong bits = _askBits[w] & (ulong.MaxValue << (from & 63));
        while (true)
        {
            if (bits != 0)
            {
                int i = (w << 6) + BitOperations.TrailingZeroCount(bits);
                return i <= stop ? i : -1;
            }
            if (++w > (stop >> 6)) return -1;
            bits = _askBits[w];
        }
    }

    /// <summary>Rebuilds both occupancy bitmaps from the quantities (after seeding or re-centring).</summary>
    public void RebuildBits()
    {
        Array.Clear(_bidBits);
        Array.Clear(_askBits);
        for (int i = 0; i < Size; i++)
        {
            if (Bid[i] != 0) _bidBits[i >> 6] |= 1UL << i;
            if (Ask[i] != 0) _askBits[i >> 6] |= 1UL << i;
        }
    }

    /// <summary>Moves the window so the mid sits in its centre. Levels that fall off were already zeroed by the
    /// caller (so the client's book drops them too); stamps move with their levels.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Recentre()
    {
        int shift = (BestBid + BestAsk) / 2 - Size / 2;
        Shift(Bid, shift);
        Shift(Ask, shift);
        Shift(_bidStamp, shift);
        Shift(_askStamp, shift);
        Base += shift;
        BestBid -= shift;
        BestAsk -= shift;
        RebuildBits();
        return shift;
    }

    private static void Shift<T>(T[] a, int shift)
    {
        if (shift > 0)
        {
            Array.Copy(a, shift, a, 0, Size - shift);
            Array.Clear(a, Size - shift, shift);
        }
        else if (shift < 0)
        {
            Array.Copy(a, 0, a, -shift, Size + shift);
            Array.Clear(a, 0, -shift);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Remember(ref long[] list, ref int count, long price)
    {
        if (count == list.Length) Array.Resize(ref list, list.Length * 2);
        list[count++] = price;
    }
}
