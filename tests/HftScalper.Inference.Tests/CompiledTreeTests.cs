using Google.Protobuf;
using Xunit.Abstractions;
using HftScalper.Inference.Compiled;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Serving;
using HftScalper.Inference.Tests.Support;
using Microsoft.ML.OnnxRuntime;

namespace HftScalper.Inference.Tests;

/// <summary>
/// The compiled tree evaluator against ONNX Runtime (the reference) on the same graphs and rows: random ensembles of
/// every shape it compiles, the bundled models, rows with NaN and infinities; graphs it cannot reproduce stay on ORT.
/// </summary>
public sealed class CompiledTreeTests : IDisposable
{
    private const int F = 12;
    private const float Tolerance = 1e-6f;
    private readonly ModelFixtures _fx = new();
    private readonly ITestOutputHelper _output;

    public CompiledTreeTests(ITestOutputHelper output) => _output = output;
    private readonly Features.Schema.FeatureSchema _schema = ModelFixtures.Schema(F);

    public enum Shape { Regressor, RegressorNoBase, MultiTarget, ClassifierSoftmax, ClassifierLogistic, ClassifierNone, Uneven, DeepSparse, LessThan, Average, OneVsRestSigmoidNormalize }

    [Theory]
    [InlineData(Shape.Regressor)]
    [InlineData(Shape.RegressorNoBase)]
    [InlineData(Shape.MultiTarget)]
    [InlineData(Shape.ClassifierSoftmax)]
    [InlineData(Shape.ClassifierLogistic)]
    [InlineData(Shape.ClassifierNone)]
    [InlineData(Shape.Uneven)]
    [InlineData(Shape.DeepSparse)]
    [InlineData(Shape.LessThan)]
    [InlineData(Shape.Average)]
    [InlineData(Shape.OneVsRestSigmoidNormalize)]
    public void Compiled_evaluator_matches_onnxruntime(Shape shape)
    {
        var rng = new Random(17 + (int)shape);
        var (proto, outputs, kind) = Build(rng, shape);
        var path = _fx.Save(proto, ModelFixtures.Metadata(_schema, outputs, kind));
        using var compiled = _fx.Load(path, _schema, maxBatch: 8);
        using var reference = _fx.Load(path, _schema, maxBatch: 8, ServingOptions.CpuOnly(8) with { CompileTrees = false });
        Assert.StartsWith("compiled trees", compiled.Evaluator, StringComparison.Ordinal);
        if (shape == Shape.DeepSparse) Assert.Contains("compact trees", compiled.Evaluator, StringComparison.Ordinal);
        // Served, a shallow dense ensemble walks incrementally too (only trees whose splits flipped re-walk); the complete
        // layout is the stateless walk, checked against ORT below on the same rows.
        if (shape == Shape.Regressor) Assert.Contains("paired compact trees, re-walked on flipped splits", compiled.Evaluator, StringComparison.Ordinal);
        var stateless = TreeGraphCompiler.TryCompile(proto, proto.Graph.Output.Any(o => o.Name == OnnxGraph.ScoresName) ? OnnxGraph.ScoresName : proto.Graph.Output[0].Name, out var why, incremental: false) ?? throw new InvalidOperationException(why);
        if (shape == Shape.Regressor) Assert.Contains("complete trees", stateless.Description, StringComparison.Ordinal);
        Assert.Equal("onnxruntime", reference.Evaluator);
        var c = new float[8 * outputs];

        var a = new float[8 * outputs];
        var b = new float[8 * outputs];
        for (int round = 0; round < 200; round++)
        {
            int batch = round % 3 == 0 ? 8 : 1;
            var rows = Rows(rng, batch, round % 5 == 0);
            var sa = compiled.Predict(rows, batch, a);
            var sb = reference.Predict(rows, batch, b);
            Assert.Equal(sb, sa);
            stateless.Evaluate(rows, batch, F, c);
            for (int i = 0; i < batch * outputs; i++)
            {
                Assert.True(Math.Abs(a[i] - b[i]) <= Tolerance, $"{shape} round {round} value {i}: compiled {a[i]:R} vs ORT {b[i]:R}");
                Assert.True(Math.Abs(c[i] - b[i]) <= Tolerance, $"{shape} round {round} value {i}: stateless {c[i]:R} vs ORT {b[i]:R}");
            }
        }
    }

