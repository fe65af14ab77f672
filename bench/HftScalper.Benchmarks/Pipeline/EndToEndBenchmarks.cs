using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using HftScalper.Binance.Feeds;
using HftScalper.Binance.Parsing;
using HftScalper.Binance.Sync;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Core.Time;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Features;
using HftScalper.Engine.Pipeline;
using HftScalper.Features.Engine;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Serving;
using HftScalper.Reporting;
using HftScalper.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Benchmarks.Pipeline;

/// <summary>
/// The whole trading pipeline per market event: parse -> book + features -> inference (a 100-tree model over the
/// default feature row) -> signal -> risk -> paper exchange, over the simulator default (10 minutes of BTCUSDT, 422,033 events) held in memory.
/// One op = one market event. Baseline: the same stage objects connected the BCL way, a bounded
/// <see cref="Channel{T}"/> from the parsing thread to one consumer task. Rows: our ring with every stage inline on
/// one thread (the backtest default), and one thread per stage (live layout, blocking waits, micro-batched inference). Setup checks that
/// all three make the same decisions (same digest).
/// </summary>
[MemoryDiagnoser]
public class EndToEndBenchmarks
{
    private List<Core.Frames.RawFrame> _frames = [];
    private string _modelPath = "";
    private ModelSession? _session;

    /// <summary>Simulates the input and builds the model.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var registry = new SymbolRegistry();
        using (var sim = new MarketSimulatorSource(SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(10), Seed = 1 }, registry))
            _frames = MemoryFrameSource.ReadAll(sim);
        _modelPath = Path.Combine(Path.GetTempPath(), $"hft-bench-trees-{Environment.ProcessId}.onnx");
        WriteTreeModel(_modelPath);
        _session = new ModelLoader(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(32), NullLogger.Instance).Load(_modelPath);
        _session.Warmup();
        var a = Run(PipelineTopology.Inline);
        var b = Run(PipelineTopology.Threaded);
        var c = RunChannels();
        if (a.Events != Events) throw new InvalidOperationException($"{a.Events} events, expected {Events}");
        if (a.Digest != b.Digest || a.Digest != c) throw new InvalidOperationException($"digests differ: {a.Digest} {b.Digest} {c}");
        if (a.Inference.Rows == 0) throw new InvalidOperationException("no row reached the model");
    }

    /// <summary>Releases the model.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _session?.Dispose();
        File.Delete(_modelPath);
    }

    /// <summary>Events per invocation (checked in setup).</summary>
    public const int Events = 422_033;

    /// <summary>BCL baseline: a bounded channel between the parser and one consumer running the stages.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public string Channels() => RunChannels();

    /// <summary>Our ring, every stage inline on the caller's thread.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public string RingInline() => Run(PipelineTopology.Inline).Digest;

    /// <summary>Our ring, one thread per stage, blocking waits.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public string RingThreaded() => Run(PipelineTopology.Threaded).Digest;

    private PipelineResult Run(PipelineTopology topology)
    {
        var registry = new SymbolRegistry();
        registry.Register("BTCUSDT", "binance-spot", 2, 5);
        using var source = new MemoryFrameSource(_frames);
        return new TradingPipeline(registry, new PipelineOptions { Topology = topology, WarmupEvents = 0 }, new SingleModelSource(_session), NullLogger.Instance)
            .Run(new BinanceEventFeed(source, registry, "binance-spot"));
    }

    private string RunChannels()
    {
        var registry = new SymbolRegistry();
        registry.Register("BTCUSDT", "binance-spot", 2, 5);
        var options = new PipelineOptions();
        var sync = new BookSyncOptions { Rule = options.SyncRule };
        using var processor = new BookFeatureProcessor(registry, sync, options.Features);
        var side = new EventSideBuffer(options.RingSize);
        var decisions = new DecisionRing(options.RingSize, processor.Features.Width, options.ScoreWidth);
        var features = new BookFeatureStage(processor, side, decisions);
        var inference = new InferenceStage(side, decisions, new SingleModelSource(_session));
        using var strategy = new StrategyStage(registry, options.Trading, new PaperVenueFactory(options.Trading.Exchange with { SpotMargin = options.Trading.Risk.SpotMargin }, sync), EventTimeClock.Instance,
            processor.Features.Schema, side, decisions, new RunRecorder(), NullLogger.Instance);
        var channel = Channel.CreateBounded<(MarketEvent Event, long Sequence)>(new BoundedChannelOptions(options.RingSize) { SingleReader = true, SingleWriter = true });
        var consumer = Task.Run(async () =>
        {
            var reader = channel.Reader;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    var e = item.Event;
                    features.OnEvent(ref e, item.Sequence);
                    // One consumer runs all stages per event, so each decision is predicted alone (batch of 1):
                    // the strategy reads its scores right after.
                    inference.OnEvent(item.Sequence, endOfBatch: true);
                    strategy.OnEvent(ref e, item.Sequence);
                }
            }
        });
        var parser = new BinanceParser(registry, new BinanceParserOptions { MarkReplayed = true });
        var buffer = new MarketEventBuffer(16_384);
        long sequence = 0;
        foreach (var frame in _frames)
        {
            buffer.Clear();
            parser.Parse(in frame, buffer);
            foreach (var e in buffer.Events)
            {
                var item = (e, sequence++);
                if (!channel.Writer.TryWrite(item)) channel.Writer.WriteAsync(item).AsTask().GetAwaiter().GetResult();
            }
        }
        channel.Writer.Complete();
        consumer.GetAwaiter().GetResult();
        strategy.Finish();
        return strategy.Digest.Hex;
    }

    private static void WriteTreeModel(string path)
    {
        var rng = new Random(11);
        int f = FeatureEngine.DefaultSchema.Count, depth = 5;
        int internalNodes = (1 << depth) - 1, total = (1 << (depth + 1)) - 1;
        var trees = new List<TreeNode[]>();
        for (int t = 0; t < 100; t++)
        {
            var nodes = new TreeNode[total];
            for (int n = 0; n < total; n++)
                nodes[n] = n < internalNodes
                    ? TreeNode.Split(rng.Next(f), (float)(rng.NextDouble() * 2 - 1), 2 * n + 1, 2 * n + 2)
                    : TreeNode.Leaf((float)(rng.NextDouble() - 0.5) * 0.1f, (float)(rng.NextDouble() - 0.5) * 0.1f, (float)(rng.NextDouble() - 0.5) * 0.1f);
            trees.Add(nodes);
        }
        var meta = new ModelMetadata("bench-trees", "1", FeatureEngine.DefaultSchema.Hash, [.. FeatureEngine.DefaultSchema.Features.Select(x => x.Name)],
            ModelInputKind.Tabular, 1, ModelOutputKind.Classification, ["down", "flat", "up"], OnnxGraph.ScoresName, TimeSpan.FromSeconds(5),
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "{}", DateTimeOffset.UnixEpoch, "random trees for benchmarks");
        OnnxModelFile.Save(TreeEnsembleModelBuilder.BuildClassifier(new TreeEnsemble(f, 3, trees, [0f, 0f, 0f]), [0, 1, 2], softmax: true), meta, path);
    }
}
