using Google.Protobuf;
using HftScalper.Inference.Compiled;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Sequence;
using HftScalper.Tests.Shared;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;

namespace HftScalper.Inference.Tests;

/// <summary>
/// The incremental evaluator's state per stream (symbol): rows of several symbols interleaved in random order, each
/// drifting from its own previous row (with jumps, NaN, infinities and thresholds as <see cref="IncrementalTreeTests"/>
/// draws them), give the stateless walk's values bit for bit and ONNX Runtime's within 1e-6, walk few trees (where one
/// shared state falls back to walking them all), allocate nothing once every symbol was seen, and keep at most
/// <see cref="IncrementalTreeEnsemble.MaxStreams"/> states.
/// </summary>
public sealed class IncrementalTreeStreamTests
{
    private static readonly int[] SymbolIds = [0, 5, 2, 40]; // registry ids: not dense, not in order of appearance
    private readonly ITestOutputHelper _output;

    public IncrementalTreeStreamTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData("default.onnx")]
    [InlineData("default.return.onnx")]
    public void Interleaved_symbols_each_compare_with_their_own_previous_row_bit_for_bit(string file)
    {
        var proto = Bundled(file);
        var keyed = Compile(proto, incremental: true);
        var unkeyed = Compile(proto, incremental: true);
        var stateless = Compile(proto, incremental: false);
        var kernel = Assert.IsType<IncrementalTreeEnsemble>(keyed.Kernel);
        var shared = Assert.IsType<IncrementalTreeEnsemble>(unkeyed.Kernel);
        int width = InputWidth(proto);
        var (rows, symbols) = Interleaved(new Random(11), width, 8000);
        using var ort = new InferenceSession(proto.ToByteArray());
        using var runOptions = new RunOptions();
        float[] a = new float[keyed.OutputWidth], b = new float[a.Length], c = new float[a.Length];
        var key = new SequenceRowKey[1];
        int partialKeyed = 0, partialShared = 0;
        long walked = 0;
        for (int i = 0; i < symbols.Length; i++)
        {
            var row = rows.AsSpan(i * width, width);
            key[0].SymbolId = symbols[i];
            keyed.Evaluate(row, 1, width, a, key);
            unkeyed.Evaluate(row, 1, width, c);
            stateless.Evaluate(row, 1, width, b);
            for (int k = 0; k < a.Length; k++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(a[k]) == BitConverter.SingleToInt32Bits(b[k]),
                    $"row {i} (symbol {symbols[i]}) output {k}: per-symbol state {a[k]:R} vs stateless {b[k]:R}");
                Assert.True(BitConverter.SingleToInt32Bits(c[k]) == BitConverter.SingleToInt32Bits(b[k]),
                    $"row {i} output {k}: shared state {c[k]:R} vs stateless {b[k]:R}");
            }
            walked += kernel.LastWalked;
            if (kernel.LastWalked < kernel.Trees) partialKeyed++;
            if (shared.LastWalked < shared.Trees) partialShared++;
            if (i % 10 != 0) continue;
            using var input = OrtValue.CreateTensorValueFromMemory(row.ToArray(), [1L, width]);
            using var results = ort.Run(runOptions, [ort.InputNames[0]], [input], [OnnxGraph.ScoresName]);
            var expected = results[0].GetTensorDataAsSpan<float>();
            for (int k = 0; k < a.Length; k++)
                Assert.True(Math.Abs(a[k] - expected[k]) <= 1e-6f, $"row {i} output {k}: per-symbol state {a[k]:R} vs ORT {expected[k]:R}");
        }
        _output.WriteLine($"{file}: {SymbolIds.Length} symbols interleaved; rows walking fewer than all {kernel.Trees} trees: "
            + $"{partialKeyed} of {symbols.Length} with a state per symbol ({walked / (double)symbols.Length:F1} trees per row), {partialShared} with one shared state");
        Assert.Equal(SymbolIds.Length, kernel.Streams);
        Assert.Equal(0, shared.Streams);
        Assert.True(partialKeyed > symbols.Length * 3 / 4, $"only {partialKeyed} of {symbols.Length} rows walked fewer than all trees with a state per symbol");
        Assert.True(partialKeyed > 4 * partialShared, $"per symbol {partialKeyed} vs shared {partialShared}: no gain over one shared state");
    }

    [Fact]
    public void Interleaved_symbols_allocate_nothing_once_each_was_seen()
    {
        var proto = Bundled("default.onnx");
        var model = Compile(proto, incremental: true);
        var kernel = Assert.IsType<IncrementalTreeEnsemble>(model.Kernel);
        int width = InputWidth(proto);
        var (rows, symbols) = Interleaved(new Random(12), width, 4000);
        var keys = symbols.Select(s => new SequenceRowKey { SymbolId = s }).ToArray();
        var scores = new float[model.OutputWidth * 4];
        long allocated = SteadyStateAllocation.FewestBytes(() =>
        {
            // One row at a time (as the inference stage serves an idle market) and in batches of four.
            for (int i = 0; i < symbols.Length / 2; i++)
                model.Evaluate(rows.AsSpan(i * width, width), 1, width, scores, keys.AsSpan(i, 1));
            for (int i = symbols.Length / 2; i + 4 <= symbols.Length; i += 4)
                model.Evaluate(rows.AsSpan(i * width, 4 * width), 4, width, scores, keys.AsSpan(i, 4));
        });
        Assert.Equal(0, allocated);
        Assert.Equal(SymbolIds.Length, kernel.Streams);
    }

    [Fact]
    public void States_are_bounded_and_streams_beyond_the_bound_share_one_with_the_same_values()
    {
        var proto = Bundled("default.onnx");
        var stateless = Assert.IsType<PairedTreeEnsemble>(Compile(proto, incremental: false).Kernel);
        var kernel = new IncrementalTreeEnsemble(stateless, stateless.TreeTargets, maxStreams: 2);
        int width = InputWidth(proto);
        var rng = new Random(13);
        var (rows, symbols) = Interleaved(rng, width, 3000);
        float[] a = new float[kernel.Outputs], b = new float[a.Length];
        int[] streams = [0, 1, 2, 40, -1, int.MaxValue];
        for (int i = 0; i < symbols.Length; i++)
        {
            int stream = streams[(Array.IndexOf(SymbolIds, symbols[i]) + i) % streams.Length];
            var row = rows.AsSpan(i * width, width);
            Array.Clear(a);
            Array.Clear(b);
            kernel.Accumulate(row, a, stream);
            stateless.Accumulate(row, b);
            Assert.Equal(b, a);
        }
        Assert.Equal(2, kernel.Streams);
        long allocated = SteadyStateAllocation.FewestBytes(() =>
        {
            for (int i = 0; i < 1000; i++) kernel.Accumulate(rows.AsSpan(i * width, width), a, 1000 + i);
        });
        Assert.Equal(0, allocated);
        Assert.Equal(2, kernel.Streams);
        _output.WriteLine($"one state of {kernel.Trees} trees, {kernel.Features} features: {kernel.StateBytes:N0} bytes; "
            + $"at most {IncrementalTreeEnsemble.DefaultMaxStreams + 1:N0} states by default: {kernel.StateBytes * (IncrementalTreeEnsemble.DefaultMaxStreams + 1) / 1024.0 / 1024.0:F1} MiB");
    }

    // Rows of SymbolIds in random order, each symbol's rows drifting from its own previous row; the symbols' markets
    // are far apart (every feature elsewhere), so a row compared with another symbol's row jumps.
    private static (float[] Rows, int[] Symbols) Interleaved(Random rng, int width, int count)
    {
        var current = new float[SymbolIds.Length][];
        current[0] = IncrementalTreeTests.Start(rng, width);
        for (int s = 1; s < current.Length; s++) current[s] = current[0].Select(v => -4 * s * v + 3 * s).ToArray();
        var seen = new int[SymbolIds.Length];
        var rows = new float[count * width];
        var symbols = new int[count];
        for (int i = 0; i < count; i++)
        {
            int s = rng.Next(SymbolIds.Length);
            IncrementalTreeTests.Drift(rng, current[s], [-1f, 0f, 0.5f, 1f], seen[s]++);
            current[s].CopyTo(rows, i * width);
            symbols[i] = SymbolIds[s];
        }
        return (rows, symbols);
    }

    private static ModelProto Bundled(string file) =>
        ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(PairedTreeTests.RepoRoot(), "models", file)));

    private static CompiledTreeModel Compile(ModelProto proto, bool incremental) =>
        TreeGraphCompiler.TryCompile(proto, OnnxGraph.ScoresName, out var why, incremental: incremental)
        ?? throw new InvalidOperationException(why);

    private static int InputWidth(ModelProto proto) => (int)proto.Graph.Input[0].Type.TensorType.Shape.Dim[1].DimValue;
}
