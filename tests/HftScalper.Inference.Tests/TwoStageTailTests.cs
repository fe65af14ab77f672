using HftScalper.Inference.Compiled;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Serving;
using HftScalper.Inference.Tests.Support;
using HftScalper.Tests.Shared;

namespace HftScalper.Inference.Tests;

/// <summary>
/// The two-stage direction graph <c>hft train</c> exports by default (two logits, Sigmoid, then Slice, Mul, Sub,
/// Concat into P(down, flat, up)) is compiled, and its scores equal ONNX Runtime's bit for bit; a tail that differs in
/// one initializer, operand or name stays on ONNX Runtime.
/// </summary>
public sealed class TwoStageTailTests : IDisposable
{
    private const int F = 12;
    private readonly ModelFixtures _fx = new();
    private readonly Features.Schema.FeatureSchema _schema = ModelFixtures.Schema(F);

    [Fact]
    public void Two_stage_graph_is_compiled_and_equals_onnxruntime_bit_for_bit()
    {
        var rng = new Random(23);
        var path = _fx.Save(TwoStage(rng), ModelFixtures.Metadata(_schema, 3, ModelOutputKind.Classification), "twostage.onnx");
        using var compiled = _fx.Load(path, _schema, maxBatch: 8);
        using var reference = _fx.Load(path, _schema, maxBatch: 8, ServingOptions.CpuOnly(8) with { CompileTrees = false });
        Assert.StartsWith("compiled trees", compiled.Evaluator, StringComparison.Ordinal);
        Assert.Contains("then Sigmoid+TwoStage", compiled.Evaluator, StringComparison.Ordinal);
        Assert.Equal("onnxruntime", reference.Evaluator);

        var a = new float[8 * 3];
        var b = new float[8 * 3];
        int values = 0;
        for (int round = 0; round < 400; round++)
        {
            int batch = round % 3 == 0 ? 8 : 1;
            var rows = Rows(rng, batch, withMissing: round % 4 == 0, scale: round % 2 == 0 ? 1.5 : 6);
            Assert.Equal(reference.Predict(rows, batch, b), compiled.Predict(rows, batch, a));
            for (int i = 0; i < batch * 3; i++, values++)
                Assert.True(BitConverter.SingleToInt32Bits(a[i]) == BitConverter.SingleToInt32Bits(b[i]),
                    $"round {round} value {i}: compiled {a[i]:R} vs ORT {b[i]:R}");
            for (int r = 0; r < batch; r++) Assert.Equal(1f, a[r * 3] + a[r * 3 + 1] + a[r * 3 + 2], 5);
        }
        Assert.True(values > 3000);
    }

    [Theory]
    [InlineData("up_to=3")]
    [InlineData("one=2")]
    [InlineData("move_to=2")]
    [InlineData("column_axis=0")]
    [InlineData("concat order")]
    [InlineData("concat axis")]
    [InlineData("mul operands")]
    [InlineData("renamed node")]
    public void A_tail_that_is_not_the_exported_one_stays_on_onnxruntime(string change)
    {
        var proto = TwoStage(new Random(29));
        var g = proto.Graph;
        TensorProto Init(string name) => g.Initializer.First(t => t.Name == name);
        NodeProto Node(string name) => g.Node.First(n => n.Name == name);
        switch (change)
        {
            case "up_to=3": Init("up_to").Int64Data[0] = 3; break;
            case "one=2": Init("one").FloatData[0] = 2f; break;
            case "move_to=2": Init("move_to").Int64Data[0] = 2; break;
            case "column_axis=0": Init("column_axis").Int64Data[0] = 0; break;
            case "concat order": (Node("class_probabilities").Input[0], Node("class_probabilities").Input[2]) = ("up", "down"); break;
            case "concat axis": Node("class_probabilities").Attribute.First(a => a.Name == "axis").I = -1; break;
            case "mul operands": (Node("p_up").Input[0], Node("p_up").Input[1]) = ("pu", "pm"); break;
            default: Node("p_flat").Name = "flat_probability"; break;
        }

        Assert.Null(TreeGraphCompiler.TryCompile(proto, OnnxGraph.ScoresName, out string why));
        Assert.Contains("two-stage", why, StringComparison.Ordinal);
        if (change is "up_to=3" or "one=2")
        {
            // Still a valid graph: served by ONNX Runtime as before.
            var path = _fx.Save(proto, ModelFixtures.Metadata(_schema, 3, ModelOutputKind.Classification), "variant.onnx");
            using var served = _fx.Load(path, _schema, maxBatch: 2);
            Assert.Equal("onnxruntime", served.Evaluator);
        }
    }

