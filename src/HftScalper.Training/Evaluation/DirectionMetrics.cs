using System.Text.Json.Nodes;
using HftScalper.Training.Data;

namespace HftScalper.Training.Evaluation;

/// <summary>
/// Out-of-sample quality of a direction classifier beside two baselines: the majority class (of the training data
/// when known, else of the evaluated samples, which flatters the baseline) and persistence (predict the class of the
/// move over the previous horizon). Moved accuracy is the accuracy on samples whose true class is not flat.
/// </summary>
public sealed record DirectionMetrics(
    int Samples,
    double Accuracy,
    int MovedSamples,
    double MovedAccuracy,
    double MacroF1,
    IReadOnlyList<double> PerClassRecall,
    IReadOnlyList<int> ClassCounts,
    double LogLoss,
    int MajorityClass,
    double MajorityBaseline,
    double PersistenceBaseline,
    double PersistenceMovedAccuracy,
    IReadOnlyList<CalibrationBin> Calibration)
{
    private const int Bins = 10;

    /// <summary>
    /// Scores <paramref name="probabilities"/> (three per sample, down/flat/up) against <paramref name="truth"/>;
    /// <paramref name="persistence"/> is the persistence baseline's class per sample; <paramref name="majorityClass"/>
    /// the training majority, or -1 to take the evaluated samples' own.
    /// </summary>
    public static DirectionMetrics Compute(ReadOnlySpan<float> probabilities, ReadOnlySpan<int> truth, ReadOnlySpan<int> persistence, int majorityClass = -1)
    {
        const int C = DirectionClass.Count;
        int n = truth.Length;
        if (probabilities.Length < n * C || persistence.Length != n) throw new ArgumentException("need three probabilities and one persistence class per sample");
        var counts = new int[C];
        var predicted = new int[C];
        var correct = new int[C];
        int right = 0, moved = 0, movedRight = 0, persistRight = 0, persistMovedRight = 0;
        double logLoss = 0;
        var binCount = new int[Bins];
        var binConf = new double[Bins];
        var binRight = new int[Bins];
        for (int i = 0; i < n; i++)
        {
            var p = probabilities.Slice(i * C, C);
            int y = truth[i];
            int best = p[1] >= p[0] && p[1] >= p[2] ? 1 : p[0] >= p[2] ? 0 : 2; // ties favour flat, then down
            counts[y]++;
            predicted[best]++;
            bool ok = best == y;
            if (ok) { right++; correct[y]++; }
            if (y != DirectionClass.Flat)
            {
                moved++;
                if (ok) movedRight++;
                if (persistence[i] == y) persistMovedRight++;
            }
            if (persistence[i] == y) persistRight++;
            logLoss -= Math.Log(Math.Clamp(p[y], 1e-15, 1.0));
            int bin = Math.Clamp((int)(p[best] * Bins), 0, Bins - 1);
            binCount[bin]++;
            binConf[bin] += p[best];
            if (ok) binRight[bin]++;
        }
        var recall = new double[C];
        double f1Sum = 0;
        for (int k = 0; k < C; k++)
        {
            recall[k] = counts[k] == 0 ? 0 : (double)correct[k] / counts[k];
            double precision = predicted[k] == 0 ? 0 : (double)correct[k] / predicted[k];
            f1Sum += precision + recall[k] == 0 ? 0 : 2 * precision * recall[k] / (precision + recall[k]);
        }
        int majority = majorityClass >= 0 ? majorityClass : Array.IndexOf(counts, counts.Max());
        var calibration = new List<CalibrationBin>(Bins);
        for (int b = 0; b < Bins; b++)
            calibration.Add(new CalibrationBin((double)b / Bins, (double)(b + 1) / Bins, binCount[b],
                binCount[b] == 0 ? 0 : binConf[b] / binCount[b], binCount[b] == 0 ? 0 : (double)binRight[b] / binCount[b]));
        return new DirectionMetrics(n, Ratio(right, n), moved, Ratio(movedRight, moved), f1Sum / C, recall, counts,
            n == 0 ? 0 : logLoss / n, majority, Ratio(counts[majority], n), Ratio(persistRight, n), Ratio(persistMovedRight, moved), calibration);
    }

    /// <summary>The most frequent class among <paramref name="classes"/> at <paramref name="rows"/>.</summary>
    public static int MajorityOf(ReadOnlySpan<int> classes, ReadOnlySpan<int> rows)
    {
        Span<int> counts = stackalloc int[DirectionClass.Count];
        foreach (var r in rows) counts[classes[r]]++;
        int best = 0;
        for (int k = 1; k < counts.Length; k++) if (counts[k] > counts[best]) best = k;
        return best;
    }

    /// <summary>
    /// Expected calibration error: the sample-weighted mean gap between confidence (the top probability) and accuracy
    /// over the <see cref="Calibration"/> bins; 0 = the model is right as often as it says.
    /// </summary>
    public double ExpectedCalibrationError =>
        Samples == 0 ? 0 : Calibration.Sum(b => (double)b.Samples / Samples * Math.Abs(b.Accuracy - b.MeanConfidence));

    /// <summary>The metrics as JSON with the keys of issue #8 (samples, accuracy, movedAccuracy, macroF1,
    /// majorityBaseline, persistenceBaseline, perClassRecall) plus log-loss, class counts and calibration.</summary>
    public JsonObject ToJson()
    {
        var recall = new JsonObject();
        var counts = new JsonObject();
        for (int k = 0; k < DirectionClass.Count; k++)
        {
            recall[DirectionClass.Names[k]] = Round(PerClassRecall[k]);
            counts[DirectionClass.Names[k]] = ClassCounts[k];
        }
        var bins = new JsonArray();
        foreach (var b in Calibration.Where(b => b.Samples > 0))
            bins.Add((JsonNode)new JsonObject { ["from"] = b.From, ["to"] = b.To, ["samples"] = b.Samples, ["meanConfidence"] = Round(b.MeanConfidence), ["accuracy"] = Round(b.Accuracy) });
        return new JsonObject
        {
            ["samples"] = Samples,
            ["accuracy"] = Round(Accuracy),
            ["movedSamples"] = MovedSamples,
            ["movedAccuracy"] = Round(MovedAccuracy),
            ["macroF1"] = Round(MacroF1),
            ["perClassRecall"] = recall,
            ["classCounts"] = counts,
            ["logLoss"] = Round(LogLoss),
            ["majorityClass"] = DirectionClass.Names[MajorityClass],
            ["majorityBaseline"] = Round(MajorityBaseline),
            ["persistenceBaseline"] = Round(PersistenceBaseline),
            ["persistenceMovedAccuracy"] = Round(PersistenceMovedAccuracy),
            ["expectedCalibrationError"] = Round(ExpectedCalibrationError),
            ["calibration"] = bins,
        };
    }

    /// <summary>One line: accuracy and moved accuracy beside the baselines.</summary>
    public string Summary() =>
        $"n={Samples} acc={Accuracy:0.000} (majority {MajorityBaseline:0.000}, persistence {PersistenceBaseline:0.000}) " +
        $"moved={MovedAccuracy:0.000} (persistence {PersistenceMovedAccuracy:0.000}, n={MovedSamples}) macroF1={MacroF1:0.000} logloss={LogLoss:0.000}";

    private static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;

    private static double Round(double v) => Math.Round(v, 4);
}
