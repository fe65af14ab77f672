using Google.Protobuf;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using Microsoft.ML.OnnxRuntime;

namespace HftScalper.Benchmarks.Inference;

/// <summary>
/// The ORT reference for one LSTM step: a one-step graph (<c>features [1,F]</c>, <c>h_in</c>, <c>c_in</c> -> LSTM
/// with that initial state -> Gemm head -> Softmax; <c>scores</c>, <c>h_out</c>, <c>c_out</c>) over the same weights,
/// run with the serving session options (one intra-op thread, sequential, all graph optimisations) on pinned
/// <see cref="OrtValue"/>s, the state copied back after each run: what carrying h/c through ONNX Runtime costs per
/// decision.
/// </summary>
internal sealed class OrtLstmStep : IDisposable
{
    private static readonly string[] InputNames = [OnnxGraph.InputName, "h_in", "c_in"];
    private static readonly string[] OutputNames = [OnnxGraph.ScoresName, "h_out", "c_out"];
    private readonly InferenceSession _session;
    private readonly SessionOptions _options;
    private readonly RunOptions _run = new();
    private readonly float[] _x, _h, _c, _hOut, _cOut, _scores;
    private readonly OrtValue[] _inputs, _outputs;

    /// <summary>The step graph of <paramref name="lstm"/> and <paramref name="head"/> (softmax output).</summary>
    public OrtLstmStep(LstmWeights lstm, DenseLayer head)
    {
        int f = lstm.Inputs, h = lstm.Hidden;
        _options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(Graph(lstm, head).ToByteArray(), _options);
        _x = new float[f];
        _h = new float[h];
        _c = new float[h];
        _hOut = new float[h];
        _cOut = new float[h];
        _scores = new float[head.Outputs];
        _inputs = [Value(_x, f), Value(_h, h), Value(_c, h)];
        _outputs = [Value(_scores, head.Outputs), Value(_hOut, h), Value(_cOut, h)];
    }

    /// <summary>Steps the carried state by <paramref name="row"/>; the class probabilities are written to <paramref name="scores"/>.</summary>
    public void Step(ReadOnlySpan<float> row, Span<float> scores)
    {
        row[.._x.Length].CopyTo(_x);
        _session.Run(_run, InputNames, _inputs, OutputNames, _outputs);
        _hOut.CopyTo(_h, 0);
        _cOut.CopyTo(_c, 0);
        _scores.CopyTo(scores);
    }

    /// <summary>Zero state.</summary>
    public void Reset()
    {
        Array.Clear(_h);
        Array.Clear(_c);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var v in _inputs) v.Dispose();
        foreach (var v in _outputs) v.Dispose();
        _run.Dispose();
        _session.Dispose();
        _options.Dispose();
    }

    private static OrtValue Value(float[] data, int width) => OrtValue.CreateTensorValueFromMemory(data, [1, width]);

    private static ModelProto Graph(LstmWeights lstm, DenseLayer head)
    {
        int h = lstm.Hidden, f = lstm.Inputs;
        var graph = new GraphProto { Name = "lstm_step" };
        graph.Input.Add(OnnxGraph.BatchedTensor(OnnxGraph.InputName, TensorProto.Types.DataType.Float, f));
        graph.Input.Add(OnnxGraph.BatchedTensor("h_in", TensorProto.Types.DataType.Float, h));
        graph.Input.Add(OnnxGraph.BatchedTensor("c_in", TensorProto.Types.DataType.Float, h));
        var bias = new float[8 * h];
        lstm.WBias.CopyTo(bias, 0);
        lstm.RBias.CopyTo(bias, 4 * h);
        graph.Initializer.Add(OnnxGraph.FloatTensor("W", [1, 4 * h, f], lstm.W));
        graph.Initializer.Add(OnnxGraph.FloatTensor("R", [1, 4 * h, h], lstm.R));
        graph.Initializer.Add(OnnxGraph.FloatTensor("B", [1, 8 * h], bias));
        graph.Initializer.Add(OnnxGraph.Int64Tensor("axis0", [1], [0]));
        graph.Initializer.Add(OnnxGraph.FloatTensor("head_W", [head.Outputs, head.Inputs], head.Weights));
        graph.Initializer.Add(OnnxGraph.FloatTensor("head_b", [head.Outputs], head.Bias));
        graph.Node.Add(OnnxGraph.Node("Unsqueeze", "one_step", [OnnxGraph.InputName, "axis0"], ["x_1bf"]));
        graph.Node.Add(OnnxGraph.Node("Unsqueeze", "h_dir", ["h_in", "axis0"], ["h0"]));
        graph.Node.Add(OnnxGraph.Node("Unsqueeze", "c_dir", ["c_in", "axis0"], ["c0"]));
        graph.Node.Add(OnnxGraph.Node("LSTM", "lstm", ["x_1bf", "W", "R", "B", "", "h0", "c0"], ["", "y_h", "y_c"], "",
            OnnxGraph.Int("hidden_size", h), OnnxGraph.String("direction", "forward")));
        graph.Node.Add(OnnxGraph.Node("Squeeze", "h_out", ["y_h", "axis0"], ["h_out"]));
        graph.Node.Add(OnnxGraph.Node("Squeeze", "c_out", ["y_c", "axis0"], ["c_out"]));
        graph.Node.Add(OnnxGraph.Node("Gemm", "head", ["h_out", "head_W", "head_b"], ["logits"], "", OnnxGraph.Int("transB", 1)));
        graph.Node.Add(OnnxGraph.Node("Softmax", "softmax", ["logits"], [OnnxGraph.ScoresName], "", OnnxGraph.Int("axis", -1)));
        graph.Output.Add(OnnxGraph.BatchedTensor(OnnxGraph.ScoresName, TensorProto.Types.DataType.Float, head.Outputs));
        graph.Output.Add(OnnxGraph.BatchedTensor("h_out", TensorProto.Types.DataType.Float, h));
        graph.Output.Add(OnnxGraph.BatchedTensor("c_out", TensorProto.Types.DataType.Float, h));
        return OnnxGraph.Model(graph, usesMlDomain: false);
    }
}
