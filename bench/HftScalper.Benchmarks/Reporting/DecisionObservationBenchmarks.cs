using BenchmarkDotNet.Attributes;
using HftScalper.Reporting;

namespace HftScalper.Benchmarks.Reporting;

/// <summary>
/// The prediction recorder's part of a decision (the run recorder's call for every scored decision): the mid at the
/// decision and the decision itself. Baseline: <see cref="PredictionRecorder.ObserveMid"/> then
/// <see cref="PredictionRecorder.RecordDecision"/> (what the run recorder did before, two passes of the symbol's
/// resolver); ours: <see cref="PredictionRecorder.ObserveDecision"/> (one pass). Setup checks that both label the
/// same decisions the same way.
/// </summary>
[MemoryDiagnoser]
public class DecisionObservationBenchmarks
{
    private const int Decisions = 1 << 16;
    private const long StepNs = 100_000_000; // a decision every 100 ms of exchange time: 3 horizons resolve steadily
    private readonly double[] _mid = new double[Decisions];
    private readonly float[] _probs = new float[Decisions * 3];
    private PredictionRecorder _two = null!, _one = null!;
    private long _offsetTwo, _offsetOne;

    /// <summary>Builds the walk and checks both ways give the same labels and accuracy.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(5);
        double mid = 1_000_000;
        for (int i = 0; i < Decisions; i++)
        {
            mid += rng.Next(-1, 2) * 0.5;
            _mid[i] = mid;
            float up = (float)rng.NextDouble() * 0.6f, down = (float)rng.NextDouble() * (1 - up);
            _probs[3 * i] = down;
            _probs[3 * i + 1] = 1 - up - down;
            _probs[3 * i + 2] = up;
        }
        _two = new PredictionRecorder();
        _one = new PredictionRecorder();
        TwoPasses();
        OnePass();
        for (int h = 0; h < _two.Horizons.Count; h++)
            if (_two.Horizons[h].Labelled != _one.Horizons[h].Labelled || _two.Horizons[h].Accuracy != _one.Horizons[h].Accuracy)
                throw new InvalidOperationException("labels differ");
        if (_two.Horizons[0].Labelled == 0) throw new InvalidOperationException("nothing labelled");
    }

    /// <summary>ObserveMid then RecordDecision: the resolver is observed twice at the same time and mid.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Decisions)]
    public long TwoPasses()
    {
        var r = _two;
        long t0 = _offsetTwo;
        for (int i = 0; i < Decisions; i++)
        {
            long t = t0 + i * StepNs;
            r.ObserveMid(0, t, _mid[i]);
            r.RecordDecision(0, t, _mid[i], _probs.AsSpan(3 * i, 3), i & 3);
        }
        _offsetTwo += Decisions * StepNs;
        return r.Decisions;
    }

    /// <summary>ObserveDecision: one pass.</summary>
    [Benchmark(OperationsPerInvoke = Decisions)]
    public long OnePass()
    {
        var r = _one;
        long t0 = _offsetOne;
        for (int i = 0; i < Decisions; i++)
        {
            long t = t0 + i * StepNs;
            r.ObserveDecision(0, t, _mid[i], scored: true, _probs.AsSpan(3 * i, 3), i & 3);
        }
        _offsetOne += Decisions * StepNs;
        return r.Decisions;
    }
}
