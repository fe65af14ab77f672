using System.Runtime.CompilerServices;
using HftScalper.Core.Events;

namespace HftScalper.Native;

/// <summary>
/// One L2 order book per symbol, held in libhftnative (each side sorted in blocks of at most 64 levels, best level at
/// the end: an update moves at most its block's levels wherever it lands, so a depth message spread over a deep book
/// costs per level, not per ladder; at most <c>maxLevelsPerSide</c> levels per side, the farthest beyond it dropped
/// and counted in <see cref="GetStats"/>). Prices in ticks, quantities in lots, absolute quantities (0 removes a level).
/// </summary>
/// <remarks>
/// Not thread-safe: one thread owns a book. No call allocates in steady state: structs travel by pointer to
/// stack locals, and the native side has capacity reserved for <c>expectedLevelsPerSide</c> per side (it grows,
/// allocating once, only past that). Bad input never throws: <c>Try</c> methods return false and the rejected
/// levels are counted in <see cref="RejectedLevels"/>.
/// </remarks>
public sealed unsafe class NativeOrderBook : IDisposable
{
    /// <summary>Most levels per side the impact walk and the slope visit (<c>HFT_MAX_WALK_LEVELS</c>): it bounds the
    /// cost of <see cref="ComputeFigures"/>, which runs without a GC transition.</summary>
    public const int MaxWalkLevels = 1000;

    /// <summary>Default of the most levels a book keeps per side (<c>HFT_DEFAULT_MAX_LEVELS</c>): twice Binance's
    /// 5000-level snapshot. Beyond it the farthest levels are dropped and counted (<see cref="GetStats"/>).</summary>
    public const int DefaultMaxLevelsPerSide = 10_000;

    /// <summary>Largest <c>expectedLevelsPerSide</c> and <c>maxLevelsPerSide</c> accepted (2^20).</summary>
    public const int MaxLevelsLimit = 1 << 20;

    private static readonly bool s_compatible = CheckCompatible();

    private readonly BookHandle _handle;
    private nint _book;
    private long _rejectedLevels;
    private long _version;

    /// <summary>Creates an empty book with room for <paramref name="expectedLevelsPerSide"/> levels per side
    /// (Binance snapshots hold up to 5000) so that updates never allocate until it is exceeded, keeping at most
    /// <paramref name="maxLevelsPerSide"/> levels per side (the farthest beyond it are dropped and counted).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 1 or more than 2^20 levels.</exception>
    /// <exception cref="InvalidOperationException">The native library does not match this build.</exception>
    public NativeOrderBook(int expectedLevelsPerSide = 8192, int maxLevelsPerSide = DefaultMaxLevelsPerSide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(expectedLevelsPerSide, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(expectedLevelsPerSide, MaxLevelsLimit);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLevelsPerSide, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLevelsPerSide, MaxLevelsLimit);
        _ = s_compatible;
        nint book;
        var status = (NativeStatus)NativeMethods.BookCreateCapped(expectedLevelsPerSide, maxLevelsPerSide, &book);
        if (status != NativeStatus.Ok)
            throw new InvalidOperationException($"hft_book_create failed: {status}");
        _handle = new BookHandle(book);
        _book = book;
    }

    /// <summary>Level updates refused so far (bad side, price &lt;= 0, negative quantity), from every entry point.</summary>
    public long RejectedLevels => _rejectedLevels;

    /// <summary>
    /// Moves on every call that may change the levels (<see cref="TrySet"/>, <see cref="ApplyEvents"/>,
    /// <see cref="LoadSnapshot"/>, <see cref="Clear"/>), refused updates included: while it stays the same the levels
    /// are the same, so a copy of them taken at that version is still current (no native call to check).
    /// </summary>
    public long Version => _version;

    /// <summary>The book's counters: levels dropped by the per-side cap, and the cap. Allocation-free.</summary>
    public BookStats GetStats()
    {
        BookStats s;
        NativeMethods.BookGetStats(Book, &s);
        return s;
    }

    /// <summary>True when both sides are present and best bid &gt;= best ask (a desynced or stale book).</summary>
    public bool IsCrossed => NativeMethods.BookIsCrossed(Book) == 1;

    /// <summary>Removes every level and resets the order-flow state; keeps the reserved capacity.</summary>
    public void Clear()
    {
        _version++;
        NativeMethods.BookClear(Book);
    }

