using System.Text.Json.Nodes;
using HftScalper.Binance.Sync;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands.Replay;

/// <summary>
/// What the book sync of a run went through, in <c>--json</c> (<c>gaps</c>, <c>crossed</c>, <c>resyncs</c>,
/// <c>snapshots</c>, <c>snapshotsRejected</c>, <c>bookErrors</c>) and, when a book lost continuity, in one warning: a
/// recording with a sequence gap and no later snapshot trades nothing after it (every decision <c>bookNotSynced</c>),
/// which had only shown as <c>gaps: 1</c> and a <c>stopReason</c> of <c>marketData</c>, exit 0, with no log line.
/// One home for <c>replay</c> and <c>run</c>.
/// </summary>
internal static class BookSyncJson
{
    /// <summary>Adds the sync counters to <paramref name="o"/> and logs one warning when any book was lost.</summary>
    public static void Add(JsonObject o, BookSyncCounters sync, IReadOnlyDictionary<string, long> riskVerdicts, ILogger log)
    {
        o["gaps"] = sync.Gaps;
        o["crossed"] = sync.Crossed;
        o["resyncs"] = sync.Resyncs;
        o["snapshots"] = sync.Snapshots;
        o["snapshotsRejected"] = sync.SnapshotsRejected;
        o["bookErrors"] = sync.BookErrors;
        if (sync.Gaps + sync.Crossed + sync.Resyncs + sync.BookErrors == 0) return;
        long unsynced = riskVerdicts.TryGetValue("BookNotSynced", out long n) ? n : 0;
        log.LogWarning("Order book lost continuity: {Gaps} sequence gaps, {Crossed} crossed books, {BookErrors} refused levels, {Resyncs} books discarded; "
            + "{Snapshots} snapshots applied. A book is traded again only after a snapshot resyncs it: {Unsynced} decisions were refused as bookNotSynced",
            sync.Gaps, sync.Crossed, sync.BookErrors, sync.Resyncs, sync.Snapshots, unsynced);
    }
}
