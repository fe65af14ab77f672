using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Features.Engine;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Sequence;
using HftScalper.Inference.Serving;
using HftScalper.Trading.Risk;
using Microsoft.Extensions.Logging.Abstractions;
using HftScalper.Tests.Shared;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>
/// The engine serves a transformer window model through the sequence seam (<see cref="WindowRowServer"/>): attached
/// and checked against ONNX Runtime at load, warming (no prediction, no fallback) until a symbol's window is full,
/// emptied by a resync, an unsynced row, a gap, time going back and a model swap, validated / swapped / shadowed /
/// rolled back by the lifecycle like trees, 0 B per decision, and the same digest inline twice and threaded.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class TransformerServingTests : IClassFixture<PipelineFixture>
{
    private const int T = 4, Stride = 2, Span = (T - 1) * Stride + 1;
    private readonly PipelineFixture _fx;

    public TransformerServingTests(PipelineFixture fx) => _fx = fx;

    [Fact]
    public void The_loader_attaches_a_window_server_that_serves_the_graphs_own_scores_on_the_training_window()
    {
        var rows = LstmModels.Rows.Value;
        var path = TransformerModels.Write(_fx.Dir, T, Stride);
        using var session = PipelineFixture.Load(path);
        using var reference = PipelineFixture.Load(path);
        var server = Assert.IsType<WindowRowServer>(session.SequenceRows);
        Assert.True(server.Compiled, "the exporter's graph is served by the compiled encoder");
        Assert.Null(session.LstmSteps);
        Assert.Equal(Span, server.SpanRows);
        var source = new SingleModelSource(session);

        var scores = new float[3];
        for (int r = 0; r < Span; r++) Assert.Equal(r < Span - 1, Serve(source, rows, r, Key(rows, r), scores));

        // The window training cuts at row Span-1: rows 0, 2, 4, 6.
        var window = new float[T * rows.Width];
        for (int k = 0; k < T; k++) rows.Row(k * Stride).CopyTo(window.AsSpan(k * rows.Width, rows.Width));
        var direct = new float[3];
        Assert.Equal(PredictStatus.Ok, reference.Predict(window, 1, direct));
        for (int c = 0; c < 3; c++) Assert.True(Math.Abs(direct[c] - scores[c]) < 1e-5, $"class {c}: graph {direct[c]}, served {scores[c]}");
    }

    [Fact]
    public void Each_restart_warms_the_symbol_for_the_window_span_less_one_row_and_leaves_other_symbols_served()
    {
        var rows = LstmModels.Rows.Value;
        var path = TransformerModels.Write(_fx.Dir, T, Stride);
        using var host = new ModelHost(NullLogger.Instance);
        host.Swap(Served(path));
        var source = new HostedModelSource(host);
        var scores = new float[3];
        int next = 0, warm1 = 0;
        long shift = 0;

        // Rows of symbols 0 and 1 alternate, each on its own 250 ms tick (symbol 1 1 ns after symbol 0); returns symbol
        // 0's warming rows until its first prediction (the restarting row included) and counts symbol 1's in warm1.
        int Warming(SequenceRowKey? first = null)
        {
            for (int warm = 0; ; warm++)
            {
                int r = next++;
                var key = warm == 0 && first is { } k ? k : Key(rows, r) with { TimeNs = rows.TimesNs[r] + shift };
                bool w = Serve(source, rows, r, key, scores);
                if (Serve(source, rows, r, Key(rows, r) with { SymbolId = 1, TimeNs = rows.TimesNs[r] + shift + 1 }, scores)) warm1++;
                if (!w) return warm;
            }
        }

        Assert.Equal(Span - 1, Warming());
        Assert.Equal(Span - 1, warm1);
        for (int i = 0; i < 5; i++) Assert.Equal(0, Warming());

        // Symbol 0 alone: a resync (restart key), then an unsynced row (not a snapshot: it warms too).
        Assert.Equal(Span - 1, Warming(Key(rows, next) with { TimeNs = rows.TimesNs[next] + shift, Restart = true }));
        Assert.Equal(Span, Warming(Key(rows, next) with { TimeNs = rows.TimesNs[next] + shift, BookSynced = false }));
        Assert.Equal(Span - 1, warm1);
        // Both symbols: a gap over the model's 5 s limit, time going back, a model swap.
        shift += 6_000_000_000;
        Assert.Equal(Span - 1, Warming());
        Assert.Equal(2 * (Span - 1), warm1);
        shift -= 60_000_000_000;
        Assert.Equal(Span - 1, Warming());
        Assert.Equal(3 * (Span - 1), warm1);
        host.Swap(Served(path));
        Assert.Equal(Span - 1, Warming());
        Assert.Equal(4 * (Span - 1), warm1);
        Assert.Equal(0, Warming());
    }

    [Fact]
    public void A_replay_with_a_transformer_warms_each_symbol_once_then_serves_every_decision_allocation_free_with_a_deterministic_digest()
    {
        var path = TransformerModels.Write(_fx.Dir, T, Stride);
        PipelineResult Replay(PipelineTopology topology, out WindowRowServer server)
        {
            var registry = new SymbolRegistry();
            using var session = PipelineFixture.Load(path);
            server = (WindowRowServer)session.SequenceRows!;
            return PipelineFixture.Run(PipelineFixture.Simulator(registry), registry, new SingleModelSource(session), new PipelineOptions { Topology = topology, WarmupEvents = 10_000 });
        }

        var first = Replay(PipelineTopology.Inline, out var server);
        var second = Replay(PipelineTopology.Inline, out _);
        var threaded = Replay(PipelineTopology.Threaded, out _);
        var registry = new SymbolRegistry();
        using var trees = PipelineFixture.Load(_fx.TreeModel());
        var other = PipelineFixture.Run(PipelineFixture.Simulator(registry), registry, new SingleModelSource(trees));

        Assert.True(first.Decisions > 1000, $"only {first.Decisions} decisions");
        Assert.True(first.Inference.WarmingRows > 0, "no decision warmed");
        Assert.Equal(server.WarmingRows, first.Inference.WarmingRows);
        Assert.Equal(first.Decisions, first.Inference.Rows + first.Inference.WarmingRows);
        Assert.Equal(0, first.Inference.FailedRows);
        Assert.True(server.ScoredRows > 100 && server.HeldRows > 100, $"scored {server.ScoredRows}, held {server.HeldRows}");
        // A warming decision has no signal and no fallback guess: risk refuses it as warming (or for the market data it
        // checks first, e.g. a book not synced yet), and only predicted rows make model signals.
        long warmingVerdicts = first.Trading.RiskVerdicts[nameof(RiskVerdict.ModelWarming)];
        Assert.True(warmingVerdicts > 0 && warmingVerdicts <= first.Inference.WarmingRows, $"{warmingVerdicts} warming verdicts, {first.Inference.WarmingRows} warming rows");
        Assert.Equal(0, first.Trading.FallbackSignals);
        Assert.True(first.Trading.ModelSignals > 0 && first.Trading.ModelSignals <= first.Inference.Rows, $"{first.Trading.ModelSignals} model signals, {first.Inference.Rows} rows");
        Assert.Equal(first.Digest, second.Digest);
        Assert.Equal(first.Digest, threaded.Digest);
        Assert.Equal(first.Inference.WarmingRows, threaded.Inference.WarmingRows);
        Assert.NotEqual(other.Digest, first.Digest);
        Assert.True(first.SteadyEvents > 50_000, $"only {first.SteadyEvents} events after warm-up");
        Assert.Equal(0, first.ProducerThreadAllocatedBytes);
        Assert.Equal(0, first.Gen0Collections);
    }

    [Fact]
    public void A_decision_allocates_nothing_in_steady_state()
    {
        var rows = LstmModels.Rows.Value;
        using var session = PipelineFixture.Load(TransformerModels.Write(_fx.Dir, T, Stride));
        var source = new SingleModelSource(session);
        var scores = new float[3];
        var key = new SequenceRowKey[1];
        var warming = new bool[1];
        void Decide(int i)
        {
            // Four symbols; every other decision falls between two ticks (held), and each lap of the rows moves time on.
            int r = (i / 2) % rows.Rows;
            long lap = (i / 2) / rows.Rows * 100_000_000_000L;
            key[0] = new SequenceRowKey { SymbolId = (i / 2) & 3, TimeNs = rows.TimesNs[r] + lap + (i & 1), BookSynced = true };
            source.Predict(rows.Row(r), key, 1, scores, rows.Width, 3, warming);
        }
        for (int i = 0; i < 500; i++) Decide(i);

        // Each pass is the next 5,000 decisions: time only moves on.
        long allocated = SteadyStateAllocation.FewestBytes(pass =>
        {
            for (int i = 500 + pass * 5000; i < 5500 + pass * 5000; i++) Decide(i);
        });

        Assert.Equal(0, allocated);
        Assert.True(((WindowRowServer)session.SequenceRows!).ScoredRows > 100);
    }

    [Fact]
    public void A_transformer_is_validated_swapped_in_shadowed_and_rolled_back_through_the_lifecycle_like_trees()
    {
        var rows = LstmModels.Rows.Value;
        var dir = Directory.CreateDirectory(Path.Combine(_fx.Dir, "transformer-lifecycle")).FullName;
        using var lifecycle = new ModelLifecycle(FeatureEngine.DefaultSchema, new ModelLifecycleOptions { Directory = dir }, NullLogger.Instance);
        var trees = _fx.TreeModel(file: Path.Combine(dir, "trees.onnx"));
        var transformer = TransformerModels.Write(dir, T, Stride);

        Assert.True(lifecycle.OnModelFile(trees)!.Passed);
        Assert.True(lifecycle.OnModelFile(transformer)!.Passed);
        Assert.Equal(transformer, lifecycle.Host.Current!.SourcePath);
        Assert.IsType<WindowRowServer>(lifecycle.Host.Current.Session.SequenceRows);
        var source = new HostedModelSource(lifecycle.Host);
        var scores = new float[3];
        for (int r = 0; r < Span; r++) Assert.Equal(r < Span - 1, Serve(source, rows, r, Key(rows, r), scores));

        // A transformer candidate in shadow: its warming rows are not compared, the rest are.
        using var shadow = new ShadowScorer(NullLogger.Instance);
        shadow.SetCandidate(Served(TransformerModels.Write(_fx.Dir, T, Stride, seed: 12)));
        var live = new float[3];
        int compared = 0;
        for (int r = 0; r < Span + 2; r++)
        {
            Serve(source, rows, r + Span, Key(rows, r + Span), live);
            compared += shadow.Observe(rows.Row(r + Span), [Key(rows, r + Span)], 1, rows.Width, live, firstDecisionId: r);
        }
        Assert.Equal(3, compared);

        Assert.True(lifecycle.Rollback(out string message), message);
        Assert.Equal(ModelRegistry.Sha256Of(trees), lifecycle.Host.Current!.Sha256);
        Assert.Null(lifecycle.Host.Current.Session.SequenceRows);
        Assert.False(Serve(source, rows, 0, Key(rows, 0), scores));
    }

    private static ServedModel Served(string path) => new(PipelineFixture.Load(path), path, ModelRegistry.Sha256Of(path));

    private static SequenceRowKey Key(Training.Data.FeatureMatrix rows, int r) => new() { SymbolId = 0, TimeNs = rows.TimesNs[r], BookSynced = true };

    // One decision; true when it warmed (no prediction: NaN scores), false when served (finite scores).
    private static bool Serve(IDecisionModelSource source, Training.Data.FeatureMatrix rows, int row, SequenceRowKey key, float[] scores)
    {
        var warming = new bool[1];
        Assert.Equal(DecisionModelStatus.Ok, source.Predict(rows.Row(row), new[] { key }, 1, scores, rows.Width, 3, warming));
        Assert.Equal(warming[0], float.IsNaN(scores[0]));
        return warming[0];
    }
}
