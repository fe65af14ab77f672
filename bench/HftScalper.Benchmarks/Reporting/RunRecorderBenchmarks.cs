using BenchmarkDotNet.Attributes;
using HftScalper.Reporting;

namespace HftScalper.Benchmarks.Reporting;

/// <summary>
/// What the report's collectors cost the strategy thread per decision: tick-to-decision and 3 stage latencies,
/// one equity point, the prediction and 3 extra mid observations (events between decisions). Ours: the
/// <see cref="RunRecorder"/> (fixed memory, scores accumulated online). Baseline: the naive way, appending every
/// sample to growing <see cref="List{T}"/>s and scoring after the run.
/// </summary>
[MemoryDiagnoser]
public class RunRecorderBenchmarks
{
    private const int Decisions = 1 << 16;
    private const long StepNs = 10_000_000; // a decision every 10 ms of exchange time
    private readonly long[] _latency = new long[Decisions];
    private readonly double[] _mid = new double[Decisions];
    private readonly double[] _equity = new double[Decisions];
    private readonly float[] _probs = new float[Decisions * 3];
    private RunRecorder _recorder = null!;
    private long _offsetNs;

    /// <summary>Builds the workload and checks that both collectors see the same latencies and labels.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(7);
        double mid = 1_000_000, equity = 10_000;
        for (int i = 0; i < Decisions; i++)
        {
            _latency[i] = 500 + rng.Next(1500); // below 2048 ns: HdrHistogram is exact, so percentiles must match
            mid += rng.Next(-1, 2) * 0.5;
            _mid[i] = mid;
            equity += rng.NextDouble() - 0.5;
            _equity[i] = equity;
            float up = (float)rng.NextDouble() * 0.6f, down = (float)rng.NextDouble() * (1 - up);
            _probs[3 * i] = down;
            _probs[3 * i + 1] = 1 - up - down;
            _probs[3 * i + 2] = up;
        }

        // Correctness before timing: p50 and 5 s labels from the recorder equal the naive lists' (sorted, offline).
        _recorder = new RunRecorder();
        Ours();
        var naive = Collect();
        var sorted = naive.Latencies.ToArray();
        Array.Sort(sorted);
        long p50 = sorted[(sorted.Length + 1) / 2 - 1];
        if (_recorder.TickToDecision.ValueAtPercentile(50) != p50) throw new InvalidOperationException("p50 differs");
        if (_recorder.Predictions.Horizons[0].Labelled != NaiveLabelled(naive.Decisions, 5_000_000_000))
            throw new InvalidOperationException("labelled count differs");
        _recorder = new RunRecorder();
        _offsetNs = 0;
    }

    /// <summary>Naive collectors: every sample appended to lists that grow (what a first version would do).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Decisions)]
    public int NaiveLists() => Collect().Latencies.Count;

    /// <summary>Our recorder: HdrHistogram latencies, equity grid/trace, online direction resolver.</summary>
    [Benchmark(OperationsPerInvoke = Decisions)]
    public long Ours()
    {
        var r = _recorder;
        long t0 = _offsetNs;
        for (int i = 0; i < Decisions; i++)
        {
            long t = t0 + i * StepNs;
            long lat = _latency[i];
            r.TickToDecision.Record(lat);
            r.Stage(0).Record(lat >> 1);
            r.Stage(1).Record(lat >> 2);
            r.Stage(2).Record(lat >> 3);
            r.Equity.Record(t, _equity[i]);
            r.Predictions.ObserveMid(0, t - 3, _mid[i]);
            r.Predictions.ObserveMid(0, t - 2, _mid[i]);
            r.Predictions.ObserveMid(0, t - 1, _mid[i]);
            r.Predictions.RecordDecision(0, t, _mid[i], _probs.AsSpan(3 * i, 3));
        }

        _offsetNs += Decisions * StepNs;
        return r.TickToDecision.Count;
    }

    private (List<long> Latencies, List<(long T, double Mid)> Decisions) Collect()
    {
        var latencies = new List<long>();
        var stages = new List<long>();
        var equity = new List<(long, double)>();
        var mids = new List<(long, double)>();
        var decisions = new List<(long T, double Mid)>();
        var probabilities = new List<(float, float, float)>();
        for (int i = 0; i < Decisions; i++)
        {
            long t = i * StepNs;
            long lat = _latency[i];
            latencies.Add(lat);
            stages.Add(lat >> 1);
            stages.Add(lat >> 2);
            stages.Add(lat >> 3);
            equity.Add((t, _equity[i]));
            mids.Add((t - 3, _mid[i]));
            mids.Add((t - 2, _mid[i]));
            mids.Add((t - 1, _mid[i]));
            decisions.Add((t, _mid[i]));
            probabilities.Add((_probs[3 * i], _probs[3 * i + 1], _probs[3 * i + 2]));
        }

        return (latencies, decisions);
    }

    // Offline count of decisions with an observation strictly after t + h (the resolver's rule for a final label);
    // the last observation is the last decision.
    private static long NaiveLabelled(List<(long T, double Mid)> decisions, long horizonNs)
    {
        long n = 0;
        long lastObserved = decisions[^1].T;
        foreach (var d in decisions)
        {
            if (lastObserved > d.T + horizonNs) n++;
        }

        return n;
    }
}
