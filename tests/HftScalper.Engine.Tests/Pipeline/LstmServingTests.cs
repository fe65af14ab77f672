using HftScalper.Binance.Sync;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Features;
using HftScalper.Engine.Pipeline;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Sequence;
using HftScalper.Inference.Serving;
using HftScalper.Features.Engine;
using Microsoft.Extensions.Logging.Abstractions;
using HftScalper.Tests.Shared;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>
/// The engine serves an LSTM window model one step per decision: each symbol's h/c carried between decisions equal
/// the window model (ONNX Runtime) over the same rows, restart on resync, unsynced rows, feed gaps and model swaps,
/// cost no allocation, and give a deterministic decision digest.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class LstmServingTests : IClassFixture<PipelineFixture>
{
    private const int T = 8;
    private readonly PipelineFixture _fx;

    public LstmServingTests(PipelineFixture fx) => _fx = fx;

    [Fact]
    public void Stepping_each_symbols_rows_one_per_decision_equals_the_window_model_over_the_same_rows()
    {
        var rows = LstmModels.Rows.Value;
        var path = LstmModels.Write(_fx.Dir, T);
        using var session = PipelineFixture.Load(path);
        using var reference = PipelineFixture.Load(path);
        var source = new SingleModelSource(session);
        int f = rows.Width;
        var batch = new float[2 * f];
        var keys = new SequenceRowKey[2];
        var scores = new float[2 * 3];
        var peek = new float[3];
        foreach (int start in new[] { 0, 40, 100 })
        {
            for (int k = 0; k < T; k++)
            {
                // Two symbols micro-batched in one call; each restarts at its window's first row.
                int r0 = start + k, r1 = start + 20 + k;
                rows.Row(r0).CopyTo(batch.AsSpan(0, f));
                rows.Row(r1).CopyTo(batch.AsSpan(f, f));
                keys[0] = new SequenceRowKey { SymbolId = 0, TimeNs = rows.TimesNs[r0], Restart = k == 0, BookSynced = true };
                keys[1] = new SequenceRowKey { SymbolId = 1, TimeNs = rows.TimesNs[r1], Restart = k == 0, BookSynced = true };
                Assert.Equal(DecisionModelStatus.Ok, source.Predict(batch, keys, 2, scores, f, 3, new bool[2]));
                if (k == T - 1) break;
                // A decision 1 ns later, before the next tick of the 250 ms clock, on an unrelated row: answered, not kept.
                var between = new[] { new SequenceRowKey { SymbolId = 0, TimeNs = rows.TimesNs[r0] + 1, BookSynced = true } };
                Assert.Equal(DecisionModelStatus.Ok, source.Predict(rows.Row(200), between, 1, peek, f, 3, new bool[1]));
            }
            AssertClose(Window(reference, rows, start), scores.AsSpan(0, 3), $"symbol 0, window at {start}");
            AssertClose(Window(reference, rows, start + 20), scores.AsSpan(3, 3), $"symbol 1, window at {start + 20}");
        }
        Assert.True(session.LstmSteps!.PeekSteps >= 3 * (T - 1));
    }

    [Fact]
    public void A_resync_an_unsynced_row_a_feed_gap_and_a_model_swap_each_restart_the_symbols_state()
    {
        var rows = LstmModels.Rows.Value;
        var path = LstmModels.Write(_fx.Dir, T);
        using var host = new ModelHost(NullLogger.Instance);
        host.Swap(Served(path));
        var source = new HostedModelSource(host);
        const int x = 150;
        long t0 = rows.TimesNs[10];
        using var freshSession = PipelineFixture.Load(path);
        var fresh = Serve(new SingleModelSource(freshSession), rows, x, new SequenceRowKey { TimeNs = t0, BookSynced = true });

        // Carried state: the same row scores otherwise than from zero state.
        Warm(source, rows);
        var carried = Serve(source, rows, x, Key(rows, 10));
        Assert.NotEqual(fresh, carried);

        Warm(source, rows);
        Assert.Equal(fresh, Serve(source, rows, x, Key(rows, 10) with { Restart = true }));

        Warm(source, rows);
        Serve(source, rows, 9, Key(rows, 9) with { BookSynced = false });
        Assert.Equal(fresh, Serve(source, rows, x, Key(rows, 10)));

        Warm(source, rows);
        Assert.Equal(fresh, Serve(source, rows, x, Key(rows, 8) with { TimeNs = rows.TimesNs[8] + 6_000_000_000 }));

        Warm(source, rows);
        host.Swap(Served(path));
        Assert.Equal(fresh, Serve(source, rows, x, Key(rows, 10)));
    }

    [Fact]
    public void A_feed_status_event_marks_the_next_decision_of_each_symbol_as_a_sequence_break()
    {
        var registry = new SymbolRegistry();
        int a = registry.Register("AAAUSDT", "binance-spot", 2, 3).Id, b = registry.Register("BBBUSDT", "binance-spot", 2, 3).Id;
        using var processor = new BookFeatureProcessor(registry, new BookSyncOptions());
        var row = new float[processor.Features.Width];
        bool Break(int symbol, long t)
        {
            var trade = new MarketEvent { Kind = MarketEventKind.Trade, SymbolId = symbol, ExchangeTimeNs = t, LocalTimeNs = t, Price = 100_00, Quantity = 1_000, Flags = MarketEventFlags.LastInMessage };
            Assert.True(processor.OnEvent(in trade, row, out var info));
            return info.SequenceBreak;
        }

        Assert.False(Break(a, 1_000_000_000));
        Assert.False(Break(b, 1_100_000_000));
        var status = new MarketEvent { Kind = MarketEventKind.Status, SymbolId = -1, UpdateId = (long)FeedStatus.Reconnected, ExchangeTimeNs = 1_200_000_000, LocalTimeNs = 1_200_000_000 };
        Assert.False(processor.OnEvent(in status, row, out _));

        Assert.True(Break(a, 1_300_000_000));
        Assert.False(Break(a, 1_400_000_000));
        Assert.True(Break(b, 1_500_000_000));
    }

    [Fact]
    public void A_sequence_graph_that_the_step_does_not_reproduce_is_refused_at_load()
    {
        var path = LstmModels.Write(_fx.Dir, T, softmax: false);
        var loader = new ModelLoader(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(8), NullLogger.Instance);

        var e = Assert.Throws<ModelLoadException>(() => loader.Load(path));

        Assert.Contains("does not reproduce the graph", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replay_with_an_LSTM_model_serves_every_decision_allocation_free_with_a_deterministic_digest()
    {
        var path = LstmModels.Write(_fx.Dir, T);
        PipelineResult Replay(PipelineTopology topology, out LstmRowServer steps)
        {
            var registry = new SymbolRegistry();
            using var session = PipelineFixture.Load(path);
            steps = session.LstmSteps!;
            return PipelineFixture.Run(PipelineFixture.Simulator(registry), registry, new SingleModelSource(session), new PipelineOptions { Topology = topology, WarmupEvents = 10_000 });
        }

        var first = Replay(PipelineTopology.Inline, out var steps);
        var second = Replay(PipelineTopology.Inline, out _);
        var threaded = Replay(PipelineTopology.Threaded, out _);
        var registry = new SymbolRegistry();
        using var trees = PipelineFixture.Load(_fx.TreeModel());
        var other = PipelineFixture.Run(PipelineFixture.Simulator(registry), registry, new SingleModelSource(trees));

        Assert.True(first.Decisions > 1000, $"only {first.Decisions} decisions");
        Assert.Equal(first.Decisions, first.Inference.Rows);
        Assert.Equal(0, first.Inference.FailedRows);
        Assert.True(steps.KeptSteps > 100 && steps.PeekSteps > 100, $"kept {steps.KeptSteps}, peeked {steps.PeekSteps}");
        Assert.Equal(first.Digest, second.Digest);
        Assert.Equal(first.Digest, threaded.Digest);
        Assert.NotEqual(other.Digest, first.Digest);
        Assert.True(first.SteadyEvents > 50_000, $"only {first.SteadyEvents} events after warm-up");
        Assert.Equal(0, first.ProducerThreadAllocatedBytes);
        Assert.Equal(0, first.Gen0Collections);
    }

    [Fact]
    public void An_LSTM_model_is_validated_swapped_in_served_and_shadowed_through_the_lifecycle_like_trees()
    {
        var rows = LstmModels.Rows.Value;
        var dir = Directory.CreateDirectory(Path.Combine(_fx.Dir, "lifecycle")).FullName;
        using var lifecycle = new ModelLifecycle(FeatureEngine.DefaultSchema, new ModelLifecycleOptions { Directory = dir }, NullLogger.Instance);
        var good = LstmModels.Write(dir, T);
        var bad = LstmModels.Write(dir, T, softmax: false);

        Assert.True(lifecycle.OnModelFile(good)!.Passed);
        var refused = lifecycle.OnModelFile(bad)!;

        Assert.False(refused.Passed);
        Assert.Equal(good, lifecycle.Host.Current!.SourcePath);
        Assert.NotNull(lifecycle.Host.Current.Session.LstmSteps);
        var source = new HostedModelSource(lifecycle.Host);
        Warm(source, rows);

        using var shadow = new ShadowScorer(NullLogger.Instance);
        shadow.SetCandidate(Served(LstmModels.Write(_fx.Dir, T, seed: 6)));
        var keys = new[] { Key(rows, 20) with { Restart = true }, Key(rows, 21) };
        var live = new float[6];
        Assert.Equal(DecisionModelStatus.Ok, source.Predict(rows.Values.Slice(20 * rows.Width, 2 * rows.Width), keys, 2, live, rows.Width, 3, new bool[2]));
        Assert.Equal(2, shadow.Observe(rows.Values.Slice(20 * rows.Width, 2 * rows.Width), keys, 2, rows.Width, live, firstDecisionId: 0));
    }

    [Fact]
    public void A_decision_step_allocates_nothing()
    {
        var rows = LstmModels.Rows.Value;
        using var session = PipelineFixture.Load(LstmModels.Write(_fx.Dir, T));
        var source = new SingleModelSource(session);
        var scores = new float[3];
        var key = new SequenceRowKey[1];
        var warming = new bool[1];
        void Decide(int i)
        {
            int r = i % rows.Rows;
            key[0] = new SequenceRowKey { SymbolId = i & 3, TimeNs = rows.TimesNs[r] + (i / rows.Rows) * 100_000_000_000L, BookSynced = true };
            source.Predict(rows.Row(r), key, 1, scores, rows.Width, 3, warming);
        }
        for (int i = 0; i < 500; i++) Decide(i);

        // Each pass is the next 5,000 decisions: time only moves on.
        long allocated = SteadyStateAllocation.FewestBytes(pass =>
        {
            for (int i = 500 + pass * 5000; i < 5500 + pass * 5000; i++) Decide(i);
        });

        Assert.Equal(0, allocated);
    }

    private static ServedModel Served(string path) => new(PipelineFixture.Load(path), path, ModelRegistry.Sha256Of(path));

    private static SequenceRowKey Key(Training.Data.FeatureMatrix rows, int r) => new() { SymbolId = 0, TimeNs = rows.TimesNs[r], BookSynced = true };

    // Symbol 0 from a restart through rows 0..7 (state carried into the next call).
    private static void Warm(IDecisionModelSource source, Training.Data.FeatureMatrix rows)
    {
        for (int r = 0; r < 8; r++) Serve(source, rows, r, Key(rows, r) with { Restart = r == 0 });
    }

    private static float[] Serve(IDecisionModelSource source, Training.Data.FeatureMatrix rows, int row, SequenceRowKey key)
    {
        var scores = new float[3];
        Assert.Equal(DecisionModelStatus.Ok, source.Predict(rows.Row(row), new[] { key }, 1, scores, rows.Width, 3, new bool[1]));
        return scores;
    }

    private static float[] Window(ModelSession reference, Training.Data.FeatureMatrix rows, int start)
    {
        var scores = new float[3];
        Assert.Equal(PredictStatus.Ok, reference.Predict(rows.Values.Slice(start * rows.Width, T * rows.Width), 1, scores));
        return scores;
    }

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        for (int k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(expected[k] - actual[k]) < 2e-5, $"{what}, class {k}: window model {expected[k]}, steps {actual[k]}");
    }
}
