using HftScalper.Inference.Contracts;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Sequence;
using HftScalper.Inference.Serving;
using HftScalper.Inference.Tests.Support;
using HftScalper.Tests.Shared;

namespace HftScalper.Inference.Tests.Sequence;

/// <summary>
/// The loader serves the transformer exporter's graph with the compiled encoder (each snapshot encoded once as it
/// enters the ring) and says so in one line; served scores equal an ONNX Runtime server's on the same rows within 1e-5
/// with the same decisions, for interleaved symbols in mixed batches; a graph that differs from the exporter's in
/// anything is served by ONNX Runtime with the reason logged; a served row allocates nothing.
/// </summary>
public sealed class CompiledWindowServerTests : IDisposable
{
    private const int T = 8, Stride = 3, F = 12, Span = (T - 1) * Stride + 1;
    private const long Sample = 250_000_000;
    private readonly ModelFixtures _fx = new();
    private static readonly Features.Schema.FeatureSchema Schema = ModelFixtures.Schema(F);

    public void Dispose() => _fx.Dispose();

    [Fact]
    public void The_exporters_graph_is_compiled_and_serves_the_ort_servers_scores_and_decisions()
    {
        var model = Model(layers: 2, seed: 3);
        using var compiledSession = Load(model, compile: true, "compiled.onnx");
        using var ortSession = Load(model, compile: false, "ort.onnx");
        var compiled = Assert.IsType<WindowRowServer>(compiledSession.SequenceRows);
        var ort = Assert.IsType<WindowRowServer>(ortSession.SequenceRows);
        Assert.True(compiled.Compiled);
        Assert.False(ort.Compiled);
        Assert.Contains(_fx.Logger.Lines, l => l.Message.Contains("window serving by compiled C# encoder", StringComparison.Ordinal));
        Assert.Contains(_fx.Logger.Lines, l => l.Message.Contains("window serving by ONNX Runtime (not compiled: compiling is off", StringComparison.Ordinal));

        var rng = new Random(7);
        const int Symbols = 3, Steps = 300;
        var rows = new float[Symbols * F];
        var keys = new SequenceRowKey[Symbols];
        float[] a = new float[Symbols * 3], b = new float[Symbols * 3];
        bool[] wa = new bool[Symbols], wb = new bool[Symbols];
        int scored = 0;
        double worst = 0;
        var ups = new HashSet<float>();
        for (int k = 0; k < Steps; k++)
        {
            // Wider rows as it goes (past the clip late on); a resync of symbol 1 half way; symbols 0 and 1 twice a tick (every
            // other row held), symbol 2 once.
            for (int i = 0; i < rows.Length; i++) rows[i] = (float)(rng.NextDouble() * 2 - 1) * (1 + k / 30f);
            for (int s = 0; s < Symbols; s++)
                keys[s] = new SequenceRowKey { SymbolId = s, TimeNs = 1_000_000_000_000 + k * (s == 2 ? Sample : Sample / 2) + s, BookSynced = true, Restart = s == 1 && k == Steps / 2 };
            bool okA = compiled.Serve(rows, keys, Symbols, F, a, 3, wa);
            bool okB = ort.Serve(rows, keys, Symbols, F, b, 3, wb);
            Assert.Equal(okB, okA);
            Assert.Equal(wb, wa);
            for (int s = 0; s < Symbols; s++)
            {
                if (wa[s]) continue;
                scored++;
                for (int j = 0; j < 3; j++) worst = Math.Max(worst, Math.Abs(a[s * 3 + j] - b[s * 3 + j]));
                Assert.Equal(ArgMax(b.AsSpan(s * 3, 3)), ArgMax(a.AsSpan(s * 3, 3)));
                ups.Add(a[s * 3 + 2]);
            }
        }
        Assert.True(worst <= 1e-5, $"largest |compiled - ORT| = {worst}");
        Assert.True(scored > 500, $"{scored} rows scored");
        Assert.True(ups.Count > 100, "the scores do not move: a degenerate model");
        Assert.Equal(ort.ScoredRows, compiled.ScoredRows);
        Assert.Equal(ort.WarmingRows, compiled.WarmingRows);
    }

    [Theory]
    [InlineData("epsilon")]
    [InlineData("node")]
    [InlineData("initializer")]
    public void A_graph_that_is_not_the_exporters_is_served_by_ort_with_the_reason_logged(string change)
    {
        var model = Model(layers: 1, seed: 5);
        var node = model.Graph.Node.First(n => n.Name == "l0_norm2");
        switch (change)
        {
            case "epsilon": // a layer norm whose epsilon is not torch's: ORT computes it, the compiled encoder would not
                node.Attribute.First(x => x.Name == "epsilon").F = 1e-3f;
                break;
            case "node": // the feed-forward without its ReLU
                var relu = model.Graph.Node.First(n => n.OpType == "Relu");
                relu.OpType = "Identity";
                break;
            default: // an extra initializer nothing reads
                model.Graph.Initializer.Add(OnnxGraph.FloatTensor("unused", [1], [1f]));
                break;
        }
        Assert.NotNull(TransformerGraphMatch.Difference(model));
        using var session = Load(model, compile: true, $"changed-{change}.onnx");
        var server = Assert.IsType<WindowRowServer>(session.SequenceRows);
        Assert.False(server.Compiled);
        Assert.Contains(_fx.Logger.Lines, l => l.Message.Contains("window serving by ONNX Runtime (not compiled: the graph is not the transformer exporter's", StringComparison.Ordinal));
    }

