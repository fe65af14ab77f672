using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Inference.Sequence;
using HftScalper.Recording.Replay;
using HftScalper.Tests.Shared;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>
/// A sequence model that never leaves warming makes no decision and exits 0: the inference stage must say so. The
/// condition of issue #19: the second Binance spot file (btcusdt_20240809) holds no depth snapshot (the first file
/// has the only one), so replayed alone its book never syncs, every key is unsynced, the transformer's window never
/// takes a snapshot and every row is warming. Replayed after the first file, its rows are served.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class WarmingStallTests : IClassFixture<PipelineFixture>
{
    private const long Ms = 1_000_000, S = 1_000_000_000;
    private readonly PipelineFixture _fx;

    public WarmingStallTests(PipelineFixture fx) => _fx = fx;

    private static SequenceRowKey Key(long timeNs, bool synced = true, int symbol = 0) =>
        new() { SymbolId = symbol, TimeNs = timeNs, BookSynced = synced };

    [Fact]
    public void Unsynced_keys_every_100ms_across_midnight_make_one_unsynced_stall_once_past_four_warmups()
    {
        // 08-09 alone: every key unsynced, decisions ~every 100 ms from 23:59:59.9 on, a 59 s warm-up (T=60, 1 s cadence).
        var watch = new WarmingStallWatch();
        long warmup = 59 * S, limit = WarmingStallWatch.LimitNs(warmup), t0 = 1_723_161_599_900 * Ms;
        Assert.Equal(236 * S, limit);
        int stalledAt = -1;
        for (int i = 0; i < 5_000; i++)
            if (watch.Observe(Key(t0 + i * 100 * Ms, synced: false), warming: true, warmup)) { Assert.Equal(-1, stalledAt); stalledAt = i; }
        Assert.Equal(2_361, stalledAt); // the first row more than 236 s after the first warming row
        Assert.Equal(1, watch.Stalls);
        Assert.Equal(1, watch.UnsyncedStalls);
        Assert.Equal(0, watch.LastSymbol);
        Assert.True(watch.Active);
    }

    [Fact]
    public void A_synced_window_that_never_fills_is_a_stall_of_its_own_kind_and_a_served_row_ends_a_streak()
    {
        var watch = new WarmingStallWatch();
        long warmup = 2 * S; // a short window: the 10 s floor applies (4 x 2 s is less)
        Assert.Equal(WarmingStallWatch.FloorNs, WarmingStallWatch.LimitNs(warmup));
        // Symbol 1 warms 9 s, is served, warms 9 s again: never a stall.
        for (int i = 0; i <= 90; i++) Assert.False(watch.Observe(Key(i * 100 * Ms, symbol: 1), true, warmup));
        watch.Observe(Key(9_100 * Ms, symbol: 1), warming: false, warmup);
        Assert.False(watch.Active);
        for (int i = 0; i <= 90; i++) Assert.False(watch.Observe(Key(9_200 * Ms + i * 100 * Ms, symbol: 1), true, warmup));
        // Symbol 2, synced rows that keep warming (gaps or restarts on every row): one stall, not an unsynced one.
        for (int i = 0; i <= 200; i++) watch.Observe(Key(i * 100 * Ms, symbol: 2), true, warmup);
        Assert.Equal(1, watch.Stalls);
        Assert.Equal(0, watch.UnsyncedStalls);
        Assert.Equal(2, watch.LastSymbol);
        // Time going back (a replay restarted) starts the streak again: no second stall until another limit passes.
        for (int i = 0; i <= 50; i++) watch.Observe(Key(i * 100 * Ms, symbol: 2), true, warmup);
        Assert.Equal(1, watch.Stalls);
        // The model states no warm-up: 5 minutes.
        Assert.Equal(WarmingStallWatch.UnknownWarmupNs, WarmingStallWatch.LimitNs(0));
    }

    [RequiresDataFact]
    public void The_second_spot_file_alone_never_syncs_and_its_transformer_stall_is_counted_while_after_the_first_it_is_served()
    {
        using var session = PipelineFixture.Load(TransformerModels.Write(_fx.Dir, sequenceLength: 4, stride: 2));
        var server = Assert.IsType<WindowRowServer>(session.SequenceRows);
        Assert.Equal(3 * 2 * TransformerModels.SampleNs, server.WarmupNs);
        string first = TestData.BinanceSpotBtcusdt[0], second = TestData.BinanceSpotBtcusdt[1];

        var alone = Replay(session, [second]);
        Assert.True(alone.Decisions > 50_000, $"{alone.Decisions} decisions");
        Assert.Equal(alone.Decisions, alone.Inference.WarmingRows);          // every row warming...
        Assert.Equal(alone.Decisions, alone.Inference.WarmingUnsyncedRows);  // ...because no row had a synced book
        Assert.Equal(0, alone.Sync.Snapshots);
        Assert.Equal(1, alone.Inference.WarmingStalls);
        Assert.Equal(1, alone.Inference.WarmingUnsyncedStalls);
        Assert.Equal("BTCUSDT", alone.Inference.WarmingStallSymbol);
        Assert.Equal(0, alone.Trading.ModelSignals);

        session.SequenceRows!.ResetAll();
        var both = Replay(session, [first, second]);
        Assert.Equal(0, both.Inference.WarmingStalls);
        // The second file's rows are all served: warming only at the first file's start.
        Assert.True(both.Inference.Rows > alone.Decisions, $"{both.Inference.Rows} rows served over both files");
        Assert.True(both.Inference.WarmingRows < 1_000, $"{both.Inference.WarmingRows} warming rows");
    }

    [RequiresDataFact]
    public void A_live_run_logs_the_stall_when_it_is_detected_once_per_symbol_streak_not_at_the_end()
    {
        // The same stall as above, through a pipeline whose logger notes whether the run was still going at each line.
        using var session = PipelineFixture.Load(TransformerModels.Write(_fx.Dir, sequenceLength: 4, stride: 2));
        var registry = new SymbolRegistry();
        var log = new RunningLog();
        var pipeline = new TradingPipeline(registry, new PipelineOptions(), new SingleModelSource(session), log);
        log.Pipeline = pipeline;
        PipelineResult result;
        using (var source = ReplaySourceFactory.Open(registry, [TestData.BinanceSpotBtcusdt[1]], _ => { }))
            result = pipeline.Run(source.Feed(registry, "binance-spot"));

        Assert.Equal(1, result.Inference.WarmingStalls);
        var live = log.Lines.Where(l => l.Message.StartsWith("Warming stall on BTCUSDT", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(live);                // once for the streak, not once per warming row (over 50,000)
        Assert.True(line.Running, "the stall line came after the run ended");
        Assert.True(line.Events < result.Events, $"logged at {line.Events} of {result.Events} events");
        Assert.Contains("the book never synced", line.Message, StringComparison.Ordinal);
        Assert.Contains("over 10 s", line.Message, StringComparison.Ordinal); // a 1.5 s warm-up: the 10 s floor
        // The end of the run still sums the stalls up.
        Assert.Contains(log.Lines, l => !l.Running && l.Message.Contains("stayed warming", StringComparison.Ordinal));
    }

    private static PipelineResult Replay(Inference.Serving.ModelSession session, string[] paths)
    {
        var registry = new SymbolRegistry();
        var source = ReplaySourceFactory.Open(registry, paths, _ => { });
        return PipelineFixture.Run(source, registry, new SingleModelSource(session), new PipelineOptions());
    }

    // A real logger keeping each line with whether the pipeline was running when it was logged, and how far it was.
    private sealed class RunningLog : Microsoft.Extensions.Logging.ILogger
    {
        private readonly List<(string Message, bool Running, long Events)> _lines = [];

        public TradingPipeline? Pipeline { get; set; }

        public IReadOnlyList<(string Message, bool Running, long Events)> Lines { get { lock (_lines) return [.. _lines]; } }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            var snapshot = Pipeline?.Snapshot();
            lock (_lines) _lines.Add((formatter(state, exception), snapshot?.Running ?? false, snapshot?.Events ?? -1));
        }
    }
}
