using HftScalper.Binance.Parsing;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Inference.Serving;
using HftScalper.Recording.Journal;
using HftScalper.Recording.Replay;
using HftScalper.Simulator;
using HftScalper.Simulator.Statistics;
using HftScalper.Tests.Shared;
using HftScalper.Trading.Risk;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>
/// One recording, every format it can be stored in: replaying it as text (gzip and plain), as a frame journal, as an
/// event journal (converted from the text and from the frame journal), and as a journal written the way
/// <c>hft record</c> writes one, gives the same decisions: the same digest and the same count of every risk verdict.
/// Journals are cut into small segments, so every segment header must carry the full symbol specification.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class CrossFormatDeterminismTests : IDisposable
{
    private const long SegmentBytes = 256 << 10;
    private readonly string _dir = Directory.CreateTempSubdirectory("hft-cross-format-").FullName;
    // A bundled model that calls entries (the opt-in one-vs-rest btc-sim-10s): the default since session 13 is served
    // here without its move prior and gate and says "flat" on every decision (NoAction only), so no entry would reach
    // the minimum-notional check whose loss in a journal these tests must see.
    private readonly ModelSession _model = PipelineFixture.Load(Path.Combine(TestData.RepoRoot, "models", "btc-sim-10s.onnx"));

    [Fact]
    public void The_simulators_recording_decides_the_same_in_every_format()
    {
        // Seed 1 (the main command's market): with the model above and spot's no-short rule, its two minutes reach the
        // minimum-notional check, so a journal that lost the symbol's min notional would decide differently. (Seed 6 was
        // chosen for the previous default; with this model it never reaches the check, nor do seeds 7-9.)
        var options = SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(2), Seed = 1 };
        string gz = Path.Combine(_dir, "sim.gz"), text = Path.Combine(_dir, "sim.txt");
        foreach (var path in new[] { gz, text })
        {
            using var source = new MarketSimulatorSource(options);
            using var stream = RawLineFile.Create(path);
            RawLineFile.WriteAll(source, stream);
        }
        string recorded = Path.Combine(_dir, "recorded");
        WriteLikeRecord(options, recorded);

        AssertSameDecisions([gz], minNotionalChecked: true, ("plain text", [text]), ("record journal", [recorded]));
    }

    [Fact]
    public void A_two_symbol_recording_decides_the_same_in_every_format()
    {
        // The second symbol's first frame comes after the first decision: a journal must not register it any earlier
        // (the trading session is built over the symbols known at the first event).
        string gz = Path.Combine(_dir, "sim2.gz");
        using (var source = new MarketSimulatorSource(SimulatorOptions.For("btcusdt,ethusdt", TimeSpan.FromMinutes(1), 5)))
        using (var stream = RawLineFile.Create(gz))
            RawLineFile.WriteAll(source, stream);

        AssertSameDecisions([gz], minNotionalChecked: false);
    }

    [RequiresDataFact]
    public void The_real_btcusdt_recording_decides_the_same_in_every_format() => AssertSameDecisions(TestData.BinanceSpotBtcusdt, minNotionalChecked: true);

    // The text replay is the reference; every conversion of it (and any extra form given) must decide the same.
    private void AssertSameDecisions(string[] recording, bool minNotionalChecked, params (string Name, string[] Paths)[] extra)
    {
        string frames = Convert(recording, "frames", events: false);
        var forms = new List<(string Name, string[] Paths)>
        {
            ("frame journal", [frames]),
            ("event journal", [Convert(recording, "events", events: true)]),
            ("event journal of the frame journal", [Convert([frames], "events-of-frames", events: true)]),
            ("frame journal of the frame journal", [Convert([frames], "frames-of-frames", events: false)]),
        };
        forms.AddRange(extra);
        var reference = Replay(recording);
        Assert.True(reference.Decisions > 1000, $"only {reference.Decisions} decisions");
        if (minNotionalChecked)
            Assert.True(reference.Trading.RiskVerdicts.GetValueOrDefault("BelowMinNotional") > 0, "the minimum notional check never ran: the test would not see it vanish; verdicts: " + string.Join(", ", reference.Trading.RiskVerdicts.Select(kv => $"{kv.Key}={kv.Value}")));

        foreach (var (name, paths) in forms)
        {
            var r = Replay(paths);
            Assert.True(reference.Digest == r.Digest, $"{name}: digest {r.Digest}, the text replay's is {reference.Digest}");
            Assert.Equal(reference.Decisions, r.Decisions);
            Assert.Equal(reference.Trading.RiskVerdicts.OrderBy(kv => kv.Key), r.Trading.RiskVerdicts.OrderBy(kv => kv.Key));
        }
    }

    // As hft replay composes it: a fresh registry, the source opened by format detection, the bundled model.
    private PipelineResult Replay(string[] paths)
    {
        var registry = new SymbolRegistry();
        var source = ReplaySourceFactory.Open(registry, paths, _ => { });
        // A Kelly prior no record outweighs: sizes follow the model's confidence alone, so weak signals size below the
        // minimum notional and that check runs (and must run the same in every format). With the default prior the
        // run's losing record stops entries first (noEdgeWinRate) and the check would never be reached.
        var options = new PipelineOptions { Trading = new TradingOptions { Risk = new RiskOptions { KellyPriorTrades = 1e9 } } };
        return PipelineFixture.Run(source, registry, new SingleModelSource(_model), options);
    }

    // As hft convert does it, into small segments.
    private string Convert(string[] inputs, string name, bool events)
    {
        string outDir = Path.Combine(_dir, name);
        var registry = new SymbolRegistry();
        using var source = ReplaySourceFactory.Open(registry, inputs, _ => { });
        var options = new JournalWriterOptions { Directory = outDir, Symbols = registry, SegmentMaxBytes = SegmentBytes, Log = _ => { } };
        if (events) EventJournalConverter.Convert(source, options);
        else JournalConverter.Convert(source.Frames!, options);
        Assert.True(JournalDirectory.ListSegments(outDir).Count > 2, $"{name}: expected several segments");
        return outDir;
    }

    // As hft record does it: symbols registered up front, raw frames appended as they arrive.
    private static void WriteLikeRecord(SimulatorOptions options, string outDir)
    {
        var registry = new SymbolRegistry();
        foreach (var s in options.Symbols) KnownSymbols.Register(registry, "binance-spot", s.Symbol);
        using var source = new MarketSimulatorSource(options, registry);
        using var writer = new JournalWriter(new JournalWriterOptions { Directory = outDir, Symbols = registry, SegmentMaxBytes = SegmentBytes, Log = _ => { } });
        while (source.TryRead(out var frame)) writer.Append(in frame);
    }

    public void Dispose()
    {
        _model.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
