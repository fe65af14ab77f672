using HftScalper.Engine.Outcomes;
using HftScalper.Engine.Pipeline;
using HftScalper.Features.Schema;
using HftScalper.Inference.Lifecycle;
using HftScalper.Reporting;
using HftScalper.Training.Data;
using Microsoft.Extensions.Logging;

namespace HftScalper.Training.Adaptation;

/// <summary>
/// Retrain -> shadow -> promote -> roll back, automatically (<c>hft replay --adapt</c>, <c>hft run --adapt</c>):
/// <code>
///  decision (row, live scores) --> recent window (sampled rows + mid path, bounded)
///        |                    '-> outcome after the horizon --> live loss --> Page-Hinkley drift test --alarm--.
///        |                                                                                                   v
///        '-- exchange clock --> schedule / on demand ------------------------------------------> retrain (own thread,
///                                                                                                lowest priority)
///  candidate due at trigger + delay --> models folder --> lifecycle: shadow candidate --paired-test rule--> promoted
///                                                           (registry history)        probation --worse--> rolled back
/// </code>
/// Everything is driven by the decisions' exchange time, on the pipeline's thread between two events (an
/// <see cref="IDecisionFollower"/>): in replay a retrain triggered at t yields its candidate at t + delay (the run waits
/// for the trainer there), promotion and rollback are judged at fixed exchange-time ticks, so the same input gives the
/// same swaps and the same decision digest. One symbol is followed: the first that decides on a synced book, until it
/// makes no decision for <see cref="AdaptationOptions.FollowSilenceNs"/> while another does (recordings of different
/// symbols back to back), then that one.
/// Retrains run on one <see cref="AdaptWorker"/> thread (<c>hft-adapt</c>). Live (<see cref="AdaptationOptions.WaitForTrainer"/>
/// false) the worker also validates candidates and runs the lifecycle's health check (promotion, rollback), so the
/// pipeline's thread never loads a model: it samples rows, scores outcomes, runs the drift test and posts work.
/// </summary>
public sealed partial class AdaptationLoop : IDecisionFollower, IDisposable
{
    private readonly AdaptWorker _worker;
    private readonly bool _live;
    private long _requests;
    private readonly ModelLifecycle _lifecycle;
    private readonly FeatureSchema _schema;
    private readonly AdaptationOptions _options;
    private readonly ILogger _logger;
    private readonly string _directory;
    private RecentWindow _window;
    private DirectionResolver _resolver;
    private readonly long[] _ids;
    private readonly float[] _scores;
    private readonly int _mask, _classes;
    private readonly List<AdaptationEvent> _events = [];
    private LossDriftDetector _drift;
    private CandidateTrainer? _trainer;
    private long _dueNs, _triggeredNs, _nextCheckNs, _nextScheduleNs = long.MaxValue;
    private int _nextDemand, _symbol = -1;
    private long _followedLastNs;
    private long _originNs = long.MinValue, _lastNs;
    private long _promotions, _rollbacks, _passed;

    private readonly bool _ownsWorker;

