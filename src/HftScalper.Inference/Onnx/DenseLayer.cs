namespace HftScalper.Inference.Onnx;

/// <summary>
/// A fully connected layer <c>y = W x + b</c>; <see cref="Weights"/> is row-major <c>[Outputs, Inputs]</c> (the
/// layout Gemm uses with <c>transB=1</c>, and the layout a C# reference pass reads row by row).
/// </summary>
public sealed class DenseLayer
{
    /// <summary>Creates a layer, checking the weight and bias lengths.</summary>
    public DenseLayer(int inputs, int outputs, float[] weights, float[] bias)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        if (weights.Length != inputs * outputs) throw new ArgumentException($"weights need {inputs * outputs} values, got {weights.Length}", nameof(weights));
        if (bias.Length != outputs) throw new ArgumentException($"bias needs {outputs} values, got {bias.Length}", nameof(bias));
        Inputs = inputs;
        Outputs = outputs;
        Weights = weights;
        Bias = bias;
    }

    /// <summary>Input width.</summary>
    public int Inputs { get; }

    /// <summary>Output width.</summary>
    public int Outputs { get; }

    /// <summary>Row-major <c>[Outputs, Inputs]</c> weights.</summary>
    public float[] Weights { get; }

    /// <summary>Bias, one per output.</summary>
    public float[] Bias { get; }
}
