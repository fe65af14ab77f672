using System.Runtime.CompilerServices;
using HftScalper.Engine.Outcomes;

namespace HftScalper.Training.Adaptation;

// The live model's outcomes at its horizon: the drift test's input and the accuracy windows the report compares.
public sealed partial class AdaptationLoop
{
    private readonly List<(long StartNs, AccuracyWindow Window)> _timeline = [];

    /// <summary>Live accuracy on decisions before the change (or all of them when no change is known).</summary>
    public AccuracyWindow BeforeChange { get; } = new();

    /// <summary>Live accuracy on decisions after the change and before the first promotion after it.</summary>
    public AccuracyWindow AfterChange { get; } = new();

    /// <summary>Live accuracy on decisions after the first promotion that followed the change.</summary>
    public AccuracyWindow AfterPromotion { get; } = new();

    /// <summary>Live accuracy per <see cref="AdaptationOptions.TimelineBucketNs"/> of decision time (offset from the first event, ns).</summary>
    public IReadOnlyList<(long StartNs, AccuracyWindow Window)> Timeline => _timeline;

    /// <summary>Exchange time of the run's first event, ns (<see cref="long.MinValue"/> before it).</summary>
    public long OriginNs => _originNs;

    /// <summary>Length of one timeline point, seconds.</summary>
    public double TimelineBucketSeconds => _options.TimelineBucketNs / 1e9;

    /// <summary>Exchange-time seconds the run lasted (first event to the last decision).</summary>
    public double RunSeconds => _originNs == long.MinValue ? 0 : (_lastNs - _originNs) / 1e9;

    private void Outcome(long decision, long timeNs, int realised)
    {
        if (_options.ScoreShadow) _lifecycle.Shadow.RecordOutcome(decision, realised, timeNs);
        int slot = (int)(decision & _mask);
        if (_ids[slot] != decision || (uint)realised >= (uint)_classes) return;
        _ids[slot] = -1;
        var p = _scores.AsSpan(slot * _classes, _classes);
        int best = 0;
        double sum = 0;
        for (int k = 0; k < p.Length; k++)
        {
            sum += p[k];
            if (p[k] > p[best]) best = k;
        }
        double loss = -Math.Log(Math.Max(sum > 0 ? p[realised] / sum : 0, 1e-7));
        bool correct = best == realised;
        long offset = timeNs - _originNs;
        (PromotedAfterChangeNs is { } promoted && offset >= promoted ? AfterPromotion
            : ChangeAtNs is { } change && offset >= change ? AfterChange : BeforeChange).Add(correct, loss);
        Bucket(offset).Add(correct, loss);
        if (_drift.Add(loss, timeNs)) Alarm();
    }

    private AccuracyWindow Bucket(long offset)
    {
        long start = Math.Max(0, offset) / _options.TimelineBucketNs * _options.TimelineBucketNs;
        if (_timeline.Count > 0 && _timeline[^1].StartNs == start) return _timeline[^1].Window;
        for (int i = _timeline.Count - 1; i >= 0 && _timeline[i].StartNs >= start; i--)
            if (_timeline[i].StartNs == start) return _timeline[i].Window;
        var w = new AccuracyWindow();
        _timeline.Add((start, w));
        _timeline.Sort((a, b) => a.StartNs.CompareTo(b.StartNs));
        return w;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Alarm()
    {
        DriftAlarms++;
        long t = _lastNs;
        long rise = Math.Clamp(_drift.RiseStartNs, _originNs, t);
        if (double.IsNaN(FirstAlarmSeconds)) FirstAlarmSeconds = Math.Round((t - _originNs) / 1e9, 3);
        ChangeAtNs ??= rise - _originNs;
        Add("alarm", t, FormattableString.Invariant($"the live model's loss rose (Page-Hinkley over {_drift.Blocks} blocks of {_options.EffectiveDriftBlockNs / 1e9:0.#} s) since about +{Seconds(rise):0.#} s"));
        if (!_options.RetrainOnDrift) return;
        // Train on the new regime only: what came after the rise began, once it spans MinTrainSpan.
        _driftFromNs = rise;
        _driftDueNs = Math.Max(t, rise + _options.MinTrainSpanNs);
        if (_driftDueNs > t) Add("retrainDeferred", t, FormattableString.Invariant($"drift alarm: retrain at +{Seconds(_driftDueNs):0.#} s on the data since +{Seconds(rise):0.#} s"));
    }

    private readonly struct OutcomeSink(AdaptationLoop loop) : IDirectionSink
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void OnLabel(int horizonIndex, in PendingDecision decision, int realisedClass, double moveTicks) =>
            loop.Outcome(decision.Tag, decision.TimeNs, realisedClass);
    }
}
