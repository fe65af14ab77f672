using System.Numerics;
using System.Runtime.CompilerServices;
using HftScalper.Inference.Lifecycle;

namespace HftScalper.Inference.Online;

/// <summary>
/// Online learning beside a frozen direction model, evaluated prequentially: <see cref="Predict"/> at decision time
/// (the layer as it stands, before the label exists), <see cref="Resolve"/> when the label arrives one horizon later —
/// which scores the stored predictions of the frozen model and of the online layer on it, and only then learns it.
/// Pending decisions wait in a pre-allocated ring indexed by decision id (each with a copy of its row and the frozen
/// probabilities, which the learning step needs); a label older than the ring is counted lost. Optionally a layer
/// per symbol (<see cref="OnlineLearnerOptions.PerSymbol"/>: transfer and graduation, see <see cref="SymbolLayer"/>)
/// and an A/B split (<see cref="OnlineLearnerOptions.Ab"/>) that reports each arm's figures.
/// <para>Cost: O(features × classes) per call (two layers with per-symbol learning), no allocation after a symbol's
/// first decision; deterministic (sequential double arithmetic in call order); one thread.</para>
/// </summary>
public sealed class OnlineLearner
{
    private readonly OnlineLearnerOptions _options;
    private readonly int _features, _classes, _mask;
    private readonly OnlineLayer _shared;
    private readonly SymbolLayer?[] _symbols;
    private readonly long[] _ids, _lastLearntNs;
    private readonly int[] _symbolOf;
    private readonly byte[] _armOf;
    private readonly float[] _rows, _frozen, _served, _sharedP, _ownP;
    private readonly PairedBlockTest _accuracyTest, _lossTest;
    private OutcomeTally _frozenTally, _onlineTally, _liveArm, _candidateArm;
    private long _predicted, _lost, _liveArmDecisions, _candidateArmDecisions;
    private long[] _realised = [];
    private long _prequentialMajorityCorrect;

    /// <summary>A learner for rows of <paramref name="features"/> values beside <paramref name="classes"/>-class frozen models.</summary>
    public OnlineLearner(int features, int classes, OnlineLearnerOptions? options = null)
    {
        _options = options ?? new OnlineLearnerOptions();
        _options.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        _features = features;
        _classes = classes;
        _realised = new long[classes];
        _shared = NewLayer();
        _symbols = new SymbolLayer?[_options.PerSymbol ? _options.MaxSymbols : 0];
        _lastLearntNs = new long[_options.MaxSymbols + 1]; // the last slot is shared by symbols beyond MaxSymbols
        Array.Fill(_lastLearntNs, long.MinValue);
        int cap = (int)BitOperations.RoundUpToPowerOf2((uint)_options.PendingCapacity);
        _mask = cap - 1;
        _ids = new long[cap];
        Array.Fill(_ids, -1);
        _symbolOf = new int[cap];
        _armOf = new byte[cap];
        _rows = new float[cap * features];
        _frozen = new float[cap * classes];
        _served = new float[cap * classes];
        _sharedP = new float[cap * classes];
        _ownP = new float[cap * classes];
        _accuracyTest = new PairedBlockTest(_options.BlockNs);
        _lossTest = new PairedBlockTest(_options.BlockNs);
    }

    /// <summary>Feature values per row.</summary>
    public int Features => _features;

    /// <summary>Classes.</summary>
    public int Classes => _classes;

    /// <summary>The settings.</summary>
    public OnlineLearnerOptions Options => _options;

    /// <summary>The layer shared by all symbols (it learns every label).</summary>
    public OnlineLayer Shared => _shared;

    /// <summary>Labels that arrived for a prediction no longer held (the pending ring overran).</summary>
    public long Lost => _lost;

    /// <summary>Scored labels per realised class (down, flat, up for a direction model): the majority baseline of what
    /// was scored is the largest share.</summary>
    public ReadOnlySpan<long> RealisedCounts => _realised;

