using HftScalper.Training.Evaluation;
using HftScalper.Training.Labels;
using HftScalper.Training.Models;

namespace HftScalper.Training.Pipeline;

/// <summary>
/// Chooses the move-logit offset of a two-stage model on its pooled out-of-sample (walk-forward) predictions. A
/// calibrated P(move) below one half on most rows makes "flat" the arg-max almost everywhere when the data is mostly
/// flat, however good the direction head is; the offset trades accuracy for calling moves. Rule: among offsets on
/// a grid of -2..3 (step 0.25), the best mean of accuracy and moved accuracy whose accuracy stays at or above both
/// baselines (the training majority class and persistence) of the same samples; when none does, the most accurate
/// offset. (Macro-F1 was tried first: where flat is rare it paid accuracy for the flat class's recall.)
/// </summary>
internal static class MoveOffsetChooser
{
    /// <summary>The chosen offset and the metrics it gives on <paramref name="rows"/>.</summary>
    public static (double Offset, DirectionMetrics Metrics) Choose(float[] probabilities, HorizonLabels labels, int[] rows, int majority)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        (double Offset, DirectionMetrics M)? bestOk = null, bestAcc = null;
        for (int step = -8; step <= 12; step++)
        {
            double offset = step * 0.25;
            var m = ModelTrainer.Metrics(TwoStage.Shift(probabilities, offset), labels, rows, majority);
            bool ok = m.Accuracy >= Math.Max(m.MajorityBaseline, m.PersistenceBaseline);
            if (ok && (bestOk is null || Score(m) > Score(bestOk.Value.M))) bestOk = (offset, m);
            if (bestAcc is null || m.Accuracy > bestAcc.Value.M.Accuracy) bestAcc = (offset, m);
        }
        return (bestOk ?? bestAcc)!.Value;
    }

    private static double Score(DirectionMetrics m) => (m.Accuracy + m.MovedAccuracy) / 2;
}