    /// <summary>Sets the absolute quantity at a price (0 removes the level). False, with the book unchanged and
    /// <see cref="RejectedLevels"/> incremented, on a negative quantity, a price &lt;= 0 or <see cref="Side.None"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TrySet(Side side, long price, long quantity)
    {
        _version++;
        if (NativeMethods.BookSet(Book, (int)side, price, quantity) == 0) return true;
        _rejectedLevels++;
        return false;
    }

    /// <summary>Best bid and ask; false (with the missing side zeroed) if either side is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetTop(out TopOfBook top)
    {
        TopOfBook t;
        int r = NativeMethods.BookTop(Book, &t);
        top = t;
        return r == 1;
    }

    /// <summary>Number of levels on a side (0 for <see cref="Side.None"/>).</summary>
    public int LevelCount(Side side)
    {
        int n = NativeMethods.BookLevelCount(Book, (int)side);
        return n < 0 ? 0 : n;
    }

    /// <summary>Copies up to <c>destination.Length</c> levels of a side, best first; returns the count written
    /// (0 for <see cref="Side.None"/>). Cost grows with the count.</summary>
    public int CopyLevels(Side side, Span<BookLevel> destination)
    {
        int n;
        fixed (BookLevel* p = destination)
            n = NativeMethods.BookCopyLevels(Book, (int)side, p, destination.Length);
        GC.KeepAlive(this);
        return n < 0 ? 0 : n;
    }

    /// <summary>Replaces the book with a snapshot (levels in any order, zero quantities skipped, duplicate
    /// prices: last wins) and resets the order-flow state. On a bad level the book is left empty, the level is
    /// counted in <see cref="RejectedLevels"/> and the status says why.</summary>
    public NativeStatus LoadSnapshot(ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks)
    {
        NativeStatus status;
        fixed (BookLevel* b = bids)
        fixed (BookLevel* a = asks)
            status = (NativeStatus)NativeMethods.BookLoadSnapshot(Book, b, bids.Length, a, asks.Length);
        _version++;
        GC.KeepAlive(this);
        if (status is NativeStatus.BadPrice or NativeStatus.BadQuantity) _rejectedLevels++;
        return status;
    }

    /// <summary>
    /// Applies one depth message (or snapshot) in one native call: <see cref="MarketEventKind.BookDelta"/> and
    /// <see cref="MarketEventKind.SnapshotLevel"/> events of <paramref name="symbolId"/> (negative: any symbol);
    /// <see cref="MarketEventFlags.SnapshotStart"/> clears the book first. Bad levels are skipped and counted,
    /// other kinds ignored. Returns <see cref="NativeStatus.Ok"/> unless the native side ran out of memory.
    /// </summary>
    public NativeStatus ApplyEvents(ReadOnlySpan<MarketEvent> events, out ApplyEventsResult result, int symbolId = -1)
    {
        ApplyEventsResult r;
        NativeStatus status;
        fixed (MarketEvent* e = events)
            status = (NativeStatus)NativeMethods.BookApplyEvents(Book, e, events.Length, symbolId, &r);
        _version++;
        GC.KeepAlive(this);
        _rejectedLevels += r.Rejected;
        result = r;
        return status;
    }

    /// <summary>Applies a single event (see <see cref="ApplyEvents"/>); true when it changed the book's levels.</summary>
    public bool ApplyEvent(in MarketEvent marketEvent, int symbolId = -1)
    {
        ApplyEvents(new ReadOnlySpan<MarketEvent>(in marketEvent), out var r, symbolId);
        return r.Applied == 1;
    }

    /// <summary>Computes every figure in one native call and starts a new order-flow window (the OFI is measured
    /// between consecutive calls). Bounded cost: top-20 sums, an impact walk and a slope over at most
    /// <see cref="MaxWalkLevels"/> levels per side.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ComputeFigures(in BookFigureParameters parameters, out BookFigures figures)
    {
        BookFigureParameters p = parameters;
        BookFigures f;
        NativeMethods.BookFigures(Book, &p, &f);
        figures = f;
    }

    /// <summary>Frees the native book. Further calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        _book = 0;
        _handle.Dispose();
    }

    private nint Book
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            nint b = _book;
            if (b == 0) ThrowDisposed();
            return b;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDisposed() => throw new ObjectDisposedException(nameof(NativeOrderBook));

    private static bool CheckCompatible()
    {
        NativeLibraryInfo.EnsureCompatible();
        return true;
    }
}
