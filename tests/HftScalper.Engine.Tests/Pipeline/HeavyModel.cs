using HftScalper.Features.Engine;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>
/// A valid down/flat/up classifier that is deliberately far too slow: each row becomes an N x N matrix (outer
/// product of a projection of the features) pushed through <c>layers</c> MatMul+Tanh steps, ~N^3 multiply-adds per
/// step and row (N = 1024, 4 steps: ~4e9 per row, tens to hundreds of ms, against a budget of 1 ms). Small file:
/// the work comes from the shapes, not from the weights. Finite outputs (Tanh keeps values bounded).
/// </summary>
public static class HeavyModel
{
    public static string Write(string path, int n = 1024, int layers = 4)
    {
        int f = FeatureEngine.DefaultSchema.Count;
        var rng = new Random(11);
        float[] Random(int count, double scale) => Enumerable.Range(0, count).Select(_ => (float)((rng.NextDouble() * 2 - 1) * scale)).ToArray();

        var g = new GraphProto { Name = "heavy" };
        g.Input.Add(OnnxGraph.BatchedTensor(OnnxGraph.InputName, TensorProto.Types.DataType.Float, f));
        g.Initializer.Add(OnnxGraph.FloatTensor("W0", [f, n], Random(f * n, 0.01)));
        g.Initializer.Add(OnnxGraph.FloatTensor("W1", [n, n], Random(n * n, 1.0 / Math.Sqrt(n))));
        g.Initializer.Add(OnnxGraph.FloatTensor("W2", [3, n], Random(3 * n, 0.1)));
        g.Initializer.Add(OnnxGraph.FloatTensor("b2", [3], [0f, 0f, 0f]));
        g.Initializer.Add(OnnxGraph.Int64Tensor("ax1", [1], [1]));
        g.Initializer.Add(OnnxGraph.Int64Tensor("ax2", [1], [2]));
        g.Node.Add(OnnxGraph.Node("MatMul", "proj", [OnnxGraph.InputName, "W0"], ["p"]));
        g.Node.Add(OnnxGraph.Node("Tanh", "proj_tanh", ["p"], ["v"]));
        g.Node.Add(OnnxGraph.Node("Unsqueeze", "col", ["v", "ax2"], ["vc"]));
        g.Node.Add(OnnxGraph.Node("Unsqueeze", "row", ["v", "ax1"], ["vr"]));
        g.Node.Add(OnnxGraph.Node("Mul", "outer", ["vc", "vr"], ["m0"]));
        string current = "m0";
        for (int i = 1; i <= layers; i++)
        {
            g.Node.Add(OnnxGraph.Node("MatMul", $"mm{i}", [current, "W1"], [$"x{i}"]));
            g.Node.Add(OnnxGraph.Node("Tanh", $"t{i}", [$"x{i}"], [$"m{i}"]));
            current = $"m{i}";
        }
        g.Node.Add(OnnxGraph.Node("ReduceMean", "pool", [current], ["pooled"], "", OnnxGraph.Ints("axes", [1]), OnnxGraph.Int("keepdims", 0)));
        g.Node.Add(OnnxGraph.Node("Gemm", "head", ["pooled", "W2", "b2"], ["logits"], "", OnnxGraph.Int("transB", 1)));
        g.Node.Add(OnnxGraph.Node("Softmax", "softmax", ["logits"], [OnnxGraph.ScoresName], "", OnnxGraph.Int("axis", -1)));
        g.Output.Add(OnnxGraph.BatchedTensor(OnnxGraph.ScoresName, TensorProto.Types.DataType.Float, 3));
        OnnxModelFile.Save(OnnxGraph.Model(g, usesMlDomain: false), PipelineFixture.Metadata("heavy"), path);
        return path;
    }
}
