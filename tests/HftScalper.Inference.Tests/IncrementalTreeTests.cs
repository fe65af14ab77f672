using Google.Protobuf;
using HftScalper.Inference.Compiled;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Tests.Shared;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;

namespace HftScalper.Inference.Tests;

/// <summary>
/// The incremental evaluator (<see cref="IncrementalTreeEnsemble"/>: only trees whose splits flipped since the previous
/// row walk again) against the stateless two-walk layout, bit for bit, and against ONNX Runtime, on sequences of rows
/// like a replay's (a few features drift a little per row) mixed with what breaks a cache: features landing exactly on
/// thresholds and on their neighbouring floats, NaN appearing and going, infinities, jumps to unrelated rows; on random
/// uneven ensembles with one and several outputs per leaf, strict and non-strict splits, and the bundled models.
/// </summary>
public sealed class IncrementalTreeTests
{
    private const int F = 12;
    private readonly ITestOutputHelper _output;

    public IncrementalTreeTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData("BRANCH_LEQ", 1, false)]
    [InlineData("BRANCH_LT", 1, false)]
    [InlineData("BRANCH_LEQ", 3, false)]
    [InlineData("BRANCH_LT", 3, false)]
    [InlineData("BRANCH_LEQ", 3, true)]
    [InlineData("BRANCH_LT", 5, true)]
    public void Drifting_rows_give_the_stateless_walk_bit_for_bit_and_onnxruntime(string mode, int outputs, bool oneOutputPerTree)
    {
        var rng = new Random(mode.Length * 31 + outputs * 7 + (oneOutputPerTree ? 1 : 0));
        var ensemble = PairedTreeTests.Uneven(rng, outputs, count: 41, maxDepth: 14);
        if (oneOutputPerTree) ensemble = OneOutputPerTree(ensemble);
        var proto = TreeEnsembleModelBuilder.BuildRegressor(ensemble);
        var modes = proto.Graph.Node[0].Attribute.First(a => a.Name == "nodes_modes");
        for (int i = 0; i < modes.Strings.Count; i++)
            if (modes.Strings[i].ToStringUtf8() != "LEAF") modes.Strings[i] = ByteString.CopyFromUtf8(mode);
        var incremental = TreeGraphCompiler.TryCompile(proto, OnnxGraph.ScoresName, out var why);
        var stateless = TreeGraphCompiler.TryCompile(proto, OnnxGraph.ScoresName, out why, incremental: false);
        Assert.True(incremental is not null && stateless is not null, why);
        var kernel = Assert.IsType<IncrementalTreeEnsemble>(incremental!.Kernel);
        Assert.IsType<PairedTreeEnsemble>(stateless!.Kernel);
        Assert.Contains("re-walked on flipped splits", incremental.Description, StringComparison.Ordinal);

        var thresholds = ensemble.Trees.SelectMany(t => t).Where(n => !n.IsLeaf).Select(n => n.Threshold).ToArray();
        using var ort = new InferenceSession(proto.ToByteArray());
        using var runOptions = new RunOptions();
        var row = Start(rng, F);
        float[] a = new float[outputs], b = new float[outputs];
        long walked = 0;
        int partial = 0;
        const int Rows = 6000;
        for (int i = 0; i < Rows; i++)
        {
            Drift(rng, row, thresholds, i);
            incremental.Evaluate(row, 1, F, a);
            stateless.Evaluate(row, 1, F, b);
            walked += kernel.LastWalked;
            if (kernel.LastWalked < kernel.Trees) partial++;
            for (int k = 0; k < outputs; k++)
                Assert.True(BitConverter.SingleToInt32Bits(a[k]) == BitConverter.SingleToInt32Bits(b[k]),
                    $"{mode} row {i} output {k}: incremental {a[k]:R} vs stateless {b[k]:R}");
            if (i % 10 != 0) continue;
            using var input = OrtValue.CreateTensorValueFromMemory(row, [1L, F]);
            using var results = ort.Run(runOptions, [ort.InputNames[0]], [input], [OnnxGraph.ScoresName]);
            var expected = results[0].GetTensorDataAsSpan<float>();
            for (int k = 0; k < outputs; k++)
                Assert.True(Math.Abs(a[k] - expected[k]) <= 1e-6f, $"{mode} row {i} output {k}: incremental {a[k]:R} vs ORT {expected[k]:R}");
        }
        double share = walked / (double)Rows / kernel.Trees;
        _output.WriteLine($"{mode}, {outputs} outputs: {share:P1} of the trees walked per row, {partial} of {Rows} rows walked fewer than all");
        Assert.True(partial > Rows / 4, $"{partial} of {Rows} rows walked fewer than all trees: the incremental path is not taken");
    }

    [Theory]
    [InlineData("default.onnx")]
    [InlineData("default.return.onnx")]
    public void Bundled_models_served_incrementally_match_the_stateless_walk_with_no_allocation(string file)
    {
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(PairedTreeTests.RepoRoot(), "models", file)));
        var incremental = TreeGraphCompiler.TryCompile(proto, OnnxGraph.ScoresName, out var why);
        var stateless = TreeGraphCompiler.TryCompile(proto, OnnxGraph.ScoresName, out why, incremental: false);
        Assert.True(incremental is not null && stateless is not null, why);
        var kernel = Assert.IsType<IncrementalTreeEnsemble>(incremental!.Kernel);
        int width = incremental.Features + 3;
        var rng = new Random(5);
        const int Rows = 2048;
        var rows = new float[Rows * width];
        var row = Start(rng, width);
        for (int i = 0; i < Rows; i++)
        {
            Drift(rng, row, [-1f, 0f, 0.5f, 1f], i);
            row.CopyTo(rows, i * width);
        }
        var a = new float[incremental.OutputWidth];
        var b = new float[a.Length];
        for (int i = 0; i < Rows; i++)
        {
            incremental.Evaluate(rows.AsSpan(i * width, width), 1, width, a);
            stateless.Evaluate(rows.AsSpan(i * width, width), 1, width, b);
            Assert.Equal(b, a);
        }
        // A batch is rows in sequence: the same values as one row at a time.
        var batchOut = new float[Rows * a.Length];
        var rowOut = new float[Rows * a.Length];
        kernel.Reset();
        incremental.Evaluate(rows, Rows, width, batchOut);
        stateless.Evaluate(rows, Rows, width, rowOut);
        Assert.Equal(rowOut, batchOut);

        long allocated = SteadyStateAllocation.FewestBytes(() =>
        {
            for (int i = 0; i < 4000; i++) incremental.Evaluate(rows.AsSpan(i % Rows * width, width), 1, width, a);
        });
        Assert.Equal(0, allocated);
        _output.WriteLine($"{file}: {incremental.Description}");
    }

    [Fact]
    public void Interleaved_symbols_fall_back_to_the_stateless_walk_and_come_back_when_rows_drift_again()
    {
        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(PairedTreeTests.RepoRoot(), "models", "default.onnx")));
        var incremental = TreeGraphCompiler.TryCompile(proto, OnnxGraph.ScoresName, out var why);
        var stateless = TreeGraphCompiler.TryCompile(proto, OnnxGraph.ScoresName, out why, incremental: false);
        Assert.True(incremental is not null && stateless is not null, why);
        var kernel = Assert.IsType<IncrementalTreeEnsemble>(incremental!.Kernel);
        int width = incremental.Features;
        var rng = new Random(3);
        float[] one = Start(rng, width), other = Start(rng, width);
        for (int j = 0; j < width; j++) other[j] = -4 * one[j] + 3; // another market: every feature elsewhere
        var a = new float[incremental.OutputWidth];
        var b = new float[a.Length];
        bool fellBack = false, cameBack = false;
        for (int i = 0; i < 1200; i++)
        {
            bool interleaved = i < 600;
            var row = interleaved && i % 2 == 1 ? other : one;
            Drift(rng, row, [-1f, 0f, 0.5f, 1f], i % 50 == 49 ? 0 : i);
            incremental.Evaluate(row, 1, width, a);
            stateless.Evaluate(row, 1, width, b);
            Assert.Equal(b, a);
            fellBack |= interleaved && kernel.Stateless;
            cameBack |= !interleaved && !kernel.Stateless && kernel.LastWalked < kernel.Trees / 4;
        }
        Assert.True(fellBack, "interleaved rows never switched to the stateless walk");
        Assert.True(cameBack, "drifting rows after the interleaved ones never went incremental again");
    }

    // A row of mid-range values with one NaN.
    internal static float[] Start(Random rng, int width)
    {
        var row = new float[width];
        for (int j = 0; j < width; j++) row[j] = (float)(rng.NextDouble() * 2 - 1);
        row[rng.Next(width)] = float.NaN;
        return row;
    }

    // Most rows move two or three features by a little; some land a feature on a threshold or the float beside it,
    // turn NaN or back, go infinite; one in fifty jumps to an unrelated row.
    internal static void Drift(Random rng, float[] row, float[] thresholds, int i)
    {
        if (i % 50 == 49)
        {
            for (int j = 0; j < row.Length; j++) row[j] = (float)(rng.NextDouble() * 4 - 2);
            return;
        }
        for (int c = rng.Next(1, 4); c > 0; c--)
        {
            int j = rng.Next(row.Length);
            float t = thresholds[rng.Next(thresholds.Length)];
            row[j] = rng.Next(20) switch
            {
                0 => t,
                1 => MathF.BitDecrement(t),
                2 => MathF.BitIncrement(t),
                3 => float.NaN,
                4 => rng.Next(2) == 0 ? float.PositiveInfinity : float.NegativeInfinity,
                5 => -0f,
                _ => float.IsFinite(row[j]) ? row[j] + (float)((rng.NextDouble() - 0.5) * 0.05) : (float)(rng.NextDouble() * 2 - 1),
            };
        }
    }

    // Tree t keeps only output t mod k in its leaves: the one-vs-rest (single target) layout.
    private static TreeEnsemble OneOutputPerTree(TreeEnsemble e)
    {
        var trees = e.Trees.Select((nodes, t) => nodes.Select(n =>
        {
            if (!n.IsLeaf) return n;
            var values = new float[e.Outputs];
            values[t % e.Outputs] = n.LeafValues![t % e.Outputs];
            return TreeNode.Leaf(values);
        }).ToArray()).ToList();
        return new TreeEnsemble(F, e.Outputs, trees);
    }
}