    /// <summary>A loop adapting <paramref name="lifecycle"/>'s live model; candidates are written into its models folder.
    /// <paramref name="worker"/>: a worker shared with other loops (per-symbol adaptation; not disposed here, its periodic
    /// step is its owner's); null = the loop's own.</summary>
    public AdaptationLoop(ModelLifecycle lifecycle, FeatureSchema schema, AdaptationOptions options, ILogger logger, int classes = 3, AdaptWorker? worker = null)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.HorizonNs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SampleIntervalNs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRows, 16);
        _lifecycle = lifecycle;
        _schema = schema;
        _options = options;
        _logger = logger;
        _classes = classes;
        _directory = lifecycle.Registry.Directory;
        // The mid path keeps every decision of the window: at most ~200 decisions a second over the window.
        _window = NewWindow();
        _resolver = NewResolver();
        _ids = new long[1 << 16];
        Array.Fill(_ids, -1);
        _mask = _ids.Length - 1;
        _scores = new float[_ids.Length * classes];
        _drift = NewDrift();
        ChangeAtNs = options.ChangeAtNs;
        _live = !options.WaitForTrainer;
        if (options.PinnedSymbol is { } pinned) _symbol = pinned;
        _ownsWorker = worker is null;
        _worker = worker ?? new AdaptWorker(_live ? lifecycle.CheckHealth : null,
            e => _logger.LogError(e, "Adaptation worker: a job failed ({Type}: {Message}); the loop goes on", e.GetType().Name, e.Message),
            options.WorkerNice);
        if (_worker.Nice is null && options.WorkerNice > 0)
            _logger.LogWarning("Adaptation worker: its priority was not lowered ({Note}); retrains compete with the pipeline as a normal thread", _worker.PriorityNote);
    }

    /// <summary>Nice value of the <c>hft-adapt</c> worker thread as the kernel reports it (null: not lowered, see <see cref="WorkerPriorityNote"/>).</summary>
    public int? WorkerNice => _worker.Nice;

    /// <summary>Why <see cref="WorkerNice"/> is null (null when it was applied).</summary>
    public string? WorkerPriorityNote => _worker.PriorityNote;

    /// <summary>Most managed bytes one worker job (a retrain) allocated; bounded by <see cref="WindowRowCap"/>.</summary>
    public long WorkerMaxJobAllocatedBytes => _worker.MaxJobAllocatedBytes;

    /// <summary>Most sampled rows the training window holds (<see cref="AdaptationOptions.MaxRows"/>): a retrain trains on at most these.</summary>
    public int WindowRowCap => _options.MaxRows;

    /// <summary>Retrains asked for with <see cref="RequestRetrain"/> (an operator's SIGUSR1 live).</summary>
    public long RetrainRequests => Interlocked.Read(ref _requests);

    /// <summary>Jobs of the <c>hft-adapt</c> worker that threw (counted, logged and survived).</summary>
    public long WorkerErrors => _worker.Errors;

    /// <summary>True while a retrain (or, live, a lifecycle step) runs on the worker.</summary>
    public bool WorkerBusy => _worker.Busy;

    /// <summary>
    /// Stops the worker at the end of a run: no new work, and up to <paramref name="bound"/> for a retrain in progress.
    /// False when it was still training (its candidate is dropped; the background thread does not hold the process).
    /// </summary>
    public bool Shutdown(TimeSpan bound) => _worker.Stop(bound);

    /// <summary>Stops the worker (at most 10 s for a retrain in progress).</summary>
    public void Dispose()
    {
        if (_ownsWorker) _worker.Dispose();
    }

    /// <summary>Every step so far, in order.</summary>
    public IReadOnlyList<AdaptationEvent> Events => _events;

    /// <summary>Symbol id followed (the first to decide on a synced book; -1 before).</summary>
    public int FollowedSymbol => _symbol;

    /// <summary>Times the loop moved to another symbol because the followed one went silent (<see cref="AdaptationOptions.FollowSilenceNs"/>).</summary>
    public long FollowSwitches { get; private set; }

    /// <summary>Drift alarms raised.</summary>
    public long DriftAlarms { get; private set; }

    /// <summary>Exchange-time seconds from the run's first event to the first alarm (NaN = none).</summary>
    public double FirstAlarmSeconds { get; private set; } = double.NaN;

    /// <summary>Retrains started.</summary>
    public long Retrains { get; private set; }

    /// <summary>Retrains whose window was pooled with other symbols' (<see cref="AdaptationOptions.TransferBelowRows"/>).</summary>
    public long TransferRetrains { get; private set; }

    /// <summary>Retrains that fine-tuned the shared model (<see cref="TransferMode.WarmStart"/>; also counted in <see cref="TransferRetrains"/>).</summary>
    public long WarmStartRetrains { get; private set; }

    /// <summary>Per-symbol adaptation with <see cref="TransferMode.WarmStart"/>: the shared model file a thin symbol's retrain fine-tunes; null = none.</summary>
    internal string? WarmStartBase { get; set; }

    /// <summary>Per-symbol adaptation: the other symbols' recent samples (now, span), for transfer by pooling; null = none.</summary>
    internal Func<long, long, IReadOnlyList<(FeatureMatrix Samples, DecisionSeries Path)>>? Donors { get; set; }

    /// <summary>A copy of the window's samples of the last <paramref name="spanNs"/> before <paramref name="nowNs"/>, and its price path.</summary>
    internal (FeatureMatrix Samples, DecisionSeries Path) SnapshotWindow(long nowNs, long spanNs) => _window.Snapshot(nowNs, spanNs);

    /// <summary>Samples the window holds.</summary>
    internal int WindowRows => _window.Rows;

    /// <summary>Retrains not started (one in flight, a promotion in probation, or too few samples).</summary>
    public long RetrainsSkipped { get; private set; }

    /// <summary>Candidates that entered the shadow.</summary>
    public long Candidates { get; private set; }

    /// <summary>Retrains that produced no usable candidate.</summary>
    public long TrainFailures { get; private set; }

    /// <summary>Promotions by the rule.</summary>
    public long Promotions => _promotions;

    /// <summary>Automatic rollbacks after a failed probation.</summary>
    public long Rollbacks => _rollbacks;

    /// <summary>Wall-clock milliseconds the run waited for trainers at their due time (replay).</summary>
    public double WaitedMs { get; private set; }

    /// <summary>Wall-clock seconds spent training, summed.</summary>
    public double TrainSeconds { get; private set; }

    /// <summary>Offset of the market change from the first event, ns (given, or where the loss began to rise before the first alarm; null = neither).</summary>
    public long? ChangeAtNs { get; private set; }

    /// <summary>Where <see cref="ChangeAtNs"/> came from: <c>given</c>, <c>driftEstimate</c> or null.</summary>
    public string? ChangeSource => _options.ChangeAtNs is not null ? "given" : ChangeAtNs is not null ? "driftEstimate" : null;

    /// <summary>Offset from the first event of the first promotion at or after the change, ns (null = none).</summary>
    public long? PromotedAfterChangeNs { get; private set; }

    /// <inheritdoc />
    public void OnFirstEvent(long exchangeTimeNs)
    {
        if (_originNs != long.MinValue) return;
        _originNs = exchangeTimeNs;
        if (_options.RetrainEveryNs > 0) _nextScheduleNs = exchangeTimeNs + _options.RetrainEveryNs;
        _nextCheckNs = exchangeTimeNs + _options.CheckEveryNs;
    }

    /// <inheritdoc />
    public void OnDecision(in FollowedDecision d, ReadOnlySpan<float> row, ReadOnlySpan<float> scores)
    {
        long t = d.ExchangeTimeNs;
        if (_originNs == long.MinValue) OnFirstEvent(t);
        if (t > _lastNs) _lastNs = t;
        Tick(t);
        if (!d.BookSynced || !(d.MidTicks > 0) || !double.IsFinite(d.MidTicks)) return;
        if (_symbol < 0) _symbol = d.SymbolId;
        if (d.SymbolId != _symbol)
        {
            if (_options.PinnedSymbol is not null || _options.FollowSilenceNs <= 0 || t - _followedLastNs < _options.FollowSilenceNs) return;
            Follow(d.SymbolId, t);
        }
        _followedLastNs = t;
        var sink = new OutcomeSink(this);
        _resolver.Observe(t, d.MidTicks, ref sink);
        _window.Add(t, d.MidTicks, _options.SampleIntervalNs, row);
        if (d.Status != DecisionModelStatus.Ok || scores.Length < _classes) return;
        int slot = (int)(d.Decision & _mask);
        _ids[slot] = d.Decision;
        scores[.._classes].CopyTo(_scores.AsSpan(slot * _classes, _classes));
        if (_options.ScoreShadow) _lifecycle.Shadow.Observe(row, 1, scores[.._classes], d.Decision);
        _resolver.Enqueue(new PendingDecision { TimeNs = t, MidTicks = d.MidTicks, Tag = d.Decision });
    }

    /// <summary>Asks for a retrain at the next decision (any thread; e.g. an operator's request live).</summary>
    public void RequestRetrain()
    {
        Interlocked.Increment(ref _requests);
        Volatile.Write(ref _requested, true);
    }

    private bool _requested;
    private (string Reason, long FromNs)? _deferred; // live, shared worker: a retrain waiting for another symbol's to end
    private long _driftDueNs = long.MaxValue, _driftFromNs = long.MinValue;

    // The loop's clock: due candidates, on-demand and scheduled retrains, and the lifecycle's health check.
    private void Tick(long t)
    {
        // Replay: at the due time, waiting for the trainer there. Live: as soon as it is done (the worker has already
        // put the candidate in the shadow).
        if (_trainer is not null && (_live ? _trainer.IsDone : t >= _dueNs)) Install(t);
        if (_deferred is { } deferred && !_worker.Busy)
        {
            _deferred = null;
            Trigger(t, deferred.Reason, deferred.FromNs);
        }
        if (t >= _driftDueNs)
        {
            _driftDueNs = long.MaxValue;
            Trigger(t, "drift alarm", _driftFromNs);
        }
        while (_nextDemand < _options.RetrainAtNs.Count && t - _originNs >= _options.RetrainAtNs[_nextDemand])
        {
            _nextDemand++;
            Trigger(t, "on demand");
        }
        if (Volatile.Read(ref _requested))
        {
            Volatile.Write(ref _requested, false);
            Trigger(t, "requested");
        }
        if (t >= _nextScheduleNs)
        {
            _nextScheduleNs += _options.RetrainEveryNs * Math.Max(1, (t - _nextScheduleNs) / _options.RetrainEveryNs + 1);
            Trigger(t, "schedule");
        }
        if (t >= _nextCheckNs)
        {
            _nextCheckNs = t + _options.CheckEveryNs;
            Check(t);
        }
    }

    // Promotion, probation and rollback are the lifecycle's (its rule and registry); the loop notices what changed.
    private void Check(long t)
    {
        // Live the worker runs the health check (a promotion loads the replaced model for probation); what it
        // changed is read here at the next tick.
        if (_live) _worker.RequestPeriodic();
        else _lifecycle.CheckHealth();
        var c = _lifecycle.Counters;
        if (c.Promotions > _promotions)
        {
            _promotions = c.Promotions;
            _drift = NewDrift();
            if (PromotedAfterChangeNs is null && ChangeAtNs is { } change && t - _originNs >= change) PromotedAfterChangeNs = t - _originNs;
            Add("promotion", t, $"{_lifecycle.Host.Current?.Metadata.Name} is live (paired-test rule); the replaced model is in probation");
        }
        if (c.ProbationRollbacks > _rollbacks)
        {
            _rollbacks = c.ProbationRollbacks;
            _drift = NewDrift();
            Add("rollback", t, $"probation failed: {_lifecycle.Host.Current?.Metadata.Name} is live again");
        }
        if (c.ProbationsPassed > _passed)
        {
            _passed = c.ProbationsPassed;
            Add("probationPassed", t, $"{_lifecycle.Host.Current?.Metadata.Name} kept");
        }
    }

    private RecentWindow NewWindow() =>
        new(_schema.Count, _options.MaxRows, (int)Math.Min(1 << 22, Math.Max(1 << 16, _options.WindowNs / 5_000_000)));

    private DirectionResolver NewResolver() =>
        new([_options.HorizonNs], _options.Threshold.InBasisPoints ? 0 : _options.Threshold.Value, 1 << 16,
            _options.Threshold.InBasisPoints ? _options.Threshold.Value : 0);

    // The followed symbol went silent while another decides (recordings of different symbols back to back): follow the
    // new one. Its prices are another series, so the window and the pending outcomes start again; the drift test goes
    // on, so a live model that does worse on the new symbol shows as a rise of its loss. Rare: allocates here only.
    private void Follow(int symbolId, long t)
    {
        int previous = _symbol;
        _symbol = symbolId;
        _window = NewWindow();
        _resolver = NewResolver();
        Array.Fill(_ids, -1);
        FollowSwitches++;
        Add("follow", t, FormattableString.Invariant(
            $"symbol {previous} made no decision for {(t - _followedLastNs) / 1e9:0.#} s while symbol {symbolId} decides: following symbol {symbolId} (window and pending outcomes start again)"));
    }

    private LossDriftDetector NewDrift() =>
        new(_options.EffectiveDriftBlockNs, _options.DriftReferenceBlocks, _options.DriftSlack, _options.DriftThreshold);

    private void Add(string kind, long t, string detail)
    {
        var e = new AdaptationEvent(kind, Math.Round(Seconds(t), 3), detail);
        _events.Add(e);
        _logger.LogInformation("Adaptation {Kind} at +{Seconds} s: {Detail}", kind, e.Seconds, detail);
    }

    private double Seconds(long t) => (t - _originNs) / 1e9;
}
