using BenchmarkDotNet.Attributes;
using HftScalper.Binance.Feeds;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Engine.Shadow;
using HftScalper.Features.Engine;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Serving;
using HftScalper.Reporting;
using HftScalper.Simulator;
using HftScalper.Training.Adaptation;
using HftScalper.Training.Data;
using HftScalper.Training.Labels;
using HftScalper.Training.Pipeline;
using HftScalper.Training.Validation;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Benchmarks.Pipeline;

/// <summary>
/// What <c>--adapt</c> adds to the hot path (#21): the inline pipeline (the default topology of <c>hft run</c> and
/// replay) per market event over five simulated minutes of BTCUSDT held in memory, serving the bundled
/// <c>models/default.onnx</c>. Baseline: no adaptation. Rows: the adaptation loop following every decision on the
/// pipeline's thread (live settings, nothing triggered); the same while its <c>hft-adapt</c> worker (the real
/// <see cref="AdaptWorker"/>, nice 19; and at nice 0 for comparison) retrains without pause (<see cref="ModelTrainer"/> with the loop's fixed
/// LightGBM parameters, on a 5-minute window sampled every 100 ms, as a retrain does); a shadow candidate (a second
/// session of the same model) scored by the shadow stage, which is inline: on the pipeline's thread, per decision batch;
/// and both. One op = one market event; the worker's retrains are counted per iteration in the log.
/// </summary>
[MemoryDiagnoser]
public class AdaptHotPathBenchmarks
{
    private List<Core.Frames.RawFrame> _frames = [];
    private string _model = "", _dir = "";
    private ModelSession? _live;
    private ModelLifecycle? _lifecycle;
    private LabeledDataset? _window;
    private TrainingOptions? _training;
    private AdaptationOptions? _adapt;
    private AdaptationLoop? _loop;
    private SymbolAdaptation? _perSymbol;
    private SymbolHostModelSource? _perSymbolModels;
    private ShadowOptions? _shadow;
    private AdaptWorker? _busy;
    private volatile bool _stopBusy;
    private long _busyRetrains;

    /// <summary>Events per invocation (checked in setup).</summary>
    public int Events { get; private set; }

