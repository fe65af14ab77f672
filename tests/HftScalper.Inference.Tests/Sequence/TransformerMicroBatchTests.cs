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
/// Micro-batching the compiled transformer across symbols (<see cref="WindowRowServer.MicroBatching"/>): the new
/// windows of one batch's rows of different symbols are scored in one encoder pass, and every row gets the bits, the
/// warming flag and the counters that serving the rows one window at a time gives, over mixed batches (several
/// symbols, a symbol twice in a batch, warming, gaps, time going back, resyncs, unsynced and non-finite rows, batches
/// wider than the session's); a served batch allocates nothing.
/// </summary>
public sealed class TransformerMicroBatchTests : IDisposable
{
    private const int Stride = 3, F = 12;
    private const long Sample = 250_000_000;
    private readonly ModelFixtures _fx = new();
    private static readonly Features.Schema.FeatureSchema Schema = ModelFixtures.Schema(F);

    public void Dispose() => _fx.Dispose();

    [Theory]
    [InlineData(8, 1, 3)]  // T a multiple of the kernel's four rows: all windows' rows in one product
    [InlineData(7, 2, 5)]  // T = 7: products window by window (same blocks and tail as alone), two layers
    public void Mixed_batches_score_the_bits_of_one_window_at_a_time(int t, int layers, int seed)
    {
        var model = Model(t, layers, seed);
        using var batchedSession = Load(model, t, "batched.onnx");
        using var aloneSession = Load(model, t, "alone.onnx");
        var batched = Assert.IsType<WindowRowServer>(batchedSession.SequenceRows);
        var alone = Assert.IsType<WindowRowServer>(aloneSession.SequenceRows);
        Assert.True(batched.Compiled && alone.Compiled);
        Assert.True(batched.MicroBatching);
        alone.MicroBatching = false;

        var rng = new Random(seed);
        const int Symbols = 6, MaxRows = 9, Steps = 1500;
        var clock = new long[Symbols];
        for (int s = 0; s < Symbols; s++) clock[s] = 1_000_000_000_000 + s * 7;
        var rows = new float[MaxRows * F];
        var keys = new SequenceRowKey[MaxRows];
        float[] a = new float[MaxRows * 3], b = new float[MaxRows * 3];
        bool[] wa = new bool[MaxRows], wb = new bool[MaxRows];
        var ups = new HashSet<float>();
        for (int k = 0; k < Steps; k++)
        {
            int n = 1 + rng.Next(MaxRows);
            for (int i = 0; i < n; i++)
            {
                int s = rng.Next(Symbols);
                double u = rng.NextDouble();
                // Mostly half a tick or a tick on; now and then a gap over the 5 s limit, or time going back.
                clock[s] += u < 0.01 ? 6_000_000_000 : u < 0.015 ? -3 * Sample : rng.Next(4) == 0 ? Sample / 2 : Sample;
                keys[i] = new SequenceRowKey { SymbolId = s, TimeNs = clock[s], BookSynced = rng.NextDouble() > 0.01, Restart = rng.NextDouble() < 0.005 };
                for (int j = 0; j < F; j++) rows[i * F + j] = (float)(rng.NextDouble() * 2 - 1) * (1 + k % 50 / 10f);
                if (rng.NextDouble() < 0.003) rows[i * F + rng.Next(F)] = float.NaN;
            }
            a.AsSpan().Fill(7f);
            b.AsSpan().Fill(7f);
            bool okA = batched.Serve(rows, keys, n, F, a, 3, wa);
            bool okB = alone.Serve(rows, keys, n, F, b, 3, wb);
            Assert.Equal(okB, okA);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(wb[i], wa[i]);
                for (int j = 0; j < 3; j++)
                    Assert.True(BitConverter.SingleToInt32Bits(b[i * 3 + j]) == BitConverter.SingleToInt32Bits(a[i * 3 + j]),
                        $"step {k} row {i} (symbol {keys[i].SymbolId}) column {j}: micro-batched {a[i * 3 + j]:R}, alone {b[i * 3 + j]:R}");
                if (!wa[i] && float.IsFinite(a[i * 3 + 2])) ups.Add(a[i * 3 + 2]);
            }
        }
        Assert.Equal(alone.ScoredRows, batched.ScoredRows);
        Assert.Equal(alone.HeldRows, batched.HeldRows);
        Assert.Equal(alone.WarmingRows, batched.WarmingRows);
        Assert.Equal(alone.InvalidRows, batched.InvalidRows);
        Assert.Equal(alone.KeyRestarts, batched.KeyRestarts);
        Assert.Equal(alone.GapResets, batched.GapResets);
        Assert.Equal(0, alone.BatchedRows);
        Assert.True(batched.BatchedRows > 1000, $"{batched.BatchedRows} of {batched.ScoredRows} scored rows were micro-batched");
        Assert.True(batched.WarmingRows > 100 && batched.InvalidRows > 0 && batched.GapResets > 0 && batched.KeyRestarts > 0,
            $"warming {batched.WarmingRows}, invalid {batched.InvalidRows}, gap resets {batched.GapResets}, key restarts {batched.KeyRestarts}");
        Assert.True(ups.Count > 500, "the scores do not move: a degenerate model");
    }

    [Fact]
    public void A_micro_batched_call_allocates_nothing()
    {
        const int T = 8, Symbols = 4;
        using var session = Load(Model(T, 1, 9), T, "alloc.onnx");
        var server = Assert.IsType<WindowRowServer>(session.SequenceRows);
        var rows = Enumerable.Range(0, Symbols * F).Select(j => MathF.Sin(j)).ToArray();
        var keys = new SequenceRowKey[Symbols];
        var scores = new float[Symbols * 3];
        var warming = new bool[Symbols];
        long k = 0;
        void Calls(int n)
        {
            for (int c = 0; c < n; c++, k++)
            {
                // Every other call between two ticks (held scores).
                for (int s = 0; s < Symbols; s++) keys[s] = new SequenceRowKey { SymbolId = s, TimeNs = 1_000_000_000_000 + k * Sample / 2, BookSynced = true };
                rows[0] = k % 13;
                server.Serve(rows, keys, Symbols, F, scores, 3, warming);
            }
        }
        Calls(4 * T * Stride);
        Assert.Equal(0, SteadyStateAllocation.FewestBytes(() => Calls(1000)));
        Assert.True(server.BatchedRows > 1000, $"{server.BatchedRows} rows micro-batched");
        Assert.Equal(0, server.InvalidRows);
    }

    private ModelSession Load(ModelProto model, int t, string name)
    {
        var md = ModelFixtures.Metadata(Schema, 3, input: ModelInputKind.Sequence, steps: t) with
        {
            OutputNames = ["down", "flat", "up"],
            ValidationMetricsJson = """{"labelling":{"threshold":"0ticks","sampleIntervalMs":250}}""",
            SequenceWindow = new SequenceWindow(Sample, Stride, 5_000_000_000),
        };
        var path = _fx.Save(model, md, name);
        return _fx.Load(path, Schema, 4, ServingOptions.CpuOnly(4) with { CompileSequences = true }, ModelRole.Direction);
    }

    // The exporter's graph with random weights (d 32, 2 heads, feed-forward 64).
    private static ModelProto Model(int t, int layers, int seed)
    {
        const int D = 32, Ff = 64;
        var rng = new Random(seed);
        float[] R(int n, float s = 0.3f) => [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1) * s)];
        float[] Around1(int n) => [.. Enumerable.Range(0, n).Select(_ => 1f + (float)(rng.NextDouble() - 0.5) * 0.4f)];
        var l = Enumerable.Range(0, layers).Select(_ => new TransformerLayerWeights(Around1(D), R(D), R(D * D), R(D), R(D * D), R(D), R(D * D), R(D),
            R(D * D), R(D), Around1(D), R(D), R(Ff * D), R(Ff), R(D * Ff), R(D))).ToList();
        var weights = new TransformerWeights(F, t, D, 2, Ff, 3, R(D * F), R(D), R(t * D), l, Around1(D), R(D), R(3 * D, 2f), R(3));
        return TransformerModelBuilder.Build(weights, R(F, 0.5f), [.. Enumerable.Range(0, F).Select(j => 0.5f + j % 4 * 0.5f)], 8f);
    }
}
