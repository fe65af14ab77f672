using Google.Protobuf;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;

namespace HftScalper.Cli.Tests;

/// <summary>
/// ONNX models as a Python exporter (skl2onnx with <c>zipmap=False</c>, or <c>torch.onnx.export</c>) writes them:
/// input <c>float_input</c> <c>[N,F]</c>, an int64 <c>label</c> and float <c>probabilities</c> <c>[N,3]</c>
/// (softmax, classes down, flat, up), another producer name, and no <c>hft.*</c> metadata.
/// </summary>
internal static class ForeignModels
{
    public const string Input = "float_input";
    public const string Probabilities = "probabilities";

    /// <summary>A softmax MLP <c>F -> 16 -> 3</c> with seeded weights (small, so the probabilities move with the rows).</summary>
    public static ModelProto Mlp(int features, int seed = 7)
    {
        var rng = new Random(seed);
        float[] Floats(int n, float scale) => [.. Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2 - 1) * scale))];
        var layers = new[]
        {
            new DenseLayer(features, 16, Floats(features * 16, 0.05f), Floats(16, 0.1f)),
            new DenseLayer(16, 3, Floats(48, 0.5f), Floats(3, 0.1f)),
        };
        var model = MlpModelBuilder.Build(layers, OutputActivation.Softmax);
        var g = model.Graph;
        Rename(g, OnnxGraph.InputName, Input);
        Rename(g, OnnxGraph.ScoresName, Probabilities);
        g.Node.Add(OnnxGraph.Node("ArgMax", "argmax", [Probabilities], ["label"], "", OnnxGraph.Int("axis", 1), OnnxGraph.Int("keepdims", 0)));
        var label = OnnxGraph.BatchedTensor("label", TensorProto.Types.DataType.Int64);
        g.Output.Insert(0, label);
        model.ProducerName = "skl2onnx";
        model.ProducerVersion = "1.17.0";
        return model;
    }

    /// <summary>Writes <paramref name="model"/> as is (no metadata added) and returns the path.</summary>
    public static string Save(ModelProto model, string path)
    {
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }

    private static void Rename(GraphProto g, string from, string to)
    {
        foreach (var v in g.Input.Concat(g.Output)) if (v.Name == from) v.Name = to;
        foreach (var n in g.Node)
        {
            for (int i = 0; i < n.Input.Count; i++) if (n.Input[i] == from) n.Input[i] = to;
            for (int i = 0; i < n.Output.Count; i++) if (n.Output[i] == from) n.Output[i] = to;
        }
    }
}
