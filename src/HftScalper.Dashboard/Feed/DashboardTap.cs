using System.Runtime.CompilerServices;
using HftScalper.Engine.Outcomes;
using HftScalper.Engine.Pipeline;
using HftScalper.Trading.Execution;

namespace HftScalper.Dashboard.Feed;

/// <summary>
/// The dashboard's window onto a run: an <see cref="IRunObserver"/> placed in front of the run's own observer (the
/// report's recorder), which it calls first, then copies the decision into a seqlock slot, the round trip and fill
/// into fixed rings and the latencies into fixed buckets. Written by the strategy thread only, with plain and
/// <see cref="Volatile"/> stores into storage allocated here up front: no allocation, lock or exception per call.
/// <see cref="DashboardSampler"/> reads it from its own thread a few times a second (retrying a torn slot).
/// <code>
///  strategy thread --OnDecision/OnRoundTrip/OnFill--> [inner observer] then [slot | rings | buckets] &lt;--read-- sampler
/// </code>
/// </summary>
public sealed class DashboardTap : IRunObserver, IFillObserver
{
    /// <summary>Round trips and fills kept for the page.</summary>
    public const int RingCapacity = 64;

    /// <summary>Upper bounds of the latency buckets in ns (a last bucket takes the rest).</summary>
    internal static readonly long[] LatencyBoundsNs = [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000];

    private readonly IRunObserver? _inner;
    private readonly IFillObserver? _innerFills;
    private long _slotVersion; // odd while the strategy thread writes the slot
    private DecisionSample _slot;
    private readonly RoundTrip[] _trips = new RoundTrip[RingCapacity];
    private long _tripCount;
    private readonly ExecutionReport[] _fills = new ExecutionReport[RingCapacity];
    private long _fillCount;
    private readonly long[] _positionLots;
    private readonly long[] _latency = new long[4 * (LatencyBoundsNs.Length + 1)]; // tick-to-decision, features, inference, strategy
    private double _realisedPnl;
    private double _equity = double.NaN, _peakEquity = double.NaN;
    private long _wins;

