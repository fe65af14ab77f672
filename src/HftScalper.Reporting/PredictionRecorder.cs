using System.Runtime.CompilerServices;
using HftScalper.Engine.Outcomes;

namespace HftScalper.Reporting;

/// <summary>
/// Predicted class probabilities (<c>down,flat,up</c>) of every decision, scored against the realised direction
/// at each horizon once it is known (<see cref="DirectionResolver"/> per symbol, one forward pass, no look-ahead).
/// Nothing is stored per decision beyond the waiting ring: the scores accumulate in <see cref="HorizonStats"/>.
/// Zero allocation per call, except the first decision of a symbol, which allocates that symbol's ring (warm-up).
/// One thread (the strategy thread).
/// </summary>
public sealed class PredictionRecorder
{
    private readonly PredictionRecorderOptions _options;
    private readonly DirectionResolver?[] _resolvers;
    private readonly HorizonStats[] _horizons;
    private readonly WindowedScores?[] _bySymbol;
    private readonly WindowedScores[] _byRegime;
    private long _decisions;
    private long _invalid;

    /// <summary>Creates a recorder.</summary>
    public PredictionRecorder(PredictionRecorderOptions? options = null)
    {
        _options = options ?? new PredictionRecorderOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxSymbols, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(_options.PrimaryHorizon);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(_options.PrimaryHorizon, _options.HorizonsNs.Length);
        // Validates horizons and threshold once, here, rather than at a symbol's first decision.
        _ = new DirectionResolver(_options.HorizonsNs, _options.ThresholdTicks, 1);
        _resolvers = new DirectionResolver?[_options.MaxSymbols];
        _horizons = new HorizonStats[_options.HorizonsNs.Length];
        for (int h = 0; h < _horizons.Length; h++)
            _horizons[h] = new HorizonStats(_options.HorizonsNs[h], _options.CalibrationBins);
        _bySymbol = new WindowedScores?[_options.MaxSymbols];
        _byRegime = new WindowedScores[RegimeNames.Length];
        for (int r = 0; r < _byRegime.Length; r++) _byRegime[r] = new WindowedScores(WindowBlockNs, _options.WindowBlocks);
    }

    /// <summary>Names of the regime windows: the <c>regime_label</c> classes 0, 1, 2, then decisions without one.</summary>
    public static readonly string[] RegimeNames = ["ranging", "trending", "volatile", "unknown"];

    private long WindowBlockNs => Inference.Lifecycle.OutcomeBlocks.DurationFor(_options.HorizonsNs[_options.PrimaryHorizon]);

    /// <summary>Symbol ids the recorder accepts (0 .. MaxSymbols - 1).</summary>
    public int MaxSymbols => _bySymbol.Length;

    /// <summary>Sliding-window scores at the primary horizon of a symbol (null = no decision of it yet).</summary>
    public WindowedScores? SymbolWindow(int symbolId) => (uint)symbolId < (uint)_bySymbol.Length ? _bySymbol[symbolId] : null;

    /// <summary>Sliding-window scores at the primary horizon per regime, in the order of <see cref="RegimeNames"/>.</summary>
    public IReadOnlyList<WindowedScores> RegimeWindows => _byRegime;

    /// <summary>Scores per horizon, in the order of the options' horizons.</summary>
    public IReadOnlyList<HorizonStats> Horizons => _horizons;

    /// <summary>The headline horizon's scores.</summary>
    public HorizonStats Primary => _horizons[_options.PrimaryHorizon];

    /// <summary>The threshold in ticks used for labels.</summary>
    public double ThresholdTicks => _options.ThresholdTicks;

    /// <summary>Relative direction threshold in bps of the mid (0 = <see cref="ThresholdTicks"/> applies).</summary>
    public double ThresholdBps => _options.ThresholdBps;

    /// <summary>Decisions recorded (valid ones).</summary>
    public long Decisions => _decisions;

    /// <summary>Calls ignored: non-finite or non-positive mid, non-finite probabilities, or a symbol id out of range.</summary>
    public long Invalid => _invalid;

    /// <summary>Decisions dropped because a symbol's waiting ring was full.</summary>
    public long Dropped
    {
        get
        {
            long n = 0;
            foreach (var r in _resolvers) n += r?.Dropped ?? 0;
            return n;
        }
    }

    /// <summary>Decisions never scored at a horizon because the run ended before it (summed over symbols).</summary>
    public long Unresolved(int horizonIndex)
    {
        long n = 0;
        foreach (var r in _resolvers) n += r?.Unresolved(horizonIndex) ?? 0;
        return n;
    }

