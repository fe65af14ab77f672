using BenchmarkDotNet.Attributes;
using HftScalper.Binance.Parsing;
using HftScalper.Core.Events;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Journal;
using HftScalper.Recording.Replay;
using HftScalper.Recording.Sources.Text;

namespace HftScalper.Benchmarks.Recording;

/// <summary>
/// Replay of the first real BTCUSDT spot file (needs ../shared/data or HFT_SHARED_DATA) from the gzip raw-JSON-line
/// recording (baseline), from the same frames converted to our frame journal, and from the parsed events converted
/// to the event journal: frames only, events into a checksum consumer (text and frame journal parse; the event
/// journal copies blocks), and the full replay driver (-> ring -> sync + native books). One op = one market event of
/// the recording, so every row reads as ns per event. Setup converts the file and checks that all three give the
/// same event checksum, count and digest.
/// </summary>
[MemoryDiagnoser]
public class RecordingReplayBenchmarks
{
    private const int EventsPerRecording = 163_887; // checked in setup
    private string _recording = "";
    private string _journalDir = "";
    private string _eventsDir = "";
    private readonly MarketEvent[] _batch = GC.AllocateArray<MarketEvent>(4096, pinned: true);
    private readonly MarketEventBuffer _parsed = new(16_384);

    /// <summary>Converts the recording and verifies both sources agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string data = Environment.GetEnvironmentVariable("HFT_SHARED_DATA") ?? Path.GetFullPath(Path.Combine(FindRepo(), "..", "shared", "data"));
        _recording = Path.Combine(data, "binance", "spot", "btcusdt_20240808.gz");
        if (!File.Exists(_recording)) throw new InvalidOperationException($"{_recording} not found: set HFT_SHARED_DATA");
        _journalDir = Path.Combine(Path.GetTempPath(), "hft-bench-journal-" + Environment.ProcessId);
        if (Directory.Exists(_journalDir)) Directory.Delete(_journalDir, true);
        _eventsDir = _journalDir + "-events";
        if (Directory.Exists(_eventsDir)) Directory.Delete(_eventsDir, true);
        using (var src = ReplaySourceFactory.Open(new SymbolRegistry(), _recording))
            JournalConverter.Convert(src.Frames!, new JournalWriterOptions { Directory = _journalDir, Log = _ => { } });
        var registry = new SymbolRegistry();
        using (var src = ReplaySourceFactory.Open(registry, _recording))
            EventJournalConverter.Convert(src, new JournalWriterOptions { Directory = _eventsDir, Symbols = registry, Log = _ => { } });
        long a = FramesFromText(), b = FramesFromJournal();
        if (a != b) throw new InvalidOperationException($"frame checksums differ: {a} vs {b}");
        long c = EventsFromText(), d = EventsFromJournal(), e = EventsFromEventJournal();
        if (c != d || c != e) throw new InvalidOperationException($"event checksums differ: {c} / {d} / {e}");
        var x = Replay(_recording);
        var y = Replay(_journalDir);
        var z = Replay(_eventsDir);
        if (x.Digest != y.Digest || x.Digest != z.Digest || x.Events != y.Events || x.Events != z.Events || x.Events != EventsPerRecording)
            throw new InvalidOperationException($"replays differ: {x.Events}/{x.DigestHex} vs {y.Events}/{y.DigestHex} vs {z.Events}/{z.DigestHex} (expected {EventsPerRecording} events)");
    }

    /// <summary>Removes the converted journal.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_journalDir)) Directory.Delete(_journalDir, true);
        if (Directory.Exists(_eventsDir)) Directory.Delete(_eventsDir, true);
    }

    /// <summary>Frames from the gzip JSON-line recording (the format we record today).</summary>
    [Benchmark(OperationsPerInvoke = EventsPerRecording)]
    public long FramesFromText()
    {
        using var src = new HftBacktestTextSource([_recording], new TextSourceOptions(new SymbolRegistry()) { AutoRegisterVenue = "binance-spot" });
        return Sum(src);
    }

    /// <summary>Frames from the journal.</summary>
    [Benchmark(OperationsPerInvoke = EventsPerRecording)]
    public long FramesFromJournal()
    {
        using var src = new JournalReader(_journalDir, _ => { });
        return Sum(src);
    }

    /// <summary>Events from the gzip JSON-line recording: gunzip, split, parse, checksum.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = EventsPerRecording)]
    public long EventsFromText()
    {
        var registry = new SymbolRegistry();
        using var src = new HftBacktestTextSource([_recording], new TextSourceOptions(registry) { AutoRegisterVenue = "binance-spot" });
        return ParseSum(src, registry);
    }

    /// <summary>Events from the frame journal: read, parse, checksum.</summary>
    [Benchmark(OperationsPerInvoke = EventsPerRecording)]
    public long EventsFromJournal()
    {
        using var src = new JournalReader(_journalDir, _ => { });
        return ParseSum(src, new SymbolRegistry());
    }

    /// <summary>Events from the event journal: block reads into a pinned batch, checksum.</summary>
    [Benchmark(OperationsPerInvoke = EventsPerRecording)]
    public long EventsFromEventJournal()
    {
        using var src = new EventJournalReader(_eventsDir, new SymbolRegistry(), _ => { });
        long sum = 0;
        int n;
        while ((n = src.ReadBatch(_batch)) > 0)
            foreach (ref readonly var e in _batch.AsSpan(0, n)) sum += Checksum(in e);
        return sum;
    }

    /// <summary>Full replay from the gzip JSON-line recording.</summary>
    [Benchmark(OperationsPerInvoke = EventsPerRecording)]
    public ulong ReplayFromText() => Replay(_recording).Digest;

    /// <summary>Full replay from the journal.</summary>
    [Benchmark(OperationsPerInvoke = EventsPerRecording)]
    public ulong ReplayFromJournal() => Replay(_journalDir).Digest;

    /// <summary>Full replay from the event journal (no parser: blocks into the ring).</summary>
    [Benchmark(OperationsPerInvoke = EventsPerRecording)]
    public ulong ReplayFromEventJournal() => Replay(_eventsDir).Digest;

    private long ParseSum(IRawFrameSource src, SymbolRegistry registry)
    {
        var parser = new BinanceParser(registry, new BinanceParserOptions { AutoRegisterVenue = "binance-spot", MarkReplayed = true });
        long sum = 0;
        while (src.TryRead(out var f))
        {
            _parsed.Clear();
            parser.Parse(in f, _parsed);
            foreach (ref readonly var e in _parsed.Events) sum += Checksum(in e);
        }
        return sum;
    }

    // Touches the fields a consumer would (time, price, size, ids), so the read cannot be skipped.
    private static long Checksum(in MarketEvent e) => e.LocalTimeNs ^ (e.Price * 31) ^ e.Quantity ^ e.UpdateId ^ e.SymbolId;

    private static ReplayResult Replay(string path)
    {
        var registry = new SymbolRegistry();
        using var source = ReplaySourceFactory.Open(registry, [path], _ => { });
        return new ReplayDriver(registry, new ReplayDriverOptions { Log = _ => { } }).Run(source);
    }

    private static long Sum(HftScalper.Core.Frames.IRawFrameSource src)
    {
        long sum = 0;
        while (src.TryRead(out var f)) sum += f.LocalTimeNs ^ f.Payload.Length;
        return sum;
    }

    private static string FindRepo()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HftScalper.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
