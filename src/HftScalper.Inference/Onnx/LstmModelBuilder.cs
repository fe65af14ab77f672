using HftScalper.Inference.Onnx.Proto;

namespace HftScalper.Inference.Onnx;

/// <summary>
/// Builds a sequence model: <c>features [B,T,F]</c> -> Transpose to <c>[T,B,F]</c> -> LSTM -> last hidden state
/// <c>[B,H]</c> -> dense head -> optional Softmax -> <c>scores [B,O]</c>.
/// </summary>
/// <remarks>
/// The Transpose exists because ORT's CPU LSTM kernel rejects <c>layout=1</c> (batch-major); our sequence buffers
/// are batch-major so that a micro-batch is contiguous rows.
/// </remarks>
internal static class LstmModelBuilder
{
    /// <summary>Builds the model for sequences of <paramref name="sequenceLength"/> steps.</summary>
    public static ModelProto Build(LstmWeights lstm, DenseLayer head, int sequenceLength, OutputActivation output)
    {
        ArgumentNullException.ThrowIfNull(lstm);
        ArgumentNullException.ThrowIfNull(head);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequenceLength);
        if (head.Inputs != lstm.Hidden) throw new ArgumentException($"head takes {head.Inputs} inputs, LSTM gives {lstm.Hidden}", nameof(head));
        int h = lstm.Hidden, f = lstm.Inputs;

        var graph = new GraphProto { Name = "lstm" };
        graph.Input.Add(OnnxGraph.BatchedTensor(OnnxGraph.InputName, TensorProto.Types.DataType.Float, sequenceLength, f));
        var bias = new float[8 * h];
        lstm.WBias.CopyTo(bias, 0);
        lstm.RBias.CopyTo(bias, 4 * h);
        graph.Initializer.Add(OnnxGraph.FloatTensor("W", [1, 4 * h, f], lstm.W));
        graph.Initializer.Add(OnnxGraph.FloatTensor("R", [1, 4 * h, h], lstm.R));
        graph.Initializer.Add(OnnxGraph.FloatTensor("B", [1, 8 * h], bias));
        graph.Initializer.Add(OnnxGraph.Int64Tensor("squeeze_axes", [1], [0]));
        graph.Initializer.Add(OnnxGraph.FloatTensor("head_W", [head.Outputs, head.Inputs], head.Weights));
        graph.Initializer.Add(OnnxGraph.FloatTensor("head_b", [head.Outputs], head.Bias));

        graph.Node.Add(OnnxGraph.Node("Transpose", "to_time_major", [OnnxGraph.InputName], ["x_tbf"], "", OnnxGraph.Ints("perm", [1, 0, 2])));
        // Y (all steps) is not needed: only the last hidden state Y_h [1,B,H] feeds the head.
        graph.Node.Add(OnnxGraph.Node("LSTM", "lstm", ["x_tbf", "W", "R", "B"], ["", "y_h"], "",
            OnnxGraph.Int("hidden_size", h), OnnxGraph.String("direction", "forward")));
        graph.Node.Add(OnnxGraph.Node("Squeeze", "drop_direction", ["y_h", "squeeze_axes"], ["h_last"]));
        string gemmOut = output == OutputActivation.None ? OnnxGraph.ScoresName : "logits";
        graph.Node.Add(OnnxGraph.Node("Gemm", "head", ["h_last", "head_W", "head_b"], [gemmOut], "", OnnxGraph.Int("transB", 1)));
        if (output == OutputActivation.Softmax)
            graph.Node.Add(OnnxGraph.Node("Softmax", "softmax", [gemmOut], [OnnxGraph.ScoresName], "", OnnxGraph.Int("axis", -1)));
        graph.Output.Add(OnnxGraph.BatchedTensor(OnnxGraph.ScoresName, TensorProto.Types.DataType.Float, head.Outputs));
        return OnnxGraph.Model(graph, usesMlDomain: false);
    }
}
