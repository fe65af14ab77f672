using HftScalper.Training.Data;

namespace HftScalper.Training.Models;

/// <summary>
/// The stacking meta-learner: multinomial logistic regression P(k | z) = softmax(b + zᵀW)_k over the members'
/// out-of-fold outputs <c>z</c> (<see cref="StackedEnsemble.MetaInputs"/>), L2-regularised, fitted by full-batch
/// gradient descent on standardised inputs (a fixed number of steps: deterministic); the standardisation is folded
/// back into <see cref="Weights"/> and <see cref="Bias"/>, so serving is one MatMul, Add and Softmax.
/// </summary>
public sealed class MetaLearner
{
    private const int K = DirectionClass.Count;

    /// <summary>Smallest input scale used to standardise (inputs are log-probabilities, a score in [-1, 1] and weights in [0, 1]).</summary>
    public const double MinScale = 0.1;

    /// <summary>Wraps fitted coefficients: <paramref name="weights"/> is <c>inputs x 3</c>, row-major.</summary>
    public MetaLearner(float[] weights, float[] bias)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        if (bias.Length != K || weights.Length % K != 0) throw new ArgumentException("need inputs x 3 weights and 3 biases");
        Weights = weights;
        Bias = bias;
    }

    /// <summary>Coefficients, <c>Inputs x 3</c> row-major.</summary>
    public float[] Weights { get; }

    /// <summary>Per-class intercepts.</summary>
    public float[] Bias { get; }

    /// <summary>Inputs per row.</summary>
    public int Inputs => Weights.Length / K;

    /// <summary>Fits on <paramref name="z"/> (<paramref name="inputs"/> per row) and classes <paramref name="y"/>.</summary>
    public static MetaLearner Fit(ReadOnlySpan<float> z, ReadOnlySpan<int> y, int inputs, double l2 = 1e-2, int steps = 400, double rate = 0.5)
    {
        int n = y.Length, d = inputs;
        if (n == 0 || z.Length < n * d) throw new ArgumentException("need inputs x rows values and at least one row");
        var mean = new double[d];
        var sd = new double[d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += z[i * d + j];
        for (int j = 0; j < d; j++) mean[j] /= n;
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) { double e = z[i * d + j] - mean[j]; sd[j] += e * e; }
        // A floor on the scale: an input (nearly) constant over the fitting rows must not get a weight that explodes
        // when it moves on later rows (members extrapolating, a regime never seen while fitting).
        for (int j = 0; j < d; j++) sd[j] = Math.Max(Math.Sqrt(sd[j] / n), MinScale);
        var x = new double[n * d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) x[i * d + j] = (z[i * d + j] - mean[j]) / sd[j];

        var w = new double[d * K];
        var b = new double[K];
        // The class prior as the starting intercept.
        Span<int> counts = stackalloc int[K];
        foreach (var c in y) counts[c]++;
        for (int k = 0; k < K; k++) b[k] = Math.Log((counts[k] + 1.0) / (n + K));
        var gw = new double[d * K];
        var gb = new double[K];
        Span<double> p = stackalloc double[K];
        for (int step = 0; step < steps; step++)
        {
            Array.Clear(gw);
            Array.Clear(gb);
            for (int i = 0; i < n; i++)
            {
                var xi = x.AsSpan(i * d, d);
                Softmax(xi, w, b, p);
                for (int k = 0; k < K; k++)
                {
                    double g = p[k] - (y[i] == k ? 1 : 0);
                    gb[k] += g;
                    for (int j = 0; j < d; j++) gw[j * K + k] += g * xi[j];
                }
            }
            for (int k = 0; k < K; k++) b[k] -= rate * gb[k] / n;
            for (int j = 0; j < w.Length; j++) w[j] -= rate * (gw[j] / n + l2 * w[j]);
        }
        // Fold the standardisation: logit_k = b_k + Σ_j w_jk (z_j - m_j)/s_j.
        var weights = new float[d * K];
        var bias = new float[K];
        for (int k = 0; k < K; k++)
        {
            double bk = b[k];
            for (int j = 0; j < d; j++)
            {
                weights[j * K + k] = (float)(w[j * K + k] / sd[j]);
                bk -= w[j * K + k] * mean[j] / sd[j];
            }
            bias[k] = (float)bk;
        }
        return new MetaLearner(weights, bias);
    }

    /// <summary>P(down, flat, up) of one input row, in float as the exported graph computes it.</summary>
    public void Predict(ReadOnlySpan<float> z, Span<float> probabilities)
    {
        Span<float> logits = stackalloc float[K];
        for (int k = 0; k < K; k++)
        {
            float s = 0;
            for (int j = 0; j < Inputs; j++) s += z[j] * Weights[j * K + k];
            logits[k] = s + Bias[k];
        }
        float max = MathF.Max(logits[0], MathF.Max(logits[1], logits[2]));
        float sum = 0;
        for (int k = 0; k < K; k++) sum += probabilities[k] = MathF.Exp(logits[k] - max);
        for (int k = 0; k < K; k++) probabilities[k] /= sum;
    }

    private static void Softmax(ReadOnlySpan<double> x, double[] w, double[] b, Span<double> p)
    {
        double max = double.NegativeInfinity;
        for (int k = 0; k < K; k++)
        {
            double s = b[k];
            for (int j = 0; j < x.Length; j++) s += x[j] * w[j * K + k];
            p[k] = s;
            if (s > max) max = s;
        }
        double sum = 0;
        for (int k = 0; k < K; k++) sum += p[k] = Math.Exp(p[k] - max);
        for (int k = 0; k < K; k++) p[k] /= sum;
    }
}
