using HftScalper.Inference.Onnx.Proto;

namespace HftScalper.Inference.Onnx;

/// <summary>
/// Builds a multi-layer perceptron as ONNX: <c>features [B,F]</c> -> (Gemm -> Relu)* -> Gemm -> optional Softmax ->
/// <c>scores [B,O]</c>. Hidden layers use ReLU; the batch dimension is symbolic.
/// </summary>
internal static class MlpModelBuilder
{
    /// <summary>Builds the model. Each layer's input width must equal the previous layer's output width.</summary>
    public static ModelProto Build(IReadOnlyList<DenseLayer> layers, OutputActivation output)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0) throw new ArgumentException("an MLP needs at least one layer", nameof(layers));
        for (int i = 1; i < layers.Count; i++)
            if (layers[i].Inputs != layers[i - 1].Outputs)
                throw new ArgumentException($"layer {i} takes {layers[i].Inputs} inputs but layer {i - 1} gives {layers[i - 1].Outputs}", nameof(layers));

        var graph = new GraphProto { Name = "mlp" };
        graph.Input.Add(OnnxGraph.BatchedTensor(OnnxGraph.InputName, TensorProto.Types.DataType.Float, layers[0].Inputs));
        string current = OnnxGraph.InputName;
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            bool last = i == layers.Count - 1;
            string w = $"W{i}", b = $"b{i}";
            graph.Initializer.Add(OnnxGraph.FloatTensor(w, [layer.Outputs, layer.Inputs], layer.Weights));
            graph.Initializer.Add(OnnxGraph.FloatTensor(b, [layer.Outputs], layer.Bias));
            string gemmOut = last && output == OutputActivation.None ? OnnxGraph.ScoresName : $"gemm{i}";
            graph.Node.Add(OnnxGraph.Node("Gemm", $"gemm{i}", [current, w, b], [gemmOut], "", OnnxGraph.Int("transB", 1)));
            current = gemmOut;
            if (!last)
            {
                graph.Node.Add(OnnxGraph.Node("Relu", $"relu{i}", [current], [$"relu{i}"]));
                current = $"relu{i}";
            }
        }
        if (output == OutputActivation.Softmax)
            graph.Node.Add(OnnxGraph.Node("Softmax", "softmax", [current], [OnnxGraph.ScoresName], "", OnnxGraph.Int("axis", -1)));
        graph.Output.Add(OnnxGraph.BatchedTensor(OnnxGraph.ScoresName, TensorProto.Types.DataType.Float, layers[^1].Outputs));
        return OnnxGraph.Model(graph, usesMlDomain: false);
    }
}
