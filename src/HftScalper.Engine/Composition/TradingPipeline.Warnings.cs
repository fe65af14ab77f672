using HftScalper.Engine.Pipeline;
using Microsoft.Extensions.Logging;

namespace HftScalper.Engine.Composition;

// The run's end-of-run warnings: why nothing was decided on an input.
public sealed partial class TradingPipeline
{
    // One line when no decision of the run had a synced book (risk refused them all): nothing was traded on the input.
    private void LogNeverSynced(long decisions, Dictionary<string, long> verdicts, Binance.Sync.BookSyncCounters sync, bool quoteIsMarketState)
    {
        if (decisions == 0 || !verdicts.TryGetValue(nameof(Trading.Risk.RiskVerdict.BookNotSynced), out long unsynced) || unsynced < decisions) return;
        if (quoteIsMarketState)
        {
            _logger.LogWarning("No decision had a valid quote ({Decisions} decisions): the input's quotes are never two-sided and uncrossed "
                + "(its quote is the market state: it carries no depth); no model decided anything on this input", decisions);
            return;
        }
        _logger.LogWarning("No decision had a synced book ({Decisions} decisions, {Diffs} depth diffs, {Snapshots} depth snapshots applied): "
            + "{Cause}; no model decided anything on this input", decisions, sync.Diffs, sync.Snapshots,
            NeverSyncedCause(sync));
    }

    // A refused snapshot is not a missing one: it came, but older than the first buffered diff (it had been reported
    // as "the input holds no depth snapshot", which sends the user looking for a file that is there).
    internal static string NeverSyncedCause(Binance.Sync.BookSyncCounters sync) => (sync.Snapshots, sync.SnapshotsRejected) switch
    {
        (0, 0) => "the input holds no depth snapshot to sync from (a recording that continues another needs that one replayed before it)",
        (0, var refused) => $"its {refused} depth snapshot(s) were refused as older than the first buffered diff (its lastUpdateId does not reach "
            + "the diffs' first update id, so the book cannot be bridged: the snapshot was taken before the stream it should start)",
        _ => "the book never stayed synced",
    };

    // One line for a sequence model that stayed warming far longer than its warm-up: it made no decision there.
    private void LogWarmingStalls(InferenceStage inference)
    {
        var w = inference.Stalls;
        if (w.Stalls == 0) return;
        string symbol = w.LastSymbol >= 0 && w.LastSymbol < _symbols.Count ? _symbols[w.LastSymbol].Name : w.LastSymbol.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _logger.LogWarning("The sequence model stayed warming (no prediction) for over {Limit:0.#} s of exchange time on {Stalls} symbol streak(s) (latest {Symbol}); "
            + "{Unsynced} of them with the book never synced ({UnsyncedRows} of {WarmingRows} warming rows unsynced: a recording without a depth snapshot needs the one before it, or the feed never resynced); "
            + "the others had synced rows, so the window never filled (gaps, restarts or the sampling clock)",
            w.LastLimitNs / 1e9, w.Stalls, symbol, w.UnsyncedStalls, inference.WarmingUnsyncedRows, inference.WarmingRows);
    }
}