    [Fact]
    public void Rows_at_split_thresholds_go_the_same_way_as_in_onnxruntime()
    {
        // Features exactly on the thresholds decide "<=" vs "<": every row here sits on one.
        var rng = new Random(5);
        var ensemble = RandomModels.Trees(rng, F, 1, 30, 4);
        var thresholds = ensemble.Trees.SelectMany(t => t).Where(n => !n.IsLeaf).Select(n => n.Threshold).ToArray();
        foreach (var lessThan in new[] { false, true })
        {
            var proto = TreeEnsembleModelBuilder.BuildRegressor(ensemble);
            if (lessThan) SetModes(proto, "BRANCH_LT");
            var path = _fx.Save(proto, ModelFixtures.Metadata(_schema, 1, ModelOutputKind.Regression), $"edge{lessThan}.onnx");
            using var compiled = _fx.Load(path, _schema, maxBatch: 1);
            using var reference = _fx.Load(path, _schema, maxBatch: 1, ServingOptions.CpuOnly(1) with { CompileTrees = false });
            var row = new float[F];
            float[] a = new float[1], b = new float[1];
            for (int i = 0; i < 300; i++)
            {
                for (int j = 0; j < F; j++) row[j] = thresholds[rng.Next(thresholds.Length)];
                compiled.Predict(row, 1, a);
                reference.Predict(row, 1, b);
                Assert.Equal(b[0], a[0], Tolerance);
            }
        }
    }

    [Fact]
    public void Graphs_it_cannot_reproduce_are_served_by_onnxruntime_with_the_reason()
    {
        var rng = new Random(3);
        var tracked = TreeEnsembleModelBuilder.BuildRegressor(RandomModels.Trees(rng, F, 1, 5, 3));
        tracked.Graph.Node[0].Attribute.Add(OnnxGraph.Ints("nodes_missing_value_tracks_true", Enumerable.Repeat(1L, tracked.Graph.Node[0].Attribute.First(a => a.Name == "nodes_treeids").Ints.Count)));
        Assert.Null(TreeGraphCompiler.TryCompile(tracked, OnnxGraph.ScoresName, out var why));
        Assert.Contains("missing-value", why, StringComparison.Ordinal);

        var mixed = TreeEnsembleModelBuilder.BuildRegressor(RandomModels.Trees(rng, F, 1, 5, 3));
        var modes = mixed.Graph.Node[0].Attribute.First(a => a.Name == "nodes_modes");
        modes.Strings[0] = ByteString.CopyFromUtf8("BRANCH_GT");
        Assert.Null(TreeGraphCompiler.TryCompile(mixed, OnnxGraph.ScoresName, out why));
        Assert.Contains("mixed split modes", why, StringComparison.Ordinal);

        var binary = TreeEnsembleModelBuilder.BuildClassifier(RandomModels.Trees(rng, F, 2, 5, 3), [0, 1], softmax: false);
        Assert.Null(TreeGraphCompiler.TryCompile(binary, OnnxGraph.ScoresName, out why));

        var mlp = MlpModelBuilder.Build(RandomModels.Mlp(rng, F, 8, 3), OutputActivation.Softmax);
        Assert.Null(TreeGraphCompiler.TryCompile(mlp, OnnxGraph.ScoresName, out why));
        var path = _fx.Save(mlp, ModelFixtures.Metadata(_schema, 3));
        using var served = _fx.Load(path, _schema, maxBatch: 2);
        Assert.Equal("onnxruntime", served.Evaluator);
    }

