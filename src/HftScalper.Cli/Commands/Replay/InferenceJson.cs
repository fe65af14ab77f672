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
/// model with the cross-symbol block, <c>crossSymbol</c>; rows whose model run failed (<see cref="AddFailures"/>).
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
        AddFailures(o, inference);
        if (served?.SequenceRows is SequenceMemberServer member)
            o["ensembleMember"] = new JsonObject { ["members"] = member.Members, ["rows"] = member.MemberRows, ["warmingRows"] = member.MemberWarmingRows, ["failedRows"] = member.MemberFailedRows };
    }

    /// <summary>
    /// <c>inferenceFailedRows</c> (rows whose model run failed: NaN/Inf outputs or a runtime error; each such decision was
    /// the fallback's, never the model's) and <c>inferenceNoModelRows</c> (rows with no model loaded). A model emitting NaN
    /// had left only a log line: the summary of a run whose every decision was the fallback's named the model as served.
    /// </summary>
    public static void AddFailures(JsonObject o, InferenceFigures inference)
    {
        o["inferenceFailedRows"] = inference.FailedRows;
        o["inferenceNoModelRows"] = inference.NoModelRows;
    }

    /// <summary>One line when the model failed on some rows (null when it never did): how many, and what decided them.</summary>
    public static string? FailureNote(InferenceFigures inference, long modelSignals) => inference.FailedRows == 0 ? null
        : $"the model failed on {inference.FailedRows:N0} of {inference.FailedRows + inference.Rows:N0} rows it was run on (non-finite outputs or runtime errors): those decisions were the fallback's"
            + (modelSignals == 0 ? "; the model decided nothing in this run" : "");
}