    /// <summary>Simulates the input, loads the model, samples the training window and checks every row decides the same.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var registry = new SymbolRegistry();
        using (var sim = new MarketSimulatorSource(SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(5), Seed = 1 }, registry))
            _frames = MemoryFrameSource.ReadAll(sim);
        _model = FindModel();
        _live = new ModelLoader(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(32), NullLogger.Instance).Load(_model);
        _live.Warmup();
        var contract = _live.Contract;
        _adapt = new AdaptationOptions { HorizonNs = (long)contract.Horizon.TotalNanoseconds, Threshold = contract.Threshold ?? new(0, false), WaitForTrainer = false, RetrainOnDrift = false };
        _training = new TrainingOptions
        {
            Horizon = contract.Horizon, Threshold = _adapt.Threshold, WalkForward = new WalkForwardOptions { Folds = _adapt.Folds },
            FixedParameters = _adapt.Parameters, MaxIterations = _adapt.Parameters.MaxIterations, TrainReturnModel = false, Seed = 1,
        };
        _dir = Path.Combine(Path.GetTempPath(), $"hft-bench-adapt-{Environment.ProcessId}");
        Directory.CreateDirectory(_dir);
        _lifecycle = StartLifecycle(_dir, _model);

        var sampler = new WindowSampler(FeatureEngine.DefaultSchema.Count, _adapt.SampleIntervalNs);
        var plain = Run(sampler, null);
        _window = new LabeledDataset(sampler.Samples, sampler.Path, [contract.Horizon], _adapt.Threshold);
        Events = (int)plain.Events;
        if (plain.Events != ExpectedEvents) throw new InvalidOperationException($"{plain.Events} events, expected {ExpectedEvents}");
        if (sampler.Samples.Rows < 1000) throw new InvalidOperationException($"only {sampler.Samples.Rows} sampled rows");
        // Live settings: the loop and the shadow only observe, so every row decides the same.
        SetupFollower();
        SetupShadow();
        var both = Run(_loop, _shadow);
        CleanupIteration();
        if (both.Digest != plain.Digest) throw new InvalidOperationException($"digests differ: {plain.Digest} {both.Digest}");
        SetupPerSymbol();
        var perSymbol = Run(_perSymbol, null, _perSymbolModels);
        CleanupIteration();
        if (perSymbol.Digest != plain.Digest) throw new InvalidOperationException($"per-symbol digest differs: {plain.Digest} {perSymbol.Digest}");
    }

    /// <summary>Releases the models and the folder.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _lifecycle?.Dispose();
        _live?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Events of five simulated minutes (seed 1).</summary>
    public const int ExpectedEvents = 201_473;

    /// <summary>No adaptation.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = ExpectedEvents)]
    public string Plain() => Run(null, null).Digest;

    /// <summary>The loop follows every decision on the pipeline's thread; its worker is idle.</summary>
    [Benchmark(OperationsPerInvoke = ExpectedEvents)]
    public string Follower() => Run(_loop, null).Digest;

    /// <summary>The loop follows, and the <c>hft-adapt</c> worker retrains the whole time.</summary>
    [Benchmark(OperationsPerInvoke = ExpectedEvents)]
    public string FollowerWorkerBusy() => Run(_loop, null).Digest;

    /// <summary>The same with the worker at the pipeline's priority (nice 0: what it ran at before it lowered itself).</summary>
    [Benchmark(OperationsPerInvoke = ExpectedEvents)]
    public string FollowerWorkerBusyNice0() => Run(_loop, null).Digest;

    /// <summary>The loop follows, and a shadow candidate is scored inline.</summary>
    [Benchmark(OperationsPerInvoke = ExpectedEvents)]
    public string FollowerShadow() => Run(_loop, _shadow).Digest;

    /// <summary>The loop follows, a shadow candidate is scored inline, and the worker retrains the whole time.</summary>
    [Benchmark(OperationsPerInvoke = ExpectedEvents)]
    public string FollowerShadowWorkerBusy() => Run(_loop, _shadow).Digest;

    /// <summary>Per-symbol adaptation (<c>--adapt-per-symbol</c>): the symbol served from its own lifecycle's host through
    /// <see cref="SymbolHostModelSource"/>, its pinned loop scoring its (empty) shadow itself; worker idle.</summary>
    [Benchmark(OperationsPerInvoke = ExpectedEvents)]
    public string PerSymbol() => Run(_perSymbol, null, _perSymbolModels).Digest;

    /// <summary>Per-symbol adaptation set up (the symbol's lifecycle loaded before the timed replay).</summary>
    [IterationSetup(Targets = [nameof(PerSymbol)])]
    public void SetupPerSymbol()
    {
        _perSymbolModels = new SymbolHostModelSource(_lifecycle!.Host, 16);
        int n = 0;
        _perSymbol = new SymbolAdaptation(_ => "BTCUSDT", (_, name) => StartLifecycle(Directory.CreateDirectory(Path.Combine(_dir, $"sym-{++n}-{name}")).FullName, _model), _perSymbolModels,
            FeatureEngine.DefaultSchema, _adapt!, NullLogger.Instance);
        _perSymbol.Adopt(0);
        Settle();
    }

    /// <summary>Nothing to set up, but every row runs the same way: one replay per iteration, after a full collection.</summary>
    [IterationSetup(Targets = [nameof(Plain)])]
    public void SetupPlain() => Settle();

    /// <summary>A fresh loop per iteration (its window and exchange clock start again with the replay).</summary>
    [IterationSetup(Targets = [nameof(Follower)])]
    public void SetupFollower()
    {
        _loop = new AdaptationLoop(_lifecycle!, FeatureEngine.DefaultSchema, _adapt!, NullLogger.Instance);
        Settle();
    }

    // The previous replay's garbage (its rings) is collected before the next is timed, in every row alike.
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>A loop and a busy worker.</summary>
    [IterationSetup(Targets = [nameof(FollowerWorkerBusy)])]
    public void SetupFollowerBusy()
    {
        SetupFollower();
        StartBusy();
    }

    /// <summary>A loop and a busy worker at nice 0.</summary>
    [IterationSetup(Targets = [nameof(FollowerWorkerBusyNice0)])]
    public void SetupFollowerBusyNice0()
    {
        SetupFollower();
        StartBusy(nice: 0);
    }

    /// <summary>A loop and a fresh shadow candidate.</summary>
    [IterationSetup(Targets = [nameof(FollowerShadow)])]
    public void SetupFollowerShadow()
    {
        SetupShadow();
        SetupFollower();
    }

    /// <summary>A loop, a shadow candidate and a busy worker.</summary>
    [IterationSetup(Targets = [nameof(FollowerShadowWorkerBusy)])]
    public void SetupAll()
    {
        SetupFollowerShadow();
        StartBusy();
    }

    /// <summary>Stops the worker's retrains (waits for the one in progress) and releases the iteration's loop and shadow.</summary>
    [IterationCleanup]
    public void CleanupIteration()
    {
        if (_busy is not null)
        {
            _stopBusy = true;
            _busy.Stop(TimeSpan.FromMinutes(1));
            Console.WriteLine($"// hft-adapt worker (nice {_busy.Nice?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0: " + _busy.PriorityNote}): {Interlocked.Read(ref _busyRetrains)} retrains so far, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");
            _busy.Dispose();
            _busy = null;
        }
        _loop?.Dispose();
        _loop = null;
        _perSymbol?.Dispose();
        _perSymbol = null;
        _shadow?.Scorer.Dispose();
        _shadow = null;
    }

    private void SetupShadow()
    {
        var scorer = new ShadowScorer(NullLogger.Instance, pendingCapacity: 1 << 16, blockNs: OutcomeBlocks.DurationFor(_adapt!.HorizonNs));
        var session = new ModelLoader(FeatureEngine.DefaultSchema, ServingOptions.CpuOnly(32), NullLogger.Instance).Load(_model);
        session.Warmup();
        scorer.SetCandidate(new ServedModel(session, _model, ModelRegistry.Sha256Of(_model)));
        _shadow = new ShadowOptions { Scorer = scorer, HorizonNs = _adapt.HorizonNs, ThresholdTicks = 0.5, CandidateName = "bench candidate" };
    }

    // The worker's load: retrain after retrain on the sampled window, until the iteration ends.
    private void StartBusy(int nice = AdaptWorker.LowestNice)
    {
        _stopBusy = false;
        _busy = new AdaptWorker(nice: nice);
        var data = _window!;
        var training = _training!;
        _busy.TryPost(() =>
        {
            while (!_stopBusy)
            {
                new ModelTrainer(training).Train(data, -1);
                Interlocked.Increment(ref _busyRetrains);
            }
        });
        Thread.Sleep(200); // the retrain is under way before the replay starts
    }

    private PipelineResult Run(IDecisionFollower? follower, ShadowOptions? shadow, IDecisionModelSource? models = null)
    {
        var registry = new SymbolRegistry();
        registry.Register("BTCUSDT", "binance-spot", 2, 5);
        using var source = new MemoryFrameSource(_frames);
        return new TradingPipeline(registry, new PipelineOptions { Topology = PipelineTopology.Inline, WarmupEvents = 0 }, models ?? new SingleModelSource(_live),
            NullLogger.Instance, new PipelineHooks { Follower = follower, Shadow = shadow })
            .Run(new BinanceEventFeed(source, registry, "binance-spot"));
    }

    private static ModelLifecycle StartLifecycle(string dir, string model)
    {
        string start = Path.Combine(dir, "start.onnx");
        File.Copy(model, start, overwrite: true);
        var lifecycle = new ModelLifecycle(FeatureEngine.DefaultSchema, new ModelLifecycleOptions
        {
            Directory = dir, OnDrop = DropAction.Shadow, AutoPromote = new ShadowPromotionRule(), ProbationResolved = 5000,
            Validation = new ModelValidationOptions { LatencyBudget = TimeSpan.FromSeconds(1) },
        }, NullLogger.Instance);
        var report = lifecycle.Validator.Validate(start, [], out var session);
        session?.Dispose();
        if (!report.Passed) throw new InvalidOperationException(report.Message);
        lifecycle.Registry.Promote(start, report.Sha256, report.Metadata!, "bench");
        if (!lifecycle.LoadPromoted()) throw new InvalidOperationException("the bench model did not load");
        return lifecycle;
    }

    private static string FindModel()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string p = Path.Combine(d.FullName, "models", "default.onnx");
            if (File.Exists(p)) return p;
        }
        throw new FileNotFoundException("models/default.onnx not found above " + AppContext.BaseDirectory);
    }

    // The training window as the loop samples it: one row per 100 ms of exchange time, every decision's mid for the labels.
    private sealed class WindowSampler(int width, long intervalNs) : IDecisionFollower
    {
        private long _next = long.MinValue;

        public FeatureMatrix Samples { get; } = new(width, 8192);

        public DecisionSeries Path { get; } = new(1 << 20);

        public void OnFirstEvent(long exchangeTimeNs) { }

        public void OnDecision(in FollowedDecision d, ReadOnlySpan<float> row, ReadOnlySpan<float> scores)
        {
            if (!d.BookSynced || !(d.MidTicks > 0)) return;
            Path.Add(d.ExchangeTimeNs, d.MidTicks);
            if (d.ExchangeTimeNs < _next) return;
            _next = d.ExchangeTimeNs + intervalNs;
            Samples.Add(row, d.ExchangeTimeNs, d.MidTicks);
        }
    }
}
