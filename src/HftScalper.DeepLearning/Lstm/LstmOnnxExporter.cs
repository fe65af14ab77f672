using HftScalper.DeepLearning.Sequences;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;

namespace HftScalper.DeepLearning.Lstm;

/// <summary>
/// Writes a trained <see cref="LstmNetwork"/> as ONNX (TorchSharp has no exporter). The window model reads raw
/// feature rows <c>features [B,T,F]</c> -> standardise (Sub, Mul, Clip: <see cref="FeatureScaler"/>) -> Transpose to
/// time-major -> LSTM -> last hidden state -> Gemm head -> Softmax -> <c>scores [B,O]</c>. Torch stores the four gate
/// blocks as <c>i, f, g, o</c>; ONNX's LSTM wants <c>i, o, f, c</c>, so blocks are reordered (torch block
/// <see cref="TorchBlockOfOnnx"/>[k] becomes ONNX block k) in W, R and both biases.
/// </summary>
public static class LstmOnnxExporter
{
    /// <summary>For ONNX gate block k (i, o, f, c), the torch block (i=0, f=1, g=2, o=3) it comes from.</summary>
    public static ReadOnlySpan<int> TorchBlockOfOnnx => [0, 3, 1, 2];

    /// <summary>Name of the hidden state input/output of the step model.</summary>
    public const string HiddenIn = "h_in", CellIn = "c_in", HiddenOut = "h_out", CellOut = "c_out";

