using HftScalper.Training.Data;
using Microsoft.Extensions.Logging;

namespace HftScalper.Training.Adaptation;

// A retrain: triggered (drift, schedule, on demand, request), posted to the worker, installed into the shadow at its due time.
public sealed partial class AdaptationLoop
{
    private void Trigger(long t, string reason, long fromNs = long.MinValue)
    {
        // A candidate still in shadow is replaced by the new one (it was not promoted, and the market has moved on since);
        // a probation is left to finish.
        string? busy = _trainer is not null ? "a retrain is in flight" : _lifecycle.InProbation ? "a promotion is in probation" : null;
        long span = Math.Min(_options.WindowNs, t - Math.Max(fromNs, t - _options.WindowNs));
        bool thin = busy is null && _options.TransferBelowRows > 0 && _window.Rows < _options.TransferBelowRows;
        string? warmBase = thin && _options.Transfer == TransferMode.WarmStart ? WarmStartBase : null;
        IReadOnlyList<(FeatureMatrix Samples, DecisionSeries Path)> donors = thin && warmBase is null && Donors is { } others ? others(t, span) : [];
        int donated = donors.Sum(d => d.Samples.Rows);
        if (busy is null && _window.Rows + donated < _options.MinSamples) busy = $"only {_window.Rows + donated} samples in the window";
        if (busy is not null)
        {
            RetrainsSkipped++;
            Add("retrainSkipped", t, $"{reason}: {busy}");
            return;
        }
        // A worker shared by several loops may be training another symbol's candidate: replay waits for it (so the
        // same retrains run every time); live the retrain waits, without blocking, until the worker is free.
        if (!_ownsWorker && _worker.Busy)
        {
            if (_live)
            {
                _deferred = (reason, fromNs);
                return;
            }
            WaitedMs += WaitIdle();
        }
        var (samples, path) = _window.Snapshot(t, span);
        long n = Retrains + 1;
        string file = Path.Combine(_directory, $"adapt-{n}.onnx");
        string transfer = donated > 0 ? FormattableString.Invariant($" + {donated} samples of {donors.Count} other symbol(s) (transfer)")
            : warmBase is not null ? $", warm start of {Path.GetFileName(warmBase)} (transfer)" : "";
        string description = FormattableString.Invariant($"adaptive retrain {n} ({reason}) at +{Seconds(t):0.#} s: {samples.Rows} samples{transfer} every {_options.SampleIntervalNs / 1e6:0} ms over the last {_options.WindowNs / 1e9:0} s");
        _trainer = CandidateTrainer.Start(_worker, samples, path, _schema, _options, file, $"adapt-{n}", description, _live ? _lifecycle.OnModelFile : null, donors, warmBase);
        if (_trainer is null)
        {
            RetrainsSkipped++;
            Add("retrainSkipped", t, $"{reason}: the worker is busy or stopping");
            return;
        }
        Retrains = n;
        if (donated > 0 || warmBase is not null) TransferRetrains++;
        if (warmBase is not null) WarmStartRetrains++;
        _triggeredNs = t;
        _dueNs = t + _options.RetrainDelayNs;
        Add("retrain", t, _live ? $"{reason}: training on {samples.Rows} samples{transfer} on the {AdaptWorker.ThreadName} worker, candidate in the shadow once trained"
            : FormattableString.Invariant($"{reason}: training on {samples.Rows} samples{transfer}, candidate due at +{Seconds(_dueNs):0.#} s"));
    }

    private double WaitIdle()
    {
        long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        while (!_worker.WaitIdle(TimeSpan.FromSeconds(1)) && !_worker.Stopping) { }
        return System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
    }

    private void Install(long t)
    {
        var trainer = _trainer!;
        if (!trainer.IsDone) WaitedMs += trainer.Wait();
        _trainer = null;
        TrainSeconds += trainer.Seconds;
        if (trainer.Path is null)
        {
            TrainFailures++;
            Add("trainFailed", t, $"retrain from +{Seconds(_triggeredNs):0.#} s failed: {trainer.Error}");
            return;
        }
        // Live the worker has handed the file over already (validation loads a session: not on this thread).
        var report = trainer.HandedOver ? trainer.Installed : _lifecycle.OnModelFile(trainer.Path);
        if (report is not { Passed: true })
        {
            TrainFailures++;
            Add("trainFailed", t, $"candidate {Path.GetFileName(trainer.Path)} refused: {report?.Message ?? "ignored (same as a model already held)"}");
            return;
        }
        Candidates++;
        Add("candidate", t, FormattableString.Invariant(
            $"{Path.GetFileName(trainer.Path)} in shadow ({trainer.Samples} samples, walk-forward log-loss {trainer.OutOfSampleLogLoss:0.0000})"));
        _logger.LogInformation("Adaptation: retrain {N} took {Seconds:0.0} s of wall-clock time on its own thread", Retrains, trainer.Seconds);
    }
}
