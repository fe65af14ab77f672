using System.Runtime.CompilerServices;

namespace HftScalper.Inference.Online;

/// <summary>
/// Multinomial logistic regression learnt online by FTRL-Proximal, one coordinate per (class, input). The logit of
/// class k is <c>margin[k] + sum_i w[k,i] x[i]</c>: the margin is a fixed prior per row (e.g. the frozen model's
/// log-probabilities, so the layer starts as that model and learns a correction), the weights start at 0.
/// Weights are never stored: each is derived from the FTRL state (z, n) when used, so an update is one pass over
/// the non-zero inputs. Predict and Update allocate nothing and use only sequential double arithmetic: the same
/// sequence of calls gives bit-identical weights. One thread.
/// </summary>
public sealed class FtrlSoftmax
{
    private readonly double[] _z, _n;
    private readonly double[] _p;
    private readonly double _alpha, _beta, _l1, _l2;
    private long _updates;

    /// <summary>A learner over <paramref name="inputs"/> inputs for <paramref name="classes"/> classes.</summary>
    public FtrlSoftmax(int classes, int inputs, FtrlOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Classes = classes;
        Inputs = inputs;
        _z = new double[classes * inputs];
        _n = new double[classes * inputs];
        _p = new double[classes];
        (_alpha, _beta, _l1, _l2) = (options.Alpha, options.Beta, options.L1, options.L2);
    }

    /// <summary>Classes.</summary>
    public int Classes { get; }

    /// <summary>Inputs per row.</summary>
    public int Inputs { get; }

    /// <summary>Updates made.</summary>
    public long Updates => _updates;

    /// <summary>The current weight of input <paramref name="input"/> in the logit of class <paramref name="cls"/>.</summary>
    public double Weight(int cls, int input) => WeightAt(cls * Inputs + input);

    /// <summary>
    /// Class probabilities of <paramref name="x"/> (<see cref="Inputs"/> values) with per-class prior logits
    /// <paramref name="margin"/> (<see cref="Classes"/> values) into <paramref name="p"/>. O(classes × inputs), no allocation.
    /// </summary>
    public void Predict(ReadOnlySpan<double> x, ReadOnlySpan<double> margin, Span<double> p)
    {
        int d = Inputs;
        for (int k = 0; k < Classes; k++)
        {
            double s = margin[k];
            int row = k * d;
            for (int i = 0; i < d; i++)
            {
                double xi = x[i];
                if (xi != 0) s += WeightAt(row + i) * xi;
            }
            p[k] = s;
        }
        Softmax(p[..Classes]);
    }

    /// <summary>
    /// One FTRL-Proximal step on the log-loss of row <paramref name="x"/> with prior <paramref name="margin"/> whose
    /// class was <paramref name="label"/>: for each coordinate with x[i] != 0, g = (p[k] - y[k]) x[i],
    /// sigma = (sqrt(n + g²) - sqrt(n)) / alpha, z += g - sigma w, n += g². O(classes × inputs), no allocation.
    /// </summary>
    public void Update(ReadOnlySpan<double> x, ReadOnlySpan<double> margin, int label)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)label, (uint)Classes, nameof(label));
        var p = _p.AsSpan();
        Predict(x, margin, p);
        int d = Inputs;
        for (int k = 0; k < Classes; k++)
        {
            double err = p[k] - (k == label ? 1 : 0);
            int row = k * d;
            for (int i = 0; i < d; i++)
            {
                double xi = x[i];
                if (xi == 0) continue;
                int j = row + i;
                double g = err * xi;
                double n = _n[j];
                double sigma = (Math.Sqrt(n + g * g) - Math.Sqrt(n)) / _alpha;
                _z[j] += g - sigma * WeightAt(j);
                _n[j] = n + g * g;
            }
        }
        _updates++;
    }

    /// <summary>Makes this learner's state a copy of <paramref name="source"/>'s (warm start; same shape required).</summary>
    public void CopyFrom(FtrlSoftmax source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Classes != Classes || source.Inputs != Inputs)
            throw new ArgumentException($"source is {source.Classes}x{source.Inputs}, this learner {Classes}x{Inputs}", nameof(source));
        source._z.AsSpan().CopyTo(_z);
        source._n.AsSpan().CopyTo(_n);
        _updates = source._updates;
    }

    /// <summary>Forgets everything learnt (all weights 0).</summary>
    public void Reset()
    {
        Array.Clear(_z);
        Array.Clear(_n);
        _updates = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double WeightAt(int j)
    {
        double z = _z[j];
        if (Math.Abs(z) <= _l1) return 0;
        return -(z - Math.Sign(z) * _l1) / ((_beta + Math.Sqrt(_n[j])) / _alpha + _l2);
    }

    /// <summary>Softmax in place, shifted by the maximum so no exponent overflows.</summary>
    internal static void Softmax(Span<double> s)
    {
        double max = double.NegativeInfinity;
        foreach (var v in s) if (v > max) max = v;
        double sum = 0;
        for (int k = 0; k < s.Length; k++) sum += s[k] = Math.Exp(s[k] - max);
        for (int k = 0; k < s.Length; k++) s[k] /= sum;
    }
}