    [Fact]
    public void Compiled_two_stage_scoring_allocates_nothing_per_call()
    {
        var rng = new Random(31);
        var path = _fx.Save(TwoStage(rng), ModelFixtures.Metadata(_schema, 3, ModelOutputKind.Classification), "alloc.onnx");
        using var compiled = _fx.Load(path, _schema, maxBatch: 8);
        Assert.Contains("TwoStage", compiled.Evaluator, StringComparison.Ordinal);
        var rows = Rows(rng, 8, withMissing: true, scale: 1.5);
        var scores = new float[8 * 3];
        for (int i = 0; i < 50; i++) compiled.Predict(rows, 1 + i % 8, scores);
        Assert.Equal(0, SteadyStateAllocation.FewestBytes(() =>
        {
            for (int i = 0; i < 2000; i++) compiled.Predict(rows, 1 + i % 8, scores);
        }));
    }

    // The graph TreeModelExporter.Direction writes for a two-stage set (ComposeTwoStage): move and up-given-move
    // logits from one regressor, Sigmoid, then the tail, with the exporter's node, tensor and initializer names.
    private static ModelProto TwoStage(Random rng)
    {
        var p = TreeEnsembleModelBuilder.BuildRegressor(RandomModels.Trees(rng, F, 2, 40, 5));
        var g = p.Graph;
        g.Node[0].Output[0] = "logits";
        g.Output.Clear();
        g.Node.Add(OnnxGraph.Node("Sigmoid", "head_probability", ["logits"], ["head_probabilities"]));
        g.Initializer.Add(OnnxGraph.Int64Tensor("move_from", [1], [0]));
        g.Initializer.Add(OnnxGraph.Int64Tensor("move_to", [1], [1]));
        g.Initializer.Add(OnnxGraph.Int64Tensor("up_to", [1], [2]));
        g.Initializer.Add(OnnxGraph.Int64Tensor("column_axis", [1], [1]));
        g.Initializer.Add(OnnxGraph.FloatTensor("one", [1], [1f]));
        g.Node.Add(OnnxGraph.Node("Slice", "p_move", ["head_probabilities", "move_from", "move_to", "column_axis"], ["pm"]));
        g.Node.Add(OnnxGraph.Node("Slice", "p_up_given_move", ["head_probabilities", "move_to", "up_to", "column_axis"], ["pu"]));
        g.Node.Add(OnnxGraph.Node("Mul", "p_up", ["pm", "pu"], ["up"]));
        g.Node.Add(OnnxGraph.Node("Sub", "p_down", ["pm", "up"], ["down"]));
        g.Node.Add(OnnxGraph.Node("Sub", "p_flat", ["one", "pm"], ["flat"]));
        g.Node.Add(OnnxGraph.Node("Concat", "class_probabilities", ["down", "flat", "up"], [OnnxGraph.ScoresName], "", OnnxGraph.Int("axis", 1)));
        g.Output.Add(OnnxGraph.BatchedTensor(OnnxGraph.ScoresName, TensorProto.Types.DataType.Float, 3));
        return p;
    }

    private static float[] Rows(Random rng, int batch, bool withMissing, double scale)
    {
        var rows = new float[batch * F];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = (float)((rng.NextDouble() * 2 - 1) * scale);
            if (withMissing && rng.NextDouble() < 0.15) rows[i] = float.NaN;
        }
        return rows;
    }

    public void Dispose() => _fx.Dispose();
}
