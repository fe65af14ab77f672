using HftScalper.Native;
using HftScalper.Trading.Economics;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// The top levels each decision record carries (<see cref="DecisionRecord.Depth"/>), copied out of the native book
/// only when the book changed since the symbol's last decision (<see cref="NativeOrderBook.Version"/>): most decisions
/// come from top-of-book tickers and trades, which leave the depth book as it was, so a managed copy of the last
/// levels replaces two native calls per decision. The same levels either way. Single-threaded (the features stage).
/// </summary>
internal sealed class DecisionDepthCache
{
    private Entry[] _entries = new Entry[8];

    /// <summary>Writes <paramref name="book"/>'s top levels (the book of symbol <paramref name="symbolId"/>) into
    /// <paramref name="depth"/>.</summary>
    public void CopyTo(int symbolId, NativeOrderBook book, ref BookDepth depth)
    {
        if (symbolId < 0)
        {
            depth.CopyFrom(book);
            return;
        }
        if (symbolId >= _entries.Length) Array.Resize(ref _entries, Math.Max(symbolId + 1, 2 * _entries.Length));
        ref var e = ref _entries[symbolId];
        long version = book.Version;
        if (!ReferenceEquals(e.Book, book) || e.Version != version)
        {
            e.Depth.CopyFrom(book);
            e.Book = book;
            e.Version = version;
        }
        depth = e.Depth;
    }

    private struct Entry
    {
        public NativeOrderBook? Book;
        public long Version;
        public BookDepth Depth;
    }
}
