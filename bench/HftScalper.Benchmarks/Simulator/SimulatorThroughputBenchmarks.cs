using System.Text;
using BenchmarkDotNet.Attributes;
using HftScalper.Core.Frames;
using HftScalper.Simulator;
using HftScalper.Simulator.Statistics;

namespace HftScalper.Benchmarks.Simulator;

/// <summary>
/// Steady-state generation throughput of the in-process market simulator (one op = one frame) against the source
/// it stands in for: reading the same frames from an in-memory recording with the BCL line reader
/// (StreamReader.ReadLine, long.Parse, Encoding.UTF8.GetBytes). Both yield identical frames: a checksum of
/// timestamps and payload bytes is compared before timing. The simulator's construction (book seeding and
/// warm-up) happens in the iteration setup, outside the timed region, as the reader's file open does.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SimulatorThroughputBenchmarks
{
    private const int Frames = 50_000;
    private static readonly SimulatorOptions Options = SimulatorOptions.For("btcusdt", TimeSpan.FromMinutes(10), 11);
    private byte[] _recording = [];
    private MarketSimulatorSource? _source;
    private StreamReader? _reader;

    [GlobalSetup]
    public void Setup()
    {
        using (var source = new MarketSimulatorSource(Options))
        using (var ms = new MemoryStream())
        {
            var first = new FirstFrames(source, Frames);
            RawLineFile.WriteAll(first, ms);
            _recording = ms.ToArray();
        }
        OpenSource();
        long a = Simulate();
        OpenReader();
        long b = ReadRecording();
        if (a != b) throw new InvalidOperationException($"checksum mismatch: simulator {a} vs recording {b}");
    }

    [IterationSetup(Target = nameof(Simulate))]
    public void OpenSource()
    {
        _source?.Dispose();
        _source = new MarketSimulatorSource(Options);
    }

    [IterationSetup(Target = nameof(ReadRecording))]
    public void OpenReader() => _reader = new StreamReader(new MemoryStream(_recording), Encoding.UTF8);

    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    public long ReadRecording()
    {
        long sum = 0;
        for (int i = 0; i < Frames; i++)
        {
            string line = _reader!.ReadLine()!;
            int sp = line.IndexOf(' ', StringComparison.Ordinal);
            long ts = long.Parse(line.AsSpan(0, sp));
            byte[] payload = Encoding.UTF8.GetBytes(line, sp + 1, line.Length - sp - 1);
            sum += Checksum(ts, payload);
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public long Simulate()
    {
        long sum = 0;
        for (int i = 0; i < Frames; i++)
        {
            _source!.TryRead(out var f);
            sum += Checksum(f.LocalTimeNs, f.Payload.Span);
        }
        return sum;
    }

    private static long Checksum(long ts, ReadOnlySpan<byte> payload) =>
        ts ^ ((long)payload.Length << 32) ^ payload[^3] ^ ((long)payload[payload.Length / 2] << 8);

    /// <summary>The first <c>n</c> frames of another source.</summary>
    private sealed class FirstFrames(IRawFrameSource inner, int n) : IRawFrameSource
    {
        private int _left = n;

        public string Description => inner.Description;

        public bool TryRead(out RawFrame frame)
        {
            frame = default;
            return _left-- > 0 && inner.TryRead(out frame);
        }

        public void Dispose() { }
    }
}
