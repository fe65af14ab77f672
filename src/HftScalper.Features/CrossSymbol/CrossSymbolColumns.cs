using HftScalper.Features.Schema;

namespace HftScalper.Features.CrossSymbol;

/// <summary>Column offsets of the cross-symbol block (appended after the built-in blocks when the block is on).</summary>
internal static class CrossSymbolColumns
{
    public const int LeaderValid = 0, LeaderMoveFast = 1, LeaderMoveSlow = 2, ReturnCorrelation = 3, LeadCorrelation = 4;
    public const int Count = 5;

    /// <summary>The schema extension tag written into the hash (so a block of another version never matches).</summary>
    public static string Tag(CrossSymbolOptions o) => $"cross-symbol v{o.Version}";

    public static void Describe(List<FeatureDefinition> into)
    {
        into.Add(new("xs_leader_valid", "flag", "1 when the leader has a live quote and its grid reaches back the slow window; else every xs_ column is 0 (neutral, counted)"));
        into.Add(new("xs_leader_move_fast_bps", "bps", "leader's mid now vs its close FastIntervals grid intervals before the current one, bps of that close"));
        into.Add(new("xs_leader_move_slow_bps", "bps", "the same over SlowIntervals"));
        into.Add(new("xs_return_corr", "-1..1", "Pearson correlation of leader and symbol per-interval mid returns over the last CorrelationIntervals completed intervals (0 with fewer than half the pairs or a flat side)"));
        into.Add(new("xs_lead_corr", "-1..1", "the same with the leader's return one interval earlier (leader leads): the lead-lag the block exists for"));
    }
}
