using System.Runtime.CompilerServices;
using HftScalper.Engine.Outcomes;
using HftScalper.Inference.Lifecycle;

namespace HftScalper.Reporting;

/// <summary>
/// Scores of the predictions at one horizon, accumulated as directions are realised: confusion matrix
/// (predicted = arg max vs realised), class frequencies (for the majority-class baseline), calibration bins of
/// the top-class confidence, Brier score and log loss. Fixed-size arrays, zero allocation per label.
/// </summary>
public sealed class HorizonStats
{
    private readonly long[] _confusion = new long[DirectionClass.Count * DirectionClass.Count];
    private readonly long[] _binCount;
    private readonly long[] _binCorrect;
    private readonly double[] _binConfidence;
    private long _labelled;
    private double _brierSum;
    private double _logLossSum;
    private double _moveSum;
    private readonly LossDriftDetector _drift;

    /// <summary>Creates empty statistics.</summary>
    /// <param name="horizonNs">The horizon in ns.</param>
    /// <param name="calibrationBins">Equal-width bins of confidence over [0, 1].</param>
    public HorizonStats(long horizonNs, int calibrationBins = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(calibrationBins, 1);
        HorizonNs = horizonNs;
        _drift = new LossDriftDetector(OutcomeBlocks.DurationFor(horizonNs));
        _binCount = new long[calibrationBins];
        _binCorrect = new long[calibrationBins];
        _binConfidence = new double[calibrationBins];
    }

    /// <summary>The horizon in ns.</summary>
    public long HorizonNs { get; }

    /// <summary>Predictions whose direction was realised and scored.</summary>
    public long Labelled => _labelled;

    /// <summary>Number of calibration bins.</summary>
    public int CalibrationBins => _binCount.Length;

    /// <summary>Adds one realised prediction of a decision made at <paramref name="decisionTimeNs"/> (exchange time). Zero allocation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(float pDown, float pFlat, float pUp, int realised, double moveTicks, long decisionTimeNs)
    {
        int predicted = DirectionClass.ArgMax(pDown, pFlat, pUp);
        float confidence = predicted == DirectionClass.Down ? pDown : predicted == DirectionClass.Flat ? pFlat : pUp;
        _confusion[predicted * DirectionClass.Count + realised]++;
        _labelled++;
        _moveSum += moveTicks;

        int bin = (int)(confidence * _binCount.Length);
        if (bin >= _binCount.Length) bin = _binCount.Length - 1; // confidence 1.0 belongs to the top bin
        if (bin < 0) bin = 0;
        _binCount[bin]++;
        _binConfidence[bin] += confidence;
        if (predicted == realised) _binCorrect[bin]++;

        double eD = pDown - (realised == DirectionClass.Down ? 1.0 : 0.0);
        double eF = pFlat - (realised == DirectionClass.Flat ? 1.0 : 0.0);
        double eU = pUp - (realised == DirectionClass.Up ? 1.0 : 0.0);
        _brierSum += eD * eD + eF * eF + eU * eU;
        float pRealised = realised == DirectionClass.Down ? pDown : realised == DirectionClass.Flat ? pFlat : pUp;
        double loss = -Math.Log(Math.Max(pRealised, 1e-15));
        _logLossSum += loss;
        _drift.Add(loss, decisionTimeNs);
    }

    /// <summary>The sequential test for a lasting rise of the log-loss at this horizon (scored in label order).</summary>
    public LossDriftDetector Drift => _drift;

    /// <summary>Count of predictions of class <paramref name="predicted"/> whose realised class was <paramref name="realised"/>.</summary>
    public long Confusion(int predicted, int realised) => _confusion[predicted * DirectionClass.Count + realised];

    /// <summary>Count of realised outcomes of a class.</summary>
    public long Realised(int cls) =>
        _confusion[DirectionClass.Down * DirectionClass.Count + cls]
        + _confusion[DirectionClass.Flat * DirectionClass.Count + cls]
        + _confusion[DirectionClass.Up * DirectionClass.Count + cls];

    /// <summary>Count of predictions of a class.</summary>
    public long Predicted(int cls) =>
        _confusion[cls * DirectionClass.Count] + _confusion[cls * DirectionClass.Count + 1] + _confusion[cls * DirectionClass.Count + 2];

    /// <summary>Share of predictions whose arg max equals the realised class (0 when none).</summary>
    public double Accuracy => _labelled == 0 ? 0 :
        (double)(Confusion(0, 0) + Confusion(1, 1) + Confusion(2, 2)) / _labelled;

    /// <summary>Most frequent realised class (ties: the earlier class).</summary>
    public int MajorityClass
    {
        get
        {
            int best = 0;
            for (int c = 1; c < DirectionClass.Count; c++)
                if (Realised(c) > Realised(best)) best = c;
            return best;
        }
    }

    /// <summary>Accuracy of always predicting the majority realised class (0 when none).</summary>
    public double BaselineAccuracy => _labelled == 0 ? 0 : (double)Realised(MajorityClass) / _labelled;

    /// <summary>
    /// Of the predictions of Up or Down, the share whose realised class was that direction (0 when none): the
    /// precision that matters for trading.
    /// </summary>
    public double DirectionalPrecision
    {
        get
        {
            long directional = Predicted(DirectionClass.Down) + Predicted(DirectionClass.Up);
            return directional == 0 ? 0 : (double)(Confusion(0, 0) + Confusion(2, 2)) / directional;
        }
    }

    /// <summary>Mean multi-class Brier score (sum over the 3 classes of squared error; 0 best, 2 worst).</summary>
    public double Brier => _labelled == 0 ? 0 : _brierSum / _labelled;

    /// <summary>Mean log loss of the realised class (natural log, probabilities floored at 1e-15).</summary>
    public double LogLoss => _labelled == 0 ? 0 : _logLossSum / _labelled;

    /// <summary>Mean realised move in ticks.</summary>
    public double MeanMoveTicks => _labelled == 0 ? 0 : _moveSum / _labelled;

    /// <summary>Predictions whose top-class confidence fell in the bin.</summary>
    public long BinCount(int bin) => _binCount[bin];

    /// <summary>Predictions in the bin whose arg max was right.</summary>
    public long BinCorrect(int bin) => _binCorrect[bin];

    /// <summary>Mean top-class confidence of the bin's predictions (0 when empty).</summary>
    public double BinMeanConfidence(int bin) => _binCount[bin] == 0 ? 0 : _binConfidence[bin] / _binCount[bin];

    /// <summary>Realised frequency of the predicted class in the bin (0 when empty).</summary>
    public double BinAccuracy(int bin) => _binCount[bin] == 0 ? 0 : (double)_binCorrect[bin] / _binCount[bin];

    /// <summary>
    /// Expected calibration error: bin-count-weighted mean of |mean confidence - accuracy| (0 when none).
    /// </summary>
    public double ExpectedCalibrationError
    {
        get
        {
            if (_labelled == 0) return 0;
            double sum = 0;
            for (int b = 0; b < _binCount.Length; b++)
                sum += _binCount[b] * Math.Abs(BinMeanConfidence(b) - BinAccuracy(b));
            return sum / _labelled;
        }
    }
}