    /// <summary>A tap calling <paramref name="inner"/> (the run's recorder, or null) first; positions for up to
    /// <paramref name="maxSymbols"/> symbols.</summary>
    public DashboardTap(IRunObserver? inner, int maxSymbols)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSymbols);
        _inner = inner;
        _innerFills = inner as IFillObserver;
        _positionLots = new long[maxSymbols];
    }

    /// <inheritdoc />
    public void OnFeatures(in DecisionOutcome outcome, ReadOnlySpan<float> features, ReadOnlySpan<float> scores) => _inner?.OnFeatures(in outcome, features, scores);

    /// <inheritdoc />
    public void OnDecision(in DecisionOutcome outcome, ReadOnlySpan<float> scores)
    {
        _inner?.OnDecision(outcome, scores);
        Volatile.Write(ref _slotVersion, _slotVersion + 1);
        _slot.SymbolId = outcome.SymbolId;
        _slot.ExchangeTimeNs = outcome.ExchangeTimeNs;
        _slot.BidTicks = outcome.BidTicks;
        _slot.AskTicks = outcome.AskTicks;
        _slot.MidTicks = outcome.MidTicks;
        _slot.Equity = outcome.Equity;
        _slot.Verdict = (int)outcome.Verdict;
        bool healthy = outcome.ModelHealthy && scores.Length >= 3;
        _slot.ModelHealthy = healthy;
        _slot.PDown = healthy ? scores[DirectionClass.Down] : float.NaN;
        _slot.PFlat = healthy ? scores[DirectionClass.Flat] : float.NaN;
        _slot.PUp = healthy ? scores[DirectionClass.Up] : float.NaN;
        _slot.Decisions++;
        Volatile.Write(ref _slotVersion, _slotVersion + 1);
        _equity = outcome.Equity;
        if (!(outcome.Equity <= _peakEquity)) _peakEquity = outcome.Equity; // NaN before the first

        if (outcome.LatencyMeasured)
        {
            Count(0, outcome.TickToDecisionNs);
            Count(1, outcome.FeaturesNs);
            if (outcome.InferenceMeasured)
            {
                Count(2, outcome.InferenceNs);
                Count(3, outcome.StrategyNs);
            }
        }
    }

    /// <inheritdoc />
    public void OnRoundTrip(in RoundTrip trip)
    {
        _inner?.OnRoundTrip(trip);
        long n = _tripCount;
        _trips[n % RingCapacity] = trip;
        _realisedPnl += trip.NetPnl;
        if (trip.NetPnl > 0) _wins++;
        Volatile.Write(ref _tripCount, n + 1);
    }

    /// <inheritdoc />
    public void OnFill(in ExecutionReport fill)
    {
        _innerFills?.OnFill(fill);
        long n = _fillCount;
        _fills[n % RingCapacity] = fill;
        if ((uint)fill.SymbolId < (uint)_positionLots.Length) _positionLots[fill.SymbolId] += fill.SignedFillQuantity;
        Volatile.Write(ref _fillCount, n + 1);
    }

    /// <inheritdoc />
    public void OnWarmupEnded()
    {
        _inner?.OnWarmupEnded();
        Array.Clear(_latency); // cold-start samples, as the recorder drops them
    }

    /// <summary>The last decision, read consistently (retries while the writer is in the slot; false if it never settled).</summary>
    public bool TryReadDecision(out DecisionSample sample)
    {
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            long before = Volatile.Read(ref _slotVersion);
            if ((before & 1) == 0)
            {
                sample = _slot;
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _slotVersion) == before) return before > 0;
            }
            Thread.SpinWait(8);
        }
        sample = default;
        return false;
    }

    /// <summary>Round trips closed so far, realised net PnL and winners (read together; the PnL may lead the count by one trip).</summary>
    public (long Trips, double RealisedPnl, long Wins) Totals => (Volatile.Read(ref _tripCount), Volatile.Read(ref _realisedPnl), Volatile.Read(ref _wins));

    /// <summary>Equity after the last decision (NaN before the first).</summary>
    public double Equity => Volatile.Read(ref _equity);

    /// <summary>Drawdown from the highest equity after any decision, as a fraction of it (0 before the first).</summary>
    public double Drawdown => Volatile.Read(ref _peakEquity) is var peak && peak > 0 ? Math.Max(0, (peak - Equity) / peak) : 0;

    /// <summary>Fills so far.</summary>
    public long Fills => Volatile.Read(ref _fillCount);

    /// <summary>Net position in lots of <paramref name="symbolId"/> from the fills seen.</summary>
    public long PositionLots(int symbolId) => (uint)symbolId < (uint)_positionLots.Length ? Volatile.Read(ref _positionLots[symbolId]) : 0;

    /// <summary>Count in latency bucket <paramref name="bucket"/> of <paramref name="stage"/> (0 tick-to-decision, 1 features, 2 inference, 3 strategy).</summary>
    public long LatencyCount(int stage, int bucket) => Volatile.Read(ref _latency[stage * (LatencyBoundsNs.Length + 1) + bucket]);

    /// <summary>The newest round trips (oldest first), at most <see cref="RingCapacity"/>.</summary>
    public List<RoundTrip> RecentTrips() => Recent(_trips, ref _tripCount);

    /// <summary>The newest fills (oldest first), at most <see cref="RingCapacity"/>.</summary>
    public List<ExecutionReport> RecentFills() => Recent(_fills, ref _fillCount);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Count(int stage, long ns)
    {
        var bounds = LatencyBoundsNs;
        int b = 0;
        while (b < bounds.Length && ns > bounds[b]) b++;
        _latency[stage * (bounds.Length + 1) + b]++;
    }

    // Copies the live window, then drops entries the writer may have overwritten meanwhile.
    private static List<T> Recent<T>(T[] ring, ref long count)
    {
        long end = Volatile.Read(ref count);
        long start = Math.Max(0, end - ring.Length);
        var copy = new List<T>((int)(end - start));
        for (long i = start; i < end; i++) copy.Add(ring[i % ring.Length]);
        long overwrittenBelow = Volatile.Read(ref count) - ring.Length;
        if (overwrittenBelow > start) copy.RemoveRange(0, (int)Math.Min(copy.Count, overwrittenBelow - start));
        return copy;
    }
}