    /// <summary>
    /// A mid observed between decisions (e.g. on every book update); makes labels exact to the event rather than
    /// to the next decision. Optional.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ObserveMid(int symbolId, long exchangeTimeNs, double midTicks) => TryObserveMid(symbolId, exchangeTimeNs, midTicks);

    /// <summary>
    /// The mid at a decision and, when <paramref name="scored"/>, the decision itself: the same as
    /// <see cref="ObserveMid"/> then <see cref="RecordDecision"/>, with one pass of the symbol's resolver instead of two
    /// (the second pass, at the same time and mid, could resolve nothing more).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ObserveDecision(int symbolId, long exchangeTimeNs, double midTicks, bool scored, ReadOnlySpan<float> probabilities, int regime = -1)
    {
        bool observed = TryObserveMid(symbolId, exchangeTimeNs, midTicks);
        if (scored) Record(symbolId, exchangeTimeNs, midTicks, probabilities, regime, observed);
    }

    // True when the symbol's resolver saw this mid (false: invalid, or no resolver yet).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryObserveMid(int symbolId, long exchangeTimeNs, double midTicks)
    {
        if ((uint)symbolId >= (uint)_resolvers.Length || !(midTicks > 0) || !double.IsFinite(midTicks))
        {
            _invalid++;
            return false;
        }

        var resolver = _resolvers[symbolId];
        if (resolver is null) return false; // nothing waits for this symbol yet
        var sink = new StatsSink(_horizons, _options.PrimaryHorizon, _bySymbol[symbolId]!, _byRegime);
        resolver.Observe(exchangeTimeNs, midTicks, ref sink);
        return true;
    }

    /// <summary>
    /// A decision: the mid then and the model's probabilities as a direction session serves them (the canonical
    /// <see cref="DirectionClass"/> columns of the model's contract; at least 3 values) and the decision row's regime
    /// (0 ranging, 1 trending, 2 volatile; anything else = unknown) for the per-regime windows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordDecision(int symbolId, long exchangeTimeNs, double midTicks, ReadOnlySpan<float> probabilities, int regime = -1) =>
        Record(symbolId, exchangeTimeNs, midTicks, probabilities, regime, observed: false);

    // observed: the symbol's resolver has just seen this time and mid (ObserveDecision), so it is not observed again.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Record(int symbolId, long exchangeTimeNs, double midTicks, ReadOnlySpan<float> probabilities, int regime, bool observed)
    {
        if ((uint)symbolId >= (uint)_resolvers.Length || probabilities.Length < DirectionClass.Count
            || !(midTicks > 0) || !double.IsFinite(midTicks)
            || !float.IsFinite(probabilities[DirectionClass.Down]) || !float.IsFinite(probabilities[DirectionClass.Flat]) || !float.IsFinite(probabilities[DirectionClass.Up]))
        {
            _invalid++;
            return;
        }

        var resolver = _resolvers[symbolId] ?? CreateResolver(symbolId);
        if (!observed)
        {
            var sink = new StatsSink(_horizons, _options.PrimaryHorizon, _bySymbol[symbolId]!, _byRegime);
            resolver.Observe(exchangeTimeNs, midTicks, ref sink);
        }
        var pending = new PendingDecision
        {
            TimeNs = exchangeTimeNs,
            MidTicks = midTicks,
            PDown = probabilities[DirectionClass.Down],
            PFlat = probabilities[DirectionClass.Flat],
            PUp = probabilities[DirectionClass.Up],
            Tag = _decisions * 4 + ((uint)regime < 3 ? regime : 3), // the decision's number and its regime window
        };
        if (resolver.Enqueue(in pending)) _decisions++;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private DirectionResolver CreateResolver(int symbolId)
    {
        _bySymbol[symbolId] = new WindowedScores(WindowBlockNs, _options.WindowBlocks);
        return _resolvers[symbolId] = new DirectionResolver(_options.HorizonsNs, _options.ThresholdTicks, _options.PendingCapacity, _options.ThresholdBps);
    }

    private readonly struct StatsSink(HorizonStats[] horizons, int primary, WindowedScores symbol, WindowedScores[] regimes) : IDirectionSink
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void OnLabel(int horizonIndex, in PendingDecision decision, int realisedClass, double moveTicks)
        {
            horizons[horizonIndex].Add(decision.PDown, decision.PFlat, decision.PUp, realisedClass, moveTicks, decision.TimeNs);
            if (horizonIndex != primary) return;
            symbol.AddPrediction(decision.PDown, decision.PFlat, decision.PUp, realisedClass, decision.TimeNs);
            regimes[(int)(decision.Tag & 3)].AddPrediction(decision.PDown, decision.PFlat, decision.PUp, realisedClass, decision.TimeNs);
        }
    }
}
