using System.Runtime.CompilerServices;
using HftScalper.Inference.Calibration;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// The per-symbol move-prior correction inside stage B (<see cref="InferenceStage"/>): after the model answers, each
/// served row's P(move) is shifted by its symbol's <see cref="MovePriorTracker"/> (and, when the settings ask for it,
/// then passed through the symbol's <see cref="BaselineGate"/>), which first folds in this decision
/// (the model's uncorrected P(move) and the mid). Decisions on a book that is not synced, or on a locked or crossed
/// quote, are not observed (training samples none of them) and keep the symbol's current correction. A tracker per
/// symbol id, made on the symbol's first decision; nothing allocates after that.
/// </summary>
internal sealed class MovePriorStage(MovePriorServing serving)
{
    private MovePriorTracker?[] _trackers = new MovePriorTracker?[16];
    private BaselineGate?[] _gates = new BaselineGate?[16];

    /// <summary>Rows whose probabilities the correction or the gate changed.</summary>
    public long CorrectedRows { get; private set; }

    /// <summary>Observes <paramref name="record"/> and corrects its canonical (down, flat, up) <paramref name="scores"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref DecisionRecord record, Span<float> scores)
    {
        var tracker = TrackerOf(record.SymbolId);
        bool observed = record.BookSynced && record.BidTicks > 0 && record.AskTicks > record.BidTicks;
        if (observed) tracker.OnDecision(record.ExchangeTimeNs, record.MidTicks, 1f - scores[1]);
        double offset = tracker.Offset;
        if (offset != 0) MoveShift.Apply(scores[..3], offset);
        bool gated = false;
        if (_gates[record.SymbolId] is { } gate)
        {
            if (observed) gate.OnDecision(record.ExchangeTimeNs, record.MidTicks, scores[..3]);
            else gate.Serve(scores[..3]);
            gated = gate.Abstaining;
        }
        if (offset != 0 || gated) CorrectedRows++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private MovePriorTracker TrackerOf(int symbolId) =>
        (uint)symbolId < (uint)_trackers.Length && _trackers[symbolId] is { } t ? t : NewTracker(symbolId);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private MovePriorTracker NewTracker(int symbolId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(symbolId);
        if (symbolId >= _trackers.Length)
        {
            int size = Math.Max(symbolId + 1, _trackers.Length * 2);
            Array.Resize(ref _trackers, size);
            Array.Resize(ref _gates, size);
        }
        _gates[symbolId] = serving.NewGate();
        return _trackers[symbolId] = serving.NewTracker();
    }
}
