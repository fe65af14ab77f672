namespace HftScalper.Inference.Onnx;

/// <summary>
/// Weights of a single-layer, forward LSTM in ONNX layout and ONNX gate order <b>i, o, f, c</b> (input, output,
/// forget, cell). Gate <c>g</c> occupies rows <c>[g*H, (g+1)*H)</c> of every matrix and bias.
/// </summary>
public sealed class LstmWeights
{
    /// <summary>Creates the weights, checking every length.</summary>
    public LstmWeights(int inputs, int hidden, float[] w, float[] r, float[] wBias, float[] rBias)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hidden);
        Check(w, 4 * hidden * inputs, nameof(w));
        Check(r, 4 * hidden * hidden, nameof(r));
        Check(wBias, 4 * hidden, nameof(wBias));
        Check(rBias, 4 * hidden, nameof(rBias));
        Inputs = inputs;
        Hidden = hidden;
        W = w;
        R = r;
        WBias = wBias;
        RBias = rBias;
    }

    /// <summary>Features per time step.</summary>
    public int Inputs { get; }

    /// <summary>Hidden (and cell) state width.</summary>
    public int Hidden { get; }

    /// <summary>Input weights, row-major <c>[4H, F]</c>.</summary>
    public float[] W { get; }

    /// <summary>Recurrent weights, row-major <c>[4H, H]</c>.</summary>
    public float[] R { get; }

    /// <summary>Input bias <c>[4H]</c>.</summary>
    public float[] WBias { get; }

    /// <summary>Recurrent bias <c>[4H]</c>.</summary>
    public float[] RBias { get; }

    private static void Check(float[] a, int n, string name)
    {
        ArgumentNullException.ThrowIfNull(a, name);
        if (a.Length != n) throw new ArgumentException($"{name} needs {n} values, got {a.Length}", name);
    }
}