    /// <summary>The window model over <paramref name="sequenceLength"/> steps.</summary>
    public static ModelProto Window(LstmTorchWeights w, FeatureScaler scaler, int sequenceLength)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(scaler);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequenceLength);
        var graph = new GraphProto { Name = "lstm_window" };
        graph.Input.Add(OnnxGraph.BatchedTensor(OnnxGraph.InputName, TensorProto.Types.DataType.Float, sequenceLength, w.Inputs));
        AddCommon(graph, w, scaler);
        graph.Node.Add(OnnxGraph.Node("Transpose", "to_time_major", ["x_scaled"], ["x_tbf"], "", OnnxGraph.Ints("perm", [1, 0, 2])));
        graph.Node.Add(OnnxGraph.Node("LSTM", "lstm", ["x_tbf", "W", "R", "B"], ["", "y_h"], "",
            OnnxGraph.Int("hidden_size", w.Hidden), OnnxGraph.String("direction", "forward")));
        graph.Node.Add(OnnxGraph.Node("Squeeze", "drop_direction", ["y_h", "axis0"], ["h_last"]));
        AddHead(graph, w, "h_last");
        return OnnxGraph.Model(graph, usesMlDomain: false);
    }

    /// <summary>
    /// The one-step model: <c>features [B,F]</c>, <c>h_in [B,H]</c>, <c>c_in [B,H]</c> -> <c>scores [B,O]</c>,
    /// <c>h_out</c>, <c>c_out</c>. Stepping it over a window from zero state gives the window model's scores.
    /// </summary>
    public static ModelProto Step(LstmTorchWeights w, FeatureScaler scaler)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(scaler);
        var graph = new GraphProto { Name = "lstm_step" };
        graph.Input.Add(OnnxGraph.BatchedTensor(OnnxGraph.InputName, TensorProto.Types.DataType.Float, w.Inputs));
        graph.Input.Add(OnnxGraph.BatchedTensor(HiddenIn, TensorProto.Types.DataType.Float, w.Hidden));
        graph.Input.Add(OnnxGraph.BatchedTensor(CellIn, TensorProto.Types.DataType.Float, w.Hidden));
        AddCommon(graph, w, scaler);
        graph.Node.Add(OnnxGraph.Node("Unsqueeze", "one_step", ["x_scaled", "axis0"], ["x_1bf"]));
        graph.Node.Add(OnnxGraph.Node("Unsqueeze", "h_dir", [HiddenIn, "axis0"], ["h0"]));
        graph.Node.Add(OnnxGraph.Node("Unsqueeze", "c_dir", [CellIn, "axis0"], ["c0"]));
        graph.Node.Add(OnnxGraph.Node("LSTM", "lstm", ["x_1bf", "W", "R", "B", "", "h0", "c0"], ["", "y_h", "y_c"], "",
            OnnxGraph.Int("hidden_size", w.Hidden), OnnxGraph.String("direction", "forward")));
        graph.Node.Add(OnnxGraph.Node("Squeeze", "h_out", ["y_h", "axis0"], [HiddenOut]));
        graph.Node.Add(OnnxGraph.Node("Squeeze", "c_out", ["y_c", "axis0"], [CellOut]));
        AddHead(graph, w, HiddenOut);
        graph.Output.Add(OnnxGraph.BatchedTensor(HiddenOut, TensorProto.Types.DataType.Float, w.Hidden));
        graph.Output.Add(OnnxGraph.BatchedTensor(CellOut, TensorProto.Types.DataType.Float, w.Hidden));
        return OnnxGraph.Model(graph, usesMlDomain: false);
    }

    /// <summary>Reorders torch's gate blocks (<c>[4H, cols]</c>, row-major) into ONNX's.</summary>
    public static float[] ToOnnxGates(ReadOnlySpan<float> torch, int hidden, int cols)
    {
        if (torch.Length != 4 * hidden * cols) throw new ArgumentException($"expected {4 * hidden * cols} values, got {torch.Length}", nameof(torch));
        var r = new float[torch.Length];
        int block = hidden * cols;
        for (int k = 0; k < 4; k++) torch.Slice(TorchBlockOfOnnx[k] * block, block).CopyTo(r.AsSpan(k * block, block));
        return r;
    }

    private static void AddCommon(GraphProto graph, LstmTorchWeights w, FeatureScaler scaler)
    {
        int h = w.Hidden, f = w.Inputs;
        if (scaler.Mean.Length != f) throw new ArgumentException($"scaler has {scaler.Mean.Length} columns, the LSTM {f} inputs");
        var bias = new float[8 * h];
        ToOnnxGates(w.BiasIh, h, 1).CopyTo(bias, 0);
        ToOnnxGates(w.BiasHh, h, 1).CopyTo(bias, 4 * h);
        TransformerModelBuilder.AddStandardise(graph, scaler.Mean, scaler.Scale, FeatureScaler.Limit, OnnxGraph.InputName, "x_scaled");
        graph.Initializer.Add(OnnxGraph.FloatTensor("W", [1, 4 * h, f], ToOnnxGates(w.WeightIh, h, f)));
        graph.Initializer.Add(OnnxGraph.FloatTensor("R", [1, 4 * h, h], ToOnnxGates(w.WeightHh, h, h)));
        graph.Initializer.Add(OnnxGraph.FloatTensor("B", [1, 8 * h], bias));
        graph.Initializer.Add(OnnxGraph.Int64Tensor("axis0", [1], [0]));
        graph.Initializer.Add(OnnxGraph.FloatTensor("head_W", [w.Outputs, h], w.HeadWeight));
        graph.Initializer.Add(OnnxGraph.FloatTensor("head_b", [w.Outputs], w.HeadBias));
    }

    private static void AddHead(GraphProto graph, LstmTorchWeights w, string hidden)
    {
        graph.Node.Add(OnnxGraph.Node("Gemm", "head", [hidden, "head_W", "head_b"], ["logits"], "", OnnxGraph.Int("transB", 1)));
        graph.Node.Add(OnnxGraph.Node("Softmax", "softmax", ["logits"], [OnnxGraph.ScoresName], "", OnnxGraph.Int("axis", -1)));
        graph.Output.Add(OnnxGraph.BatchedTensor(OnnxGraph.ScoresName, TensorProto.Types.DataType.Float, w.Outputs));
    }
}
