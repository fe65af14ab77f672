using HftScalper.Binance.Parsing;
using HftScalper.Binance.Sync;

namespace HftScalper.Training.Data;

/// <summary>What one <see cref="FeatureReplay.Run"/> did.</summary>
/// <param name="Frames">Raw frames read (0 for event formats).</param>
/// <param name="Events">Market events fed to the book and features.</param>
/// <param name="Decisions">Rows passed to the sink.</param>
/// <param name="ElapsedNs">Wall time of the run.</param>
/// <param name="Parse">The feed's parser counters (null for event formats), cumulative over the feeds that share its parser.</param>
/// <param name="Sync">Book sync counters, cumulative over the replay's runs.</param>
/// <param name="NonFiniteReplaced">Non-finite feature values replaced by 0, cumulative (should be 0).</param>
public sealed record FeatureReplayResult(long Frames, long Events, long Decisions, long ElapsedNs, ParseCounters? Parse,
    BookSyncCounters Sync, long NonFiniteReplaced);
