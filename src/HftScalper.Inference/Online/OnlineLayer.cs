namespace HftScalper.Inference.Online;

/// <summary>
/// The online layer over a frozen direction model: an <see cref="FtrlSoftmax"/> whose inputs are a bias, the
/// decision's feature row and the frozen model's log-probabilities (all standardised by a
/// <see cref="RunningStandardizer"/>), and whose prior logits are those log-probabilities. With no weights learnt it
/// returns the frozen model's probabilities exactly; each labelled sample moves it towards a recalibration (through
/// the log-probability inputs) and a correction from the features. State changes only in <see cref="Learn"/>, so a
/// prediction is a function of the labelled samples learnt before it. Allocation-free; deterministic; one thread.
/// </summary>
public sealed class OnlineLayer
{
    private const double MinProbability = 1e-7;
    private readonly FtrlSoftmax _ftrl;
    private readonly RunningStandardizer _stats;
    private readonly double[] _x, _margin, _p;
    private readonly int _features, _classes;
    private readonly bool _useFeatures;

    /// <summary>
    /// A layer for rows of <paramref name="features"/> values and <paramref name="classes"/>-class frozen models; without
    /// <paramref name="useFeatures"/> it reads only the frozen log-probabilities (recalibration).
    /// </summary>
    public OnlineLayer(int features, int classes, FtrlOptions ftrl, double clip = 5, bool useFeatures = true)
    {
        _useFeatures = useFeatures;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        _features = features;
        _classes = classes;
        int inputs = 1 + features + classes;
        _ftrl = new FtrlSoftmax(classes, inputs, ftrl);
        _stats = new RunningStandardizer(inputs, clip);
        _x = new double[inputs];
        _margin = new double[classes];
        _p = new double[classes];
    }

    /// <summary>Feature values per row.</summary>
    public int Features => _features;

    /// <summary>Classes.</summary>
    public int Classes => _classes;

    /// <summary>Labelled samples learnt.</summary>
    public long Samples => _ftrl.Updates;

    /// <summary>The learner (weights, for inspection).</summary>
    public FtrlSoftmax Learner => _ftrl;

    /// <summary>
    /// The layer's class probabilities for <paramref name="row"/> given the frozen model's <paramref name="frozen"/>
    /// probabilities, into <paramref name="probabilities"/> (<see cref="Classes"/> floats).
    /// </summary>
    public void Predict(ReadOnlySpan<float> row, ReadOnlySpan<float> frozen, Span<float> probabilities)
    {
        Build(row, frozen);
        var p = _p.AsSpan();
        _ftrl.Predict(_x, _margin, p);
        for (int k = 0; k < _classes; k++) probabilities[k] = (float)p[k];
    }

    /// <summary>Learns one labelled sample: the statistics take the row, then one FTRL step on its log-loss.</summary>
    public void Learn(ReadOnlySpan<float> row, ReadOnlySpan<float> frozen, int label)
    {
        if (_useFeatures)
            for (int i = 0; i < _features; i++) _stats.Add(1 + i, row[i]);
        for (int k = 0; k < _classes; k++) _stats.Add(1 + _features + k, LogP(frozen[k]));
        Build(row, frozen);
        _ftrl.Update(_x, _margin, label);
    }

    /// <summary>Makes this layer a copy of <paramref name="source"/> (transfer: warm start from a shared layer).</summary>
    public void CopyFrom(OnlineLayer source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _ftrl.CopyFrom(source._ftrl);
        _stats.CopyFrom(source._stats);
    }

    private void Build(ReadOnlySpan<float> row, ReadOnlySpan<float> frozen)
    {
        var x = _x.AsSpan();
        x[0] = 1; // the bias is not standardised (its spread is 0)
        for (int i = 0; i < _features; i++) x[1 + i] = _useFeatures ? _stats.Scale(1 + i, row[i]) : 0; // a 0 input is skipped by FTRL
        for (int k = 0; k < _classes; k++)
        {
            double lp = LogP(frozen[k]);
            x[1 + _features + k] = _stats.Scale(1 + _features + k, lp);
            _margin[k] = lp;
        }
    }

    // Frozen probabilities are renormalised by the softmax of the margins; clipped so a zero costs ~16, not infinity.
    private static double LogP(float p) => Math.Log(Math.Max(double.IsFinite(p) ? p : 0, MinProbability));
}
