using Google.Protobuf;
using HftScalper.Inference.Compiled;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Tests.Support;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;
using HftScalper.Tests.Shared;

namespace HftScalper.Inference.Tests;

/// <summary>
/// The two-walk layout of uneven trees (<see cref="PairedTreeEnsemble"/>: 8-byte nodes, leaves inline, "&lt;" compiled
/// to "&lt;=" the float below) against ONNX Runtime and against the four-walk layout it replaced, on rows that sit on
/// every threshold and its neighbouring floats, NaN and infinities; zero allocation per row.
/// </summary>
public sealed class PairedTreeTests
{
    private const int F = 12;
    private const float Tolerance = 1e-6f;
    private readonly ITestOutputHelper _output;

    public PairedTreeTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData("BRANCH_LEQ", 1)]
    [InlineData("BRANCH_LT", 1)]
    [InlineData("BRANCH_LEQ", 3)]
    [InlineData("BRANCH_LT", 3)]
    public void Uneven_trees_match_onnxruntime_on_threshold_neighbours_and_specials(string mode, int outputs)
    {
        var rng = new Random(mode.Length * 7 + outputs);
        var ensemble = Uneven(rng, outputs, count: 41, maxDepth: 14);  // odd: the last tree walks alone
        var proto = TreeEnsembleModelBuilder.BuildRegressor(ensemble);
        var modes = proto.Graph.Node[0].Attribute.First(a => a.Name == "nodes_modes");
        for (int i = 0; i < modes.Strings.Count; i++)
            if (modes.Strings[i].ToStringUtf8() != "LEAF") modes.Strings[i] = ByteString.CopyFromUtf8(mode);
        var paired = TreeGraphCompiler.TryCompile(proto, OnnxGraph.ScoresName, out var why);
        var fourWalks = TreeGraphCompiler.TryCompile(proto, OnnxGraph.ScoresName, out why, pairedWalks: false);
        Assert.True(paired is not null && fourWalks is not null, why);
        Assert.Contains("paired compact trees", paired!.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("paired", fourWalks!.Description, StringComparison.Ordinal);

        var thresholds = ensemble.Trees.SelectMany(t => t).Where(n => !n.IsLeaf).Select(n => n.Threshold).ToArray();
        using var ort = new InferenceSession(proto.ToByteArray());
        using var runOptions = new RunOptions();
        var row = new float[F];
        float[] a = new float[outputs], b = new float[outputs];
        for (int i = 0; i < 3000; i++)
        {
            for (int j = 0; j < F; j++)
            {
                float t = thresholds[rng.Next(thresholds.Length)];
                row[j] = rng.Next(8) switch
                {
                    0 => MathF.BitDecrement(t),
                    1 => MathF.BitIncrement(t),
                    2 => float.NaN,
                    3 => rng.Next(2) == 0 ? float.PositiveInfinity : float.NegativeInfinity,
                    4 => (float)(rng.NextDouble() * 4 - 2),
                    _ => t,
                };
            }
            paired.Evaluate(row, 1, F, a);
            fourWalks.Evaluate(row, 1, F, b);
            using var input = OrtValue.CreateTensorValueFromMemory(row, [1L, F]);
            using var results = ort.Run(runOptions, [ort.InputNames[0]], [input], [OnnxGraph.ScoresName]);
            var expected = results[0].GetTensorDataAsSpan<float>();
            for (int k = 0; k < outputs; k++)
            {
                Assert.True(Math.Abs(a[k] - expected[k]) <= Tolerance, $"{mode} row {i} output {k}: paired {a[k]:R} vs ORT {expected[k]:R}");
                Assert.Equal(b[k], a[k]);  // same trees, same order of additions: the same float
            }
        }
    }

    [Fact]
    public void A_strict_test_is_the_same_as_less_or_equal_the_float_below()
    {
        float[] specials = [float.NegativeInfinity, float.PositiveInfinity, float.NaN, 0f, -0f, float.Epsilon, -float.Epsilon,
            float.MaxValue, float.MinValue, 1.5f, -1.5f];
        foreach (float t in specials)
        {
            float below = PairedTreeEnsemble.Below(t);
            foreach (float x in specials.Concat([t, MathF.BitDecrement(t), MathF.BitIncrement(t)]))
                Assert.True((x < t) == (x <= below), $"x {x:R}, t {t:R}, below {below:R}");
        }
    }

    [Fact]
    public void The_bundled_model_is_served_by_two_walks_with_no_allocation()
    {
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(RepoRoot(), "models", "default.onnx")));
        var model = TreeGraphCompiler.TryCompile(proto, OnnxGraph.ScoresName, out var why);
        var previous = TreeGraphCompiler.TryCompile(proto, OnnxGraph.ScoresName, out why, pairedWalks: false);
        Assert.True(model is not null && previous is not null, why);
        Assert.Contains("paired compact trees", model!.Description, StringComparison.Ordinal);
        int width = model.Features + 3;
        var rng = new Random(9);
        var rows = new float[256 * width];
        for (int i = 0; i < rows.Length; i++) rows[i] = rng.Next(20) == 0 ? float.NaN : (float)(rng.NextDouble() * 4 - 2);
        var a = new float[256 * model.OutputWidth];
        var b = new float[a.Length];
        model.Evaluate(rows, 256, width, a);
        previous!.Evaluate(rows, 256, width, b);
        Assert.Equal(b, a);

        long allocated = SteadyStateAllocation.FewestBytes(() =>
        {
            for (int i = 0; i < 1000; i++) model.Evaluate(rows.AsSpan((i % 256) * width, width), 1, width, a);
        });
        Assert.Equal(0, allocated);
        _output.WriteLine($"{model.Description}: 1000 rows, {allocated} B");
    }

    internal static TreeEnsemble Uneven(Random rng, int outputs, int count, int maxDepth)
    {
        var trees = new List<TreeNode[]>();
        for (int t = 0; t < count; t++)
        {
            var nodes = new List<TreeNode?>();
            Grow(rng, nodes, 0, outputs, maxDepth);
            trees.Add([.. nodes.Select(n => n!.Value)]);
        }
        return new TreeEnsemble(F, outputs, trees, RandomModels.Floats(rng, outputs, 0.5f));
    }

    // Pre-order, one long branch per tree so the ensemble is deep and sparse (the compact layouts, not complete trees);
    // thresholds include the infinities.
    private static int Grow(Random rng, List<TreeNode?> nodes, int depth, int outputs, int maxDepth)
    {
        int at = nodes.Count;
        nodes.Add(null);
        if (depth >= maxDepth || (depth > 1 && rng.NextDouble() < 0.4))
        {
            nodes[at] = TreeNode.Leaf(RandomModels.Floats(rng, outputs, 0.1f));
            return at;
        }
        int left = Grow(rng, nodes, depth + 1, outputs, maxDepth);
        int right = Grow(rng, nodes, depth + 1, outputs, maxDepth);
        float threshold = rng.Next(30) switch { 0 => float.NegativeInfinity, 1 => float.PositiveInfinity, _ => (float)(rng.NextDouble() * 2 - 1) };
        nodes[at] = TreeNode.Split(rng.Next(F), threshold, left, right);
        return at;
    }

    internal static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "HftScalper.sln"))) return d.FullName;
        throw new DirectoryNotFoundException("repository root (HftScalper.sln) not found above " + AppContext.BaseDirectory);
    }
}