    [Theory]
    [InlineData("default.onnx")]
    [InlineData("default.return.onnx")]
    public void Bundled_models_match_onnxruntime_on_rows_with_missing_values(string file)
    {
        var path = Path.Combine(RepoRoot(), "models", file);
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        var model = TreeGraphCompiler.TryCompile(proto, OnnxGraph.ScoresName, out var why);
        Assert.True(model is not null, why);
        int width = model!.Features;
        // The graph's declared input width (the features the model was trained on).
        using var ort = new InferenceSession(path, new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 });
        int inputWidth = ort.InputMetadata.Values.First().Dimensions[^1];
        Assert.True(width <= inputWidth);
        var rng = new Random(11);
        using var runOptions = new RunOptions();
        var output = new float[model.OutputWidth];
        double worst = 0;
        int exact = 0, values = 0;
        for (int i = 0; i < 500; i++)
        {
            var row = Rows(rng, 1, i % 4 == 0, inputWidth);
            model.Evaluate(row, 1, inputWidth, output);
            using var input = OrtValue.CreateTensorValueFromMemory(row, [1L, inputWidth]);
            using var results = ort.Run(runOptions, new[] { ort.InputNames[0] }, new[] { input }, new[] { OnnxGraph.ScoresName });
            var expected = results[0].GetTensorDataAsSpan<float>();
            for (int k = 0; k < output.Length; k++)
            {
                worst = Math.Max(worst, Math.Abs(output[k] - expected[k]));
                values++;
                if (output[k] == expected[k]) exact++;
            }
        }
        Assert.True(worst <= Tolerance, $"{file}: largest difference {worst:E2}");
        _output.WriteLine($"{file}: {exact} of {values} values bit-identical to ONNX Runtime, largest difference {worst:E2}");
    }

    private static (ModelProto, int, ModelOutputKind) Build(Random rng, Shape shape)
    {
        switch (shape)
        {
            case Shape.Regressor: return (TreeEnsembleModelBuilder.BuildRegressor(RandomModels.Trees(rng, F, 1, 40, 5)), 1, ModelOutputKind.Regression);
            case Shape.RegressorNoBase: return (TreeEnsembleModelBuilder.BuildRegressor(RandomModels.Trees(rng, F, 1, 7, 3, withBase: false)), 1, ModelOutputKind.Regression);
            case Shape.MultiTarget: return (TreeEnsembleModelBuilder.BuildRegressor(RandomModels.Trees(rng, F, 3, 25, 4)), 3, ModelOutputKind.Regression);
            case Shape.ClassifierSoftmax: return (TreeEnsembleModelBuilder.BuildClassifier(RandomModels.Trees(rng, F, 3, 30, 4), [0, 1, 2], softmax: true), 3, ModelOutputKind.Classification);
            case Shape.ClassifierNone: return (TreeEnsembleModelBuilder.BuildClassifier(RandomModels.Trees(rng, F, 4, 30, 4), [0, 1, 2, 3], softmax: false), 4, ModelOutputKind.Classification);
            case Shape.ClassifierLogistic:
            {
                var p = TreeEnsembleModelBuilder.BuildClassifier(RandomModels.Trees(rng, F, 3, 30, 4), [0, 1, 2], softmax: false);
                p.Graph.Node[0].Attribute.First(a => a.Name == "post_transform").S = ByteString.CopyFromUtf8("LOGISTIC");
                return (p, 3, ModelOutputKind.Classification);
            }
            case Shape.Uneven: return (TreeEnsembleModelBuilder.BuildRegressor(UnevenTrees(rng, 2, 60, 6, 0.3)), 2, ModelOutputKind.Regression);
            case Shape.DeepSparse: return (TreeEnsembleModelBuilder.BuildRegressor(UnevenTrees(rng, 3, 50, 16, 0.45)), 3, ModelOutputKind.Regression);
            case Shape.LessThan:
            {
                var p = TreeEnsembleModelBuilder.BuildRegressor(RandomModels.Trees(rng, F, 1, 20, 4));
                SetModes(p, "BRANCH_LT");
                return (p, 1, ModelOutputKind.Regression);
            }
            case Shape.Average:
            {
                var p = TreeEnsembleModelBuilder.BuildRegressor(RandomModels.Trees(rng, F, 1, 20, 4));
                p.Graph.Node[0].Attribute.First(a => a.Name == "aggregate_function").S = ByteString.CopyFromUtf8("AVERAGE");
                return (p, 1, ModelOutputKind.Regression);
            }
            default:
            {
                // What `hft train` exports: one-vs-rest trees (each adds to one logit), Sigmoid, ReduceSum, Div.
                var p = TreeEnsembleModelBuilder.BuildRegressor(OneVsRest(rng, 3, 30));
                var g = p.Graph;
                g.Node[0].Output[0] = "logits";
                g.Output.Clear();
                g.Initializer.Add(OnnxGraph.Int64Tensor("axes", [1], [1]));
                g.Node.Add(OnnxGraph.Node("Sigmoid", "s", ["logits"], ["p"]));
                g.Node.Add(OnnxGraph.Node("ReduceSum", "r", ["p", "axes"], ["sum"], "", OnnxGraph.Int("keepdims", 1)));
                g.Node.Add(OnnxGraph.Node("Div", "d", ["p", "sum"], [OnnxGraph.ScoresName]));
                g.Output.Add(OnnxGraph.BatchedTensor(OnnxGraph.ScoresName, TensorProto.Types.DataType.Float, 3));
                return (p, 3, ModelOutputKind.Classification);
            }
        }
    }

    private static void SetModes(ModelProto p, string mode)
    {
        var modes = p.Graph.Node[0].Attribute.First(a => a.Name == "nodes_modes");
        for (int i = 0; i < modes.Strings.Count; i++)
            if (modes.Strings[i].ToStringUtf8() != "LEAF") modes.Strings[i] = ByteString.CopyFromUtf8(mode);
    }

    // Trees of random shape (leaves at depths 0..6), so the completion to one depth is exercised.
    private static TreeEnsemble UnevenTrees(Random rng, int outputs, int count, int maxDepth, double leafChance)
    {
        var trees = new List<TreeNode[]>();
        for (int t = 0; t < count; t++)
        {
            var nodes = new List<TreeNode?>();
            Grow(rng, nodes, 0, outputs, maxDepth, leafChance);
            trees.Add([.. nodes.Select(n => n!.Value)]);
        }
        return new TreeEnsemble(F, outputs, trees, RandomModels.Floats(rng, outputs, 0.5f));
    }

    // Pre-order: a node's children come after it (TreeEnsemble requires forward references).
    private static int Grow(Random rng, List<TreeNode?> nodes, int depth, int outputs, int maxDepth, double leafChance)
    {
        int at = nodes.Count;
        nodes.Add(null);
        // The first branch always grows, so deep trees exist even when leaves are likely.
        if (depth >= maxDepth || (depth > 0 && nodes.Count > 2 && rng.NextDouble() < leafChance))
        {
            nodes[at] = TreeNode.Leaf(RandomModels.Floats(rng, outputs, 0.1f));
            return at;
        }
        int left = Grow(rng, nodes, depth + 1, outputs, maxDepth, depth < maxDepth / 2 ? 0.0 : leafChance);
        int right = Grow(rng, nodes, depth + 1, outputs, maxDepth, leafChance);
        nodes[at] = TreeNode.Split(rng.Next(F), (float)(rng.NextDouble() * 2 - 1), left, right);
        return at;
    }

    // Each tree's leaves score one class only (the other values 0): the single-target layout.
    private static TreeEnsemble OneVsRest(Random rng, int classes, int perClass)
    {
        var trees = new List<TreeNode[]>();
        for (int k = 0; k < classes; k++)
            for (int t = 0; t < perClass; t++)
            {
                var nodes = new List<TreeNode?>();
                GrowOneClass(rng, nodes, 0, classes, k);
                trees.Add([.. nodes.Select(n => n!.Value)]);
            }
        return new TreeEnsemble(F, classes, trees);
    }

    private static int GrowOneClass(Random rng, List<TreeNode?> nodes, int depth, int classes, int k)
    {
        int at = nodes.Count;
        nodes.Add(null);
        if (depth >= 5 || (depth > 1 && rng.NextDouble() < 0.2))
        {
            var values = new float[classes];
            values[k] = (float)(rng.NextDouble() * 2 - 1);
            nodes[at] = TreeNode.Leaf(values);
            return at;
        }
        int left = GrowOneClass(rng, nodes, depth + 1, classes, k);
        int right = GrowOneClass(rng, nodes, depth + 1, classes, k);
        nodes[at] = TreeNode.Split(rng.Next(F), (float)(rng.NextDouble() * 2 - 1), left, right);
        return at;
    }

    private static float[] Rows(Random rng, int batch, bool withSpecials, int width = F)
    {
        var rows = new float[batch * width];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = (float)((rng.NextDouble() * 2 - 1) * 1.5);
            if (withSpecials && rng.NextDouble() < 0.1)
                rows[i] = rng.Next(3) switch { 0 => float.NaN, 1 => float.PositiveInfinity, _ => float.NegativeInfinity };
        }
        return rows;
    }

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "HftScalper.sln"))) return d.FullName;
        throw new DirectoryNotFoundException("repository root (HftScalper.sln) not found above " + AppContext.BaseDirectory);
    }

    public void Dispose() => _fx.Dispose();
}
