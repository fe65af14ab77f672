using System.Text.Json.Nodes;
using HftScalper.Engine.Composition;
using HftScalper.Inference.Ensemble;
using HftScalper.Inference.Serving;

namespace HftScalper.Cli.Commands.Replay;

/// <summary>
/// <c>replay --json</c>'s inference keys: batches and rows served, warming rows and stalls (a sequence model whose
/// window never fills, or whose book never syncs), rows the move-prior correction changed, and, for an ensemble with a
/// sequence member, <c>ensembleMember</c>: what the member added to the rows the model serving at the end answered
/// (its warming or failed rows got the other members' combination; the three sum to <c>inferenceRows</c>); and, for a
/// model with the cross-symbol block, <c>crossSymbol</c>.
/// </summary>
internal static class InferenceJson
{
    /// <summary>Adds the keys to <paramref name="o"/>; <paramref name="served"/> is the model serving at the end (or none).</summary>
    public static void Add(JsonObject o, InferenceFigures inference, ModelSession? served, CrossSymbolFigures? crossSymbol = null)
    {
        // Only when the served model asks for the cross-symbol block: the leader and the rows by kind (live, neutral, leader's own).
        if (crossSymbol is { } x)
            o["crossSymbol"] = new JsonObject { ["leader"] = x.Leader, ["liveRows"] = x.LiveRows, ["neutralRows"] = x.NeutralRows, ["leaderRows"] = x.LeaderRows };
        o["inferenceBatches"] = inference.Batches;
        o["inferenceRows"] = inference.Rows;
        o["inferenceWarmingRows"] = inference.WarmingRows;
        o["inferenceWarmingUnsyncedRows"] = inference.WarmingUnsyncedRows;
        o["inferenceWarmingStalls"] = inference.WarmingStalls;
        o["inferenceWarmingUnsyncedStalls"] = inference.WarmingUnsyncedStalls;
        o["movePriorRows"] = inference.MovePriorRows;
        if (served?.SequenceRows is SequenceMemberServer member)
            o["ensembleMember"] = new JsonObject { ["members"] = member.Members, ["rows"] = member.MemberRows, ["warmingRows"] = member.MemberWarmingRows, ["failedRows"] = member.MemberFailedRows };
    }
}