    /// <summary>Scored labels that the prequential majority got right: before each label, the class seen most often so
    /// far (the lowest index on a tie) is the forecast; then the label is counted. The baseline a recalibrated model
    /// must beat without hindsight.</summary>
    public long PrequentialMajorityCorrect => _prequentialMajorityCorrect;

    /// <summary>
    /// Frozen model (live) vs online layer (candidate) on the resolved decisions: counts, accuracy and log-loss of the
    /// predictions each made before the label was learnt, and the paired block tests (positive = online better).
    /// </summary>
    public ShadowStats Stats => new(_predicted, 0, _onlineTally.Resolved, _frozenTally.Correct, _onlineTally.Correct, _frozenTally.LogLoss, _onlineTally.LogLoss)
    {
        AccuracyTest = _accuracyTest.Result,
        LogLossTest = _lossTest.Result,
    };

    /// <summary>Per arm of the A/B split: decisions routed, and the outcomes of the probabilities that arm served.</summary>
    public (long LiveDecisions, OutcomeTally Live, long CandidateDecisions, OutcomeTally Candidate) Arms =>
        (_liveArmDecisions, _liveArm, _candidateArmDecisions, _candidateArm);

    /// <summary>The per-symbol layers' figures (symbols that got their own layer), in symbol-id order. Allocates: a reader's call.</summary>
    public IReadOnlyList<OnlineSymbolStats> SymbolStats()
    {
        var list = new List<OnlineSymbolStats>();
        for (int s = 0; s < _symbols.Length; s++)
        {
            if (_symbols[s] is not { } l) continue;
            list.Add(new OnlineSymbolStats(s, l.WarmStartSamples, l.Layer.Samples - l.WarmStartSamples, l.Shared, l.Own,
                l.AccuracyTest.Result, l.LossTest.Result, l.Graduated, l.GraduatedAtOutcome, l.GraduatedAtNs));
        }
        return list;
    }

