using HftScalper.DeepLearning.Lstm;
using HftScalper.DeepLearning.Sequences;
using HftScalper.Inference.Sequence;
using HftScalper.Inference.Serving;
using HftScalper.Simulator;
using HftScalper.Training.Data;
using HftScalper.Tests.Shared;

namespace HftScalper.DeepLearning.Tests;

/// <summary>
/// Micro-batching across symbols: when a batch holds decisions of several symbols, the LSTM server steps two symbols
/// in one pass over the weights. Every score and every carried state equals (bit for bit) serving each row alone, over
/// batches that mix symbols, repeat a symbol, restart, skip the sampling clock (peeks), go unsynced and jump gaps; and a
/// micro-batched call allocates nothing.
/// </summary>
public sealed class LstmMicroBatchTests
{
    private static readonly Lazy<FeatureMatrix> Rows = new(() =>
        ReplayDataset.Build([], SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(1) }, 250_000_000, log: _ => { }).Samples);

    [Theory]
    [InlineData(64, false)]
    [InlineData(16, true)]  // columns reordered: the second row's scores go through their own buffer
    [InlineData(20, false)] // not a multiple of 8: the scalar kernel, paired by the server all the same
    public void Micro_batched_scores_and_states_equal_one_row_at_a_time_bit_for_bit(int hidden, bool reorder)
    {
        var matrix = Rows.Value;
        var model = Model(matrix, hidden, seed: hidden);
        int[]? columns = reorder ? [2, 0, 1] : null;
        var batched = new LstmRowServer(model, columns, sampleIntervalNs: 250_000_000, maxGapNs: 2_000_000_000);
        var alone = new LstmRowServer(model, columns, sampleIntervalNs: 250_000_000, maxGapNs: 2_000_000_000) { MicroBatching = false };
        var rng = new Random(hidden);
        var time = new long[6];
        int f = matrix.Width;
        var rows = new float[8 * f];
        var keys = new SequenceRowKey[8];
        var (a, b) = (new float[8 * 3], new float[8 * 3]);
        for (int call = 0; call < 3_000; call++)
        {
            int n = 1 + rng.Next(8);
            for (int i = 0; i < n; i++)
            {
                int s = rng.Next(6);
                // Mostly 100 ms apart (peeks between ticks), sometimes a 3 s gap (state restarts), rarely a restart or an unsynced row.
                time[s] += rng.Next(50) == 0 ? 3_000_000_000 : 100_000_000;
                keys[i] = new SequenceRowKey { SymbolId = s, TimeNs = time[s], BookSynced = rng.Next(40) != 0, Restart = rng.Next(60) == 0 };
                matrix.Row(rng.Next(matrix.Rows)).CopyTo(rows.AsSpan(i * f, f));
            }
            if (call % 500 == 7) rows[rng.Next(n) * f + 3] = float.NaN; // a refused row inside a batch
            bool okBatched = batched.Serve(rows, keys, n, f, a, 3);
            bool okAlone = alone.Serve(rows, keys, n, f, b, 3);
            Assert.Equal(okAlone, okBatched);
            for (int k = 0; k < n * 3; k++)
                Assert.True(BitConverter.SingleToInt32Bits(a[k]) == BitConverter.SingleToInt32Bits(b[k]), $"call {call}, score {k}: {a[k]:R} batched vs {b[k]:R} alone");
        }
        Assert.True(batched.PairedRows > 5_000, $"{batched.PairedRows} rows paired");
        Assert.Equal(0, alone.PairedRows);
        Assert.Equal(alone.KeptSteps, batched.KeptSteps);
        Assert.Equal(alone.PeekSteps, batched.PeekSteps);
        Assert.Equal(alone.KeyRestarts, batched.KeyRestarts);
        Assert.Equal(alone.NonFiniteRows, batched.NonFiniteRows);
        Assert.Equal(alone.Steps.GapResets, batched.Steps.GapResets);
        Assert.True(batched.PeekSteps > 0 && batched.Steps.GapResets > 0 && batched.KeyRestarts > 0);
    }

    [Fact]
    public void A_micro_batched_call_over_four_symbols_allocates_nothing()
    {
        var matrix = Rows.Value;
        var server = new LstmRowServer(Model(matrix, 64, seed: 3), null, sampleIntervalNs: 0, maxGapNs: long.MaxValue);
        int f = matrix.Width;
        var rows = new float[4 * f];
        for (int i = 0; i < 4; i++) matrix.Row(i).CopyTo(rows.AsSpan(i * f, f));
        var keys = new SequenceRowKey[4];
        var scores = new float[4 * 3];
        void Call(int k)
        {
            for (int i = 0; i < 4; i++) keys[i] = new SequenceRowKey { SymbolId = i, TimeNs = k, BookSynced = true };
            Assert.True(server.Serve(rows, keys, 4, f, scores, 3));
        }
        for (int k = 1; k <= 100; k++) Call(k);
        long bytes = SteadyStateAllocation.FewestBytes(pass =>
        {
            for (int k = 101 + pass * 10_000; k <= 10_100 + pass * 10_000; k++) Call(k);
        }, out int passes);
        Assert.Equal(0, bytes);
        Assert.Equal(4 * (100 + 10_000 * passes), server.PairedRows);
    }

    [Fact]
    public void A_monitor_that_does_not_time_runs_counts_them_with_the_same_scores_and_no_latency_sample()
    {
        var matrix = Rows.Value;
        var model = Model(matrix, 16, seed: 5);
        var (timedMonitor, untimedMonitor) = (new InferenceMonitor(8), new InferenceMonitor(8) { TimesRuns = false });
        var timed = new LstmRowServer(model, null, sampleIntervalNs: 0, maxGapNs: long.MaxValue, timedMonitor);
        var untimed = new LstmRowServer(model, null, sampleIntervalNs: 0, maxGapNs: long.MaxValue, untimedMonitor);
        int f = matrix.Width;
        var rows = new float[2 * f];
        var keys = new SequenceRowKey[2];
        var (a, b) = (new float[2 * 3], new float[2 * 3]);
        for (int k = 1; k <= 50; k++)
        {
            int n = 1 + k % 2;
            for (int i = 0; i < n; i++)
            {
                keys[i] = new SequenceRowKey { SymbolId = i, TimeNs = k, BookSynced = true };
                matrix.Row(k * 2 + i).CopyTo(rows.AsSpan(i * f, f));
            }
            Assert.Equal(timed.Serve(rows, keys, n, f, a, 3), untimed.Serve(rows, keys, n, f, b, 3));
            Assert.Equal(a, b);
        }

        Assert.Equal(50, untimedMonitor.Runs);
        Assert.Equal(75, untimedMonitor.Predictions);
        Assert.Equal(25, untimedMonitor.RunsWithBatch(2));
        Assert.Equal(0, untimedMonitor.TakeLatencyInterval().TotalCount);
        Assert.Equal(50, timedMonitor.TakeLatencyInterval().TotalCount);
    }

    private static LstmStepModel Model(FeatureMatrix matrix, int hidden, int seed)
    {
        var rng = new Random(seed);
        float[] R(int count) => [.. Enumerable.Range(0, count).Select(_ => (float)(rng.NextDouble() - 0.5) * 0.6f)];
        int f = matrix.Width;
        var w = new LstmTorchWeights(f, hidden, 3, R(4 * hidden * f), R(4 * hidden * hidden), R(4 * hidden), R(4 * hidden), R(3 * hidden), R(3));
        return LstmStepModel.FromModel(LstmOnnxExporter.Window(w, FeatureScaler.Fit(matrix, Enumerable.Range(0, matrix.Rows)), 1));
    }
}
