using BenchmarkDotNet.Attributes;
using HftScalper.Features.Schema;
using HftScalper.Trading.Signals;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Benchmarks.Signals;

/// <summary>
/// 1024 decisions over 8 symbols, each turned into a signal with hysteresis and a cool-down; every 16th decision
/// has no model, so the fallback scores the feature row. Ours: <see cref="SignalRouter.Route"/> (arrays per symbol,
/// shared hysteresis, no allocation). Baseline: the straightforward version — a dictionary of per-symbol state
/// objects, LINQ over a copy of the scores, the fallback features found by name on every call, and a signal object
/// per decision. Setup checks that both give the same directions before timing.
/// </summary>
[MemoryDiagnoser]
public class SignalRoutingBenchmarks
{
    private const int Decisions = 1024, Symbols = 8, Width = 12;
    private const long CooldownNs = 500_000_000;
    private static readonly FeatureSchema Schema = new(1, Enumerable.Range(0, Width - 3).Select(i => new FeatureDefinition($"f{i}", "u"))
        .Concat([new("ofi_norm_fast", "ratio"), new("microprice_minus_mid_bps", "bps"), new("imbalance_1", "ratio")]));
    private float[] _probs = null!, _rows = null!;
    private bool[] _healthy = null!;
    private SignalRouter _router = null!;
    private NaiveSignals _naive = null!;
    private long _t0;

    /// <summary>Builds seeded inputs and checks both implementations agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(7);
        _probs = new float[Decisions * 3];
        _rows = new float[Decisions * Width];
        _healthy = new bool[Decisions];
        for (int d = 0; d < Decisions; d++)
        {
            float up = (float)rng.NextDouble(), down = (float)rng.NextDouble() * (1 - up);
            _probs[d * 3] = down; _probs[d * 3 + 1] = 1 - up - down; _probs[d * 3 + 2] = up;
            for (int f = 0; f < Width; f++) _rows[d * Width + f] = (float)(rng.NextDouble() * 2 - 1) * (f == Width - 3 ? 2000 : 1);
            _healthy[d] = d % 16 != 0;
        }
        var h = new DirectionHysteresis(Symbols, CooldownNs);
        _router = new SignalRouter(new SignalGenerator(h), new FallbackSignal(Schema, h), NullLogger.Instance);
        _naive = new NaiveSignals(Schema, CooldownNs);
        long ours = Ours(), naive = Naive();
        if (ours != naive) throw new InvalidOperationException($"checksums differ: ours {ours}, naive {naive}");
    }

    // Exchange time keeps moving across invocations (state is kept), so cool-downs keep expiring as in a replay.
    private long NextT0() => _t0 += Decisions * 100_000_000L;

    /// <summary>Dictionary + LINQ + an object per signal.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Decisions)]
    public long Naive()
    {
        long sum = 0, t0 = NextT0();
        for (int d = 0; d < Decisions; d++)
        {
            var s = _naive.Route(d % Symbols, _healthy[d], _probs[(d * 3)..(d * 3 + 3)], _rows[(d * Width)..(d * Width + Width)], t0 + d * 100_000_000L);
            sum = sum * 3 + s.Direction + 1;
        }
        return sum;
    }

    /// <summary>Our router.</summary>
    [Benchmark(OperationsPerInvoke = Decisions)]
    public long Ours()
    {
        long sum = 0, t0 = NextT0();
        for (int d = 0; d < Decisions; d++)
        {
            _router.Route(d % Symbols, _healthy[d] ? ModelAvailability.Healthy : ModelAvailability.NotLoaded,
                _probs.AsSpan(d * 3, 3), _rows.AsSpan(d * Width, Width), new DecisionStamp(t0 + d * 100_000_000L, 0, d), out var s);
            sum = sum * 3 + (int)s.Direction + 1;
        }
        return sum;
    }
}