    /// <summary>
    /// Predicts decision <paramref name="decisionId"/> of symbol <paramref name="symbolId"/>: the online probabilities for
    /// <paramref name="row"/> beside the frozen model's <paramref name="frozen"/> go to <paramref name="online"/>, and
    /// all of it waits for <see cref="Resolve"/>. Returns the decision's A/B arm (<see cref="AbArm.Candidate"/> without a split).
    /// </summary>
    public AbArm Predict(long decisionId, int symbolId, ReadOnlySpan<float> row, ReadOnlySpan<float> frozen, Span<float> online)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decisionId);
        int slot = (int)(decisionId & _mask);
        int c = _classes;
        row[.._features].CopyTo(_rows.AsSpan(slot * _features, _features));
        frozen[..c].CopyTo(_frozen.AsSpan(slot * c, c));
        var shared = _sharedP.AsSpan(slot * c, c);
        var own = _ownP.AsSpan(slot * c, c);
        var served = _served.AsSpan(slot * c, c);
        _shared.Predict(row, frozen, shared);
        var layer = LayerOf(symbolId);
        if (layer is null) own.Fill(float.NaN);
        else layer.Layer.Predict(row, frozen, own);
        (layer is { Graduated: true } ? own : shared).CopyTo(served);
        served.CopyTo(online);
        var arm = _options.Ab?.Route(decisionId, symbolId) ?? AbArm.Candidate;
        if (arm == AbArm.Candidate) _candidateArmDecisions++;
        else _liveArmDecisions++;
        _ids[slot] = decisionId;
        _symbolOf[slot] = symbolId;
        _armOf[slot] = (byte)arm;
        _predicted++;
        return arm;
    }

    /// <summary>
    /// The label of decision <paramref name="decisionId"/> (made at <paramref name="decisionTimeNs"/>, exchange time) is
    /// <paramref name="realisedClass"/>: scores what was predicted for it, then learns it. Returns false when the decision
    /// is unknown (never predicted, already resolved, or overwritten in the ring: counted in <see cref="Lost"/>).
    /// </summary>
    public bool Resolve(long decisionId, int realisedClass, long decisionTimeNs)
    {
        if ((uint)realisedClass >= (uint)_classes || decisionId < 0) return false;
        int slot = (int)(decisionId & _mask);
        if (_ids[slot] != decisionId)
        {
            _lost++;
            return false;
        }
        _ids[slot] = -1;
        int c = _classes;
        var row = _rows.AsSpan(slot * _features, _features);
        var frozen = _frozen.AsSpan(slot * c, c);
        var served = _served.AsSpan(slot * c, c);
        int majority = 0;
        for (int k = 1; k < c; k++) if (_realised[k] > _realised[majority]) majority = k;
        if (majority == realisedClass) _prequentialMajorityCorrect++;
        _realised[realisedClass]++;
        bool frozenRight = _frozenTally.Add(frozen, realisedClass, out double frozenLoss);
        bool onlineRight = _onlineTally.Add(served, realisedClass, out double onlineLoss);
        _accuracyTest.Add((onlineRight ? 1 : 0) - (frozenRight ? 1 : 0), decisionTimeNs);
        _lossTest.Add(frozenLoss - onlineLoss, decisionTimeNs);
        if (_options.Ab is not null)
        {
            if (_armOf[slot] == (byte)AbArm.Candidate) _candidateArm.Add(served, realisedClass, out _);
            else _liveArm.Add(frozen, realisedClass, out _);
        }
        int symbol = _symbolOf[slot];
        if ((uint)symbol < (uint)_symbols.Length && _symbols[symbol] is { } own && !float.IsNaN(_ownP[slot * c]))
            ScoreOwn(own, _sharedP.AsSpan(slot * c, c), _ownP.AsSpan(slot * c, c), realisedClass, decisionTimeNs);
        // Learn after scoring: every figure above is of a prediction made before this label was known.
        ref long last = ref _lastLearntNs[Math.Min((uint)symbol, (uint)_options.MaxSymbols)];
        if (last != long.MinValue && decisionTimeNs - last < _options.LearnSpacingNs) return true;
        last = decisionTimeNs;
        _shared.Learn(row, frozen, realisedClass);
        if ((uint)symbol < (uint)_symbols.Length && _symbols[symbol] is { } mine) mine.Layer.Learn(row, frozen, realisedClass);
        return true;
    }

    private void ScoreOwn(SymbolLayer l, ReadOnlySpan<float> shared, ReadOnlySpan<float> own, int realised, long timeNs)
    {
        bool sharedRight = l.Shared.Add(shared, realised, out double sharedLoss);
        bool ownRight = l.Own.Add(own, realised, out double ownLoss);
        l.AccuracyTest.Add((ownRight ? 1 : 0) - (sharedRight ? 1 : 0), timeNs);
        l.LossTest.Add(sharedLoss - ownLoss, timeNs);
        if (!l.Graduated) TryGraduate(l, timeNs);
    }

    private void TryGraduate(SymbolLayer l, long timeNs)
    {
        var loss = l.LossTest.Result;
        if (loss.Blocks < _options.GraduationMinBlocks || !(loss.PValueBetter < _options.GraduationAlpha)) return;
        if (!(l.AccuracyTest.Result.MeanDifference >= 0)) return; // a lower loss bought with fewer right calls does not graduate
        l.Graduated = true;
        l.GraduatedAtOutcome = l.Own.Resolved;
        l.GraduatedAtNs = timeNs;
    }

    // The symbol's own layer: created (warm start from the shared layer) on its first decision after the shared layer
    // has learnt TransferAfter samples. Null = the symbol is served by the shared layer only.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private SymbolLayer? LayerOf(int symbolId)
    {
        if ((uint)symbolId >= (uint)_symbols.Length) return null;
        return _symbols[symbolId] ?? (_shared.Samples >= _options.TransferAfter ? Transfer(symbolId) : null);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private SymbolLayer Transfer(int symbolId)
    {
        var layer = NewLayer();
        layer.CopyFrom(_shared);
        return _symbols[symbolId] = new SymbolLayer(layer, _options.BlockNs, layer.Samples);
    }

    private OnlineLayer NewLayer() => new(_features, _classes, _options.Ftrl, _options.Clip, _options.UseFeatures);
}
