using System.Text.Json.Nodes;
using HftScalper.Training.Evaluation;

namespace HftScalper.Training.Pipeline;

/// <summary>One walk-forward fold: sizes, purge/embargo counts, and out-of-sample metrics of the global model, the
/// regime ensemble and the return regressor.</summary>
public sealed record FoldReport(int Index, int TrainSamples, int TestSamples, int Purged, int Embargoed,
    DirectionMetrics Global, DirectionMetrics Regime, ReturnMetrics? Return)
{
    /// <summary>As JSON.</summary>
    public JsonObject ToJson() => new()
    {
        ["fold"] = Index,
        ["trainSamples"] = TrainSamples,
        ["testSamples"] = TestSamples,
        ["purged"] = Purged,
        ["embargoed"] = Embargoed,
        ["global"] = Global.ToJson(),
        ["regime"] = Regime.ToJson(),
        ["return"] = Return?.ToJson(),
    };
}
