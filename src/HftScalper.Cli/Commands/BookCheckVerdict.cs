using HftScalper.Binance.Parsing;
using HftScalper.Binance.Sync;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Integrity;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>book-check</c>'s pass rule: the recording passes only if something was checked (diffs applied and tickers compared
/// with a synced book), every book that saw depth synced and ended synced, and nothing went wrong: no damaged input, no
/// gap, no crossed book, no level the book refused, no ticker mismatch. Each broken rule is one reason.
/// </summary>
internal static class BookCheckVerdict
{
    /// <summary>The reasons the check failed, empty when it passed.</summary>
    public static IReadOnlyList<string> Failures(BookReplay replay, ParseCounters parse, SymbolRegistry registry, InputDamage damage)
    {
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(damage);
        var c = replay.Sync.Counters;
        var check = replay.Check;
        var failures = new List<string>();
        if (damage.AnyLoss) failures.Add($"damaged input ({damage.Summary})"); // receive-time order alone: warned, not failed
        var never = new List<string>();
        var unresolved = new List<string>();
        foreach (var s in registry.All)
        {
            if (replay.Sync.GetBook(s.Id) is null) continue; // no depth for this symbol: nothing to sync
            switch (replay.Sync.GetState(s.Id))
            {
                case BookSyncState.Syncing: never.Add(s.Name); break;
                case BookSyncState.Resyncing: unresolved.Add(s.Name); break;
            }
        }
        if (never.Count > 0)
            failures.Add($"never synced: {string.Join(", ", never)} (no usable snapshot: {c.Snapshots} applied, {c.SnapshotsRejected} rejected as older than the buffered diffs, "
                + $"{parse[ParseResult.UnknownSymbol]} frames of an unknown symbol)");
        if (unresolved.Count > 0)
            failures.Add($"unresolved resyncs: {string.Join(", ", unresolved)} lost the book ({c.Resyncs} resyncs) and no later snapshot restored it");
        if (c.Gaps > 0) failures.Add($"gaps: {c.Gaps} update-id gaps");
        if (c.Crossed > 0) failures.Add($"crossed books: {c.Crossed}");
        if (c.BookErrors > 0) failures.Add($"book errors: {c.BookErrors} levels the book refused (zero or invalid price)");
        if (check.Matched != check.Checked) failures.Add($"ticker mismatches: {check.Checked - check.Matched} of {check.Checked}");
        if (c.Applied == 0 || check.Checked == 0)
            failures.Add($"nothing checked: {c.Applied} depth diffs applied, {check.Checked} tickers compared with a synced book (of {c.Diffs} diffs read)");
        return failures;
    }
}
