using BenchmarkDotNet.Attributes;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Journal;
using HftScalper.Recording.Replay;
using HftScalper.Recording.Sources.Text;

namespace HftScalper.Benchmarks.Recording;

/// <summary>
/// Replay of the first real BTCUSDT spot file (needs ../shared/data or HFT_SHARED_DATA) from the gzip raw-JSON-line
/// recording (baseline) versus from the same frames converted to our journal: reading frames only, and the full
/// replay (parser -> ring -> sync + native books). One op = one market event of the recording, so every row reads
/// as ns per event. Setup converts the file and checks that both sources give the same frames and the same digest.
/// </summary>
[MemoryDiagnoser]
public class RecordingReplayBenchmarks
{
    private const int EventsPerRecording = 163_887; // checked in setup
    private string _recording = "";
    private string _journalDir = "";

    /// <summary>Converts the recording and verifies both sources agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string data = Environment.GetEnvironmentVariable("HFT_SHARED_DATA") ?? Path.GetFullPath(Path.Combine(FindRepo(), "..", "shared", "data"));
        _recording = Path.Combine(data, "binance", "spot", "btcusdt_20240808.gz");
        if (!File.Exists(_recording)) throw new InvalidOperationException($"{_recording} not found: set HFT_SHARED_DATA");
        _journalDir = Path.Combine(Path.GetTempPath(), "hft-bench-journal-" + Environment.ProcessId);
        if (Directory.Exists(_journalDir)) Directory.Delete(_journalDir, true);
        using (var src = ReplaySourceFactory.Open(new SymbolRegistry(), _recording))
            JournalConverter.Convert(src.Frames!, new JournalWriterOptions { Directory = _journalDir, Log = _ => { } });
        long a = FramesFromText(), b = FramesFromJournal();
        if (a != b) throw new InvalidOperationException($"frame checksums differ: {a} vs {b}");
        var x = Replay(_recording);
        var y = Replay(_journalDir);
        if (x.Digest != y.Digest || x.Events != y.Events || x.Events != EventsPerRecording)
            throw new InvalidOperationException($"replays differ: {x.Events}/{x.DigestHex} vs {y.Events}/{y.DigestHex} (expected {EventsPerRecording} events)");
    }

    /// <summary>Removes the converted journal.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_journalDir)) Directory.Delete(_journalDir, true);
    }

    /// <summary>Frames from the gzip JSON-line recording (the format we record today).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = EventsPerRecording)]
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

    /// <summary>Full replay from the gzip JSON-line recording.</summary>
    [Benchmark(OperationsPerInvoke = EventsPerRecording)]
    public ulong ReplayFromText() => Replay(_recording).Digest;

    /// <summary>Full replay from the journal.</summary>
    [Benchmark(OperationsPerInvoke = EventsPerRecording)]
    public ulong ReplayFromJournal() => Replay(_journalDir).Digest;

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
