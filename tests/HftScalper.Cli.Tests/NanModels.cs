using Google.Protobuf;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;

namespace HftScalper.Cli.Tests;

/// <summary>
/// A served model that emits NaN: a copy of a bundled model (its metadata, schema and shapes intact, so the loader takes
/// it) whose every float output has NaN added on the way out, as a model with a poisoned weight or a division by zero
/// in its graph would produce at run time.
/// </summary>
internal static class NanModels
{
    /// <summary>Writes the NaN-emitting copy of <paramref name="source"/> to <paramref name="path"/> and returns the path.</summary>
    public static string Poison(string source, string path)
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(source));
        var g = model.Graph;
        g.Initializer.Add(OnnxGraph.FloatTensor("hft_test_nan", [], [float.NaN]));
        foreach (var output in g.Output.Where(o => o.Type.TensorType.ElemType == (int)TensorProto.Types.DataType.Float).ToList())
        {
            string raw = output.Name + "_before_nan";
            foreach (var n in g.Node)
                for (int i = 0; i < n.Output.Count; i++) if (n.Output[i] == output.Name) n.Output[i] = raw;
            foreach (var n in g.Node)
                for (int i = 0; i < n.Input.Count; i++) if (n.Input[i] == output.Name) n.Input[i] = raw;
            g.Node.Add(OnnxGraph.Node("Add", "hft_test_nan_" + output.Name, [raw, "hft_test_nan"], [output.Name]));
        }
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }
}
