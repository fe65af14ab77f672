using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HftScalper.Core.Events;

namespace HftScalper.Native;

/// <summary>Source-generated P/Invoke declarations for libhftnative (C ABI in native/include/hft/hft_native.h).</summary>
/// <remarks>
/// Structs travel as raw pointers to blittable locals (no marshalling, no pinning of managed objects on the
/// hot path). <see cref="SuppressGCTransitionAttribute"/> only marks calls that are short and bounded and never
/// block: a GC cannot suspend the thread while it runs them. Calls whose cost grows with their input (snapshot
/// load, batches of events, copying levels, create/destroy) keep the normal transition.
/// </remarks>
internal static unsafe partial class NativeMethods
{
    internal const string Library = "hftnative";

    [LibraryImport(Library, EntryPoint = "hft_native_abi_version")]
    [SuppressGCTransition]
    internal static partial int AbiVersion();

    [LibraryImport(Library, EntryPoint = "hft_abi_sizeof")]
    [SuppressGCTransition]
    internal static partial int AbiSizeOf(int structId);

    // The same trivial function declared twice: the benchmark measures the cost of the GC transition itself.
    [LibraryImport(Library, EntryPoint = "hft_noop")]
    [SuppressGCTransition]
    internal static partial int NoOpSuppressed(int value);

    [LibraryImport(Library, EntryPoint = "hft_noop")]
    internal static partial int NoOpWithTransition(int value);

    [LibraryImport(Library, EntryPoint = "hft_book_create")]
    internal static partial int BookCreate(int expectedLevelsPerSide, nint* book);

    [LibraryImport(Library, EntryPoint = "hft_book_create_capped")]
    internal static partial int BookCreateCapped(int expectedLevelsPerSide, int maxLevelsPerSide, nint* book);

    [LibraryImport(Library, EntryPoint = "hft_book_get_stats")]
    [SuppressGCTransition]
    internal static partial int BookGetStats(nint book, BookStats* stats);

    [LibraryImport(Library, EntryPoint = "hft_book_destroy")]
    internal static partial void BookDestroy(nint book);

    [LibraryImport(Library, EntryPoint = "hft_book_clear")]
    [SuppressGCTransition]
    internal static partial int BookClear(nint book);

    [LibraryImport(Library, EntryPoint = "hft_book_set")]
    [SuppressGCTransition]
    internal static partial int BookSet(nint book, int side, long price, long quantity);

    [LibraryImport(Library, EntryPoint = "hft_book_load_snapshot")]
    internal static partial int BookLoadSnapshot(nint book, BookLevel* bids, int bidCount, BookLevel* asks, int askCount);

    [LibraryImport(Library, EntryPoint = "hft_book_apply_events")]
    internal static partial int BookApplyEvents(nint book, MarketEvent* events, int count, int symbolId, ApplyEventsResult* result);

    [LibraryImport(Library, EntryPoint = "hft_book_top")]
    [SuppressGCTransition]
    internal static partial int BookTop(nint book, TopOfBook* top);

    [LibraryImport(Library, EntryPoint = "hft_book_is_crossed")]
    [SuppressGCTransition]
    internal static partial int BookIsCrossed(nint book);

    [LibraryImport(Library, EntryPoint = "hft_book_level_count")]
    [SuppressGCTransition]
    internal static partial int BookLevelCount(nint book, int side);

    [LibraryImport(Library, EntryPoint = "hft_book_copy_levels")]
    internal static partial int BookCopyLevels(nint book, int side, BookLevel* destination, int capacity);

    // Bounded: top-20 sums, an impact walk and a slope over at most HFT_MAX_WALK_LEVELS (1000) levels per side.
    [LibraryImport(Library, EntryPoint = "hft_book_figures")]
    [SuppressGCTransition]
    internal static partial int BookFigures(nint book, BookFigureParameters* parameters, BookFigures* figures);
}