    [Fact]
    public void The_exporters_graph_matches_itself()
    {
        Assert.Null(TransformerGraphMatch.Difference(Model(layers: 1, seed: 1)));
        Assert.Null(TransformerGraphMatch.Difference(CompiledTransformerTests.Model(2, 2)));
    }

    [Fact]
    public void A_served_row_allocates_nothing()
    {
        using var session = Load(Model(layers: 1, seed: 9), compile: true, "alloc.onnx");
        var server = Assert.IsType<WindowRowServer>(session.SequenceRows);
        Assert.True(server.Compiled);
        var row = Enumerable.Range(0, F).Select(j => MathF.Sin(j)).ToArray();
        var scores = new float[3];
        var warming = new bool[1];
        long k = 0;
        void Calls(int n)
        {
            for (int i = 0; i < n; i++, k++)
            {
                // Two symbols; every other call between two ticks (held scores).
                var key = new SequenceRowKey { SymbolId = (int)(k % 2), TimeNs = 1_000_000_000_000 + k * Sample / 4, BookSynced = true };
                row[0] = k % 13;
                server.Serve(row, new ReadOnlySpan<SequenceRowKey>(in key), 1, F, scores, 3, warming);
            }
        }
        Calls(4 * Span);
        Assert.Equal(0, SteadyStateAllocation.FewestBytes(() => Calls(2000)));
        Assert.True(server.ScoredRows > 400);
        Assert.Equal(0, server.InvalidRows);
    }

    private static int ArgMax(ReadOnlySpan<float> x) => x[0] >= x[1] ? (x[0] >= x[2] ? 0 : 2) : (x[1] >= x[2] ? 1 : 2);

    [Fact]
    public void A_session_that_does_not_time_runs_serves_the_same_scores_and_records_no_latency_sample()
    {
        var model = Model(layers: 1, seed: 5);
        using var timedSession = Load(model, compile: true, "timed.onnx");
        using var untimedSession = Load(model, compile: true, "untimed.onnx");
        untimedSession.Monitor.TimesRuns = false; // what a plain replay sets (no /metrics, no dashboard), after loading
        // Loading ran the model (its checks), timed: only what is served from here on counts.
        long runsBefore = timedSession.Monitor.Runs;
        Assert.Equal(runsBefore, untimedSession.Monitor.Runs);
        timedSession.Monitor.TakeLatencyInterval();
        untimedSession.Monitor.TakeLatencyInterval();
        var timed = Assert.IsType<WindowRowServer>(timedSession.SequenceRows);
        var untimed = Assert.IsType<WindowRowServer>(untimedSession.SequenceRows);
        Assert.True(untimed.Compiled);
        var rng = new Random(11);
        var rows = new float[2 * F];
        var keys = new SequenceRowKey[2];
        float[] a = new float[2 * 3], b = new float[2 * 3];
        bool[] wa = new bool[2], wb = new bool[2];
        for (int k = 0; k < 60; k++)
        {
            for (int i = 0; i < rows.Length; i++) rows[i] = (float)(rng.NextDouble() * 2 - 1);
            for (int s = 0; s < 2; s++) keys[s] = new SequenceRowKey { SymbolId = s, TimeNs = 1_000_000_000_000 + k * Sample, BookSynced = true };
            Assert.Equal(timed.Serve(rows, keys, 2, F, a, 3, wa), untimed.Serve(rows, keys, 2, F, b, 3, wb));
            Assert.Equal(wa, wb);
            Assert.Equal(a, b);
        }

        long served = untimedSession.Monitor.Runs - runsBefore;
        Assert.True(served > 0, "the compiled encoder never ran: the test measures nothing");
        Assert.Equal(timedSession.Monitor.Runs, untimedSession.Monitor.Runs);
        Assert.Equal(timedSession.Monitor.Predictions, untimedSession.Monitor.Predictions);
        Assert.Equal(0, untimedSession.Monitor.TakeLatencyInterval().TotalCount);
        Assert.Equal(served, timedSession.Monitor.TakeLatencyInterval().TotalCount);
    }

    private ModelSession Load(ModelProto model, bool compile, string name)
    {
        var md = ModelFixtures.Metadata(Schema, 3, input: ModelInputKind.Sequence, steps: T) with
        {
            OutputNames = ["down", "flat", "up"],
            ValidationMetricsJson = """{"labelling":{"threshold":"0ticks","sampleIntervalMs":250}}""",
            SequenceWindow = new SequenceWindow(Sample, Stride, 5_000_000_000),
        };
        var path = _fx.Save(model, md, name);
        return _fx.Load(path, Schema, 4, ServingOptions.CpuOnly(4) with { CompileSequences = compile }, ModelRole.Direction);
    }

    private static ModelProto Model(int layers, int seed)
    {
        const int D = 32, Ff = 64;
        var rng = new Random(seed);
        float[] R(int n, float s = 0.3f) => [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1) * s)];
        float[] Around1(int n) => [.. Enumerable.Range(0, n).Select(_ => 1f + (float)(rng.NextDouble() - 0.5) * 0.4f)];
        var l = Enumerable.Range(0, layers).Select(_ => new TransformerLayerWeights(Around1(D), R(D), R(D * D), R(D), R(D * D), R(D), R(D * D), R(D),
            R(D * D), R(D), Around1(D), R(D), R(Ff * D), R(Ff), R(D * Ff), R(D))).ToList();
        var weights = new TransformerWeights(F, T, D, 2, Ff, 3, R(D * F), R(D), R(T * D), l, Around1(D), R(D), R(3 * D, 2f), R(3));
        return TransformerModelBuilder.Build(weights, R(F, 0.5f), [.. Enumerable.Range(0, F).Select(j => 0.5f + j % 4 * 0.5f)], 8f);
    }
}
