using System.Globalization;
using HdrHistogram;
using HftScalper.Binance.Sync;
using HftScalper.Engine.Composition;
using HftScalper.Inference.Ensemble;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Serving;

namespace HftScalper.Reporting.Monitoring;

/// <summary>
/// The metrics of a run in the Prometheus text format: the pipeline's counters (<see cref="TradingPipeline.Snapshot"/>),
/// per model (live, shadow candidate) the inference latency histogram, batch sizes, predictions, problems, age and
/// generation, the lifecycle's swaps and rejections, and the shadow comparison. Everything is collected by the hot
/// path without allocation (plain counters, HdrHistogram recorders) and read here, on the scraper's thread.
/// <see cref="Render"/> is serialised; it moves each model's latency interval into a cumulative histogram kept here
/// (so only this reader may take the monitors' intervals).
/// </summary>
public sealed class PipelineMetrics
{
    private static readonly double[] LatencyBounds = [10e-6, 25e-6, 50e-6, 100e-6, 250e-6, 500e-6, 1e-3, 2.5e-3, 5e-3, 10e-3, 25e-3, 100e-3];
    private readonly object _gate = new();
    private readonly Func<PipelineSnapshot?> _snapshot;
    private readonly PredictionRecorder? _predictions;
    private readonly List<(string Role, Func<MonitoredModel?> Model)> _models = [];
    private readonly Dictionary<ModelSession, LongHistogram> _latency = new(ReferenceEqualityComparer.Instance);
    private LifecycleCounters? _lifecycle;
    private ModelHost? _host;
    private ShadowScorer? _shadow;
    private FeatureDriftMonitor? _drift;
    private readonly List<(string Name, string Help, Func<long> Read)> _counters = [];

    /// <summary>
    /// Metrics of <paramref name="pipeline"/> and, when given, the live model's online accuracy scored by the run's
    /// <paramref name="predictions"/> (the recorder observing the pipeline); add the models with the <c>Add*</c> methods.
    /// <paramref name="snapshot"/> replaces <see cref="TradingPipeline.Snapshot"/> as the source of the pipeline's
    /// counters (the dashboard passes its latest sample, so the page and <c>/metrics</c> show the same figures).
    /// </summary>
    public PipelineMetrics(TradingPipeline pipeline, PredictionRecorder? predictions = null, Func<PipelineSnapshot?>? snapshot = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        _snapshot = snapshot ?? pipeline.Snapshot;
        _predictions = predictions;
    }

    /// <summary>A model read through <paramref name="model"/> at each scrape (null = none loaded now), labelled <paramref name="role"/>.</summary>
    public PipelineMetrics AddModel(string role, Func<MonitoredModel?> model)
    {
        lock (_gate) _models.Add((role, model));
        return this;
    }

    /// <summary>A fixed session (a backtest's single model) loaded at <paramref name="loadedUtc"/>.</summary>
    public PipelineMetrics AddModel(string role, ModelSession session, DateTimeOffset loadedUtc)
    {
        var m = new MonitoredModel(session, "", loadedUtc, 1);
        return AddModel(role, () => m);
    }

    /// <summary>The live model of <paramref name="host"/> (its swaps are counted too).</summary>
    public PipelineMetrics AddHost(string role, ModelHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        lock (_gate) _host ??= host;
        return AddModel(role, () => host.Current is { } m ? new MonitoredModel(m.Session, m.Sha256, m.LoadedUtc, m.Generation) : null);
    }

    /// <summary>The lifecycle's live model, shadow candidate, swaps and rejections.</summary>
    public PipelineMetrics AddLifecycle(ModelLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lock (_gate) _lifecycle = lifecycle.Counters;
        AddHost("live", lifecycle.Host);
        return AddShadow(lifecycle.Shadow);
    }

    /// <summary>A shadow candidate and its comparison with the live model.</summary>
    public PipelineMetrics AddShadow(ShadowScorer shadow)
    {
        ArgumentNullException.ThrowIfNull(shadow);
        lock (_gate)
        {
            if (_shadow is not null) return this;
            _shadow = shadow;
        }
        var host = shadow.Candidate;
        return AddModel("candidate", () => host.Current is { } m ? new MonitoredModel(m.Session, m.Sha256, m.LoadedUtc, m.Generation) : null);
    }

    /// <summary>Input and prediction drift of the serving model against its reference (PSI per column, alarms).</summary>
    public PipelineMetrics AddFeatureDrift(FeatureDriftMonitor monitor)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        lock (_gate) _drift ??= monitor;
        return this;
    }

    /// <summary>A counter read at each scrape (e.g. the adaptation loop's <c>hft_adapt_*_total</c>); <paramref name="read"/> runs on the scraper's thread.</summary>
    public PipelineMetrics AddCounter(string name, string help, Func<long> read)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate) _counters.Add((name, help, read));
        return this;
    }

    /// <summary>The exposition text (one scrape). Allocates; any thread, one at a time.</summary>
    public string Render()
    {
        lock (_gate)
        {
            var w = new PrometheusWriter();
            if (_snapshot() is { } p)
            {
                WritePipeline(w, p);
                if (_predictions is { } predictions) WriteAccuracy(w, predictions.Horizons);
            }
            WriteModels(w);
            WriteLifecycle(w);
            if (_shadow is { } s) WriteShadow(w, s.Stats);
            if (_drift is { } d) WriteFeatureDrift(w, d);
            foreach (var (name, help, read) in _counters) w.Counter(name, help, read());
            return w.ToString();
        }
    }

    private static void WritePipeline(PrometheusWriter w, PipelineSnapshot p)
    {
        w.Gauge("hft_pipeline_running", "1 while a run is in progress", p.Running ? 1 : 0);
        w.Counter("hft_pipeline_events_total", "Market events published into the ring", p.Events);
        w.Counter("hft_pipeline_frames_total", "Frames read", p.Frames);
        w.Counter("hft_pipeline_decisions_total", "Decision events made by the feature stage", p.Decisions);
        w.Counter("hft_pipeline_strategy_decisions_total", "Decisions handled by the strategy", p.StrategyDecisions);
        w.Counter("hft_pipeline_orders_total", "Orders sent to the execution gateway", p.Orders);
        w.Counter("hft_pipeline_inference_batches_total", "Model calls of the inference stage", p.InferenceBatches);
        w.Family("hft_pipeline_inference_rows_total", "counter", "Decision rows by inference outcome");
        w.Sample("hft_pipeline_inference_rows_total", p.InferenceRows, ("outcome", "predicted"));
        w.Sample("hft_pipeline_inference_rows_total", p.NoModelRows, ("outcome", "no_model"));
        w.Sample("hft_pipeline_inference_rows_total", p.FailedRows, ("outcome", "failed"));
        w.Sample("hft_pipeline_inference_rows_total", p.WarmingRows, ("outcome", "warming"));
        w.Counter("hft_pipeline_warming_stalls_total", "Symbols a sequence model stayed warming for far longer than its warm-up", p.WarmingStalls);
        w.Counter("hft_pipeline_warming_unsynced_stalls_total", "Warming stalls in which the symbol's book never synced", p.WarmingUnsyncedStalls);
        w.Counter("hft_pipeline_warming_unsynced_rows_total", "Warming rows whose book was not synced", p.WarmingUnsyncedRows);
        w.Family("hft_pipeline_signals_total", "counter", "Signals by source");
        w.Sample("hft_pipeline_signals_total", p.ModelSignals, ("source", "model"));
        w.Sample("hft_pipeline_signals_total", p.FallbackSignals, ("source", "fallback"));
        w.Counter("hft_pipeline_kill_switch_trips_total", "Kill-switch trips", p.KillSwitchTrips);
        w.Gauge("hft_pipeline_halted", "1 while trading is halted by the kill switch", p.Halted ? 1 : 0);
        w.Counter("hft_pipeline_book_gaps_total", "Book-sync gaps (update ids skipped)", p.Gaps);
        w.Counter("hft_pipeline_book_resyncs_total", "Book resyncs", p.Resyncs);
        w.Counter("hft_pipeline_book_crossed_total", "Crossed books discarded", p.Crossed);
        if (p.Symbols.Count > 0) w.Family("hft_pipeline_book_state", "gauge", "Book sync state per symbol: 1 for the current state");
        foreach (var (symbol, state) in p.Symbols)
            foreach (var s in Enum.GetValues<BookSyncState>())
                w.Sample("hft_pipeline_book_state", s == state ? 1 : 0, ("symbol", symbol), ("state", s.ToString().ToLowerInvariant()));
        if (p.RiskVerdicts.Count > 0) w.Family("hft_pipeline_risk_verdicts_total", "counter", "Risk verdicts by verdict");
        foreach (var (verdict, count) in p.RiskVerdicts) w.Sample("hft_pipeline_risk_verdicts_total", count, ("verdict", verdict));
    }

    // Read on the scraper's thread while the strategy thread scores: each figure is one aligned read (as the snapshot's).
    private static void WriteAccuracy(PrometheusWriter w, IReadOnlyList<HorizonStats> horizons)
    {
        if (horizons.Count == 0) return;
        w.Family("hft_model_online_accuracy", "gauge", "Live model accuracy on realised directions per horizon (0 before any)");
        foreach (var h in horizons) w.Sample("hft_model_online_accuracy", h.Accuracy, ("horizon", Seconds(h.HorizonNs / 1e9)));
        w.Family("hft_model_online_scored_total", "counter", "Live predictions scored against realised directions per horizon");
        foreach (var h in horizons) w.Sample("hft_model_online_scored_total", h.Labelled, ("horizon", Seconds(h.HorizonNs / 1e9)));
        w.Family("hft_model_loss_drift_alarms_total", "counter", "Lasting rises of the live model's log-loss per horizon (Page-Hinkley on blocks of decision time)");
        foreach (var h in horizons) w.Sample("hft_model_loss_drift_alarms_total", h.Drift.Alarms, ("horizon", Seconds(h.HorizonNs / 1e9)));
    }

    // Every column's PSI at the last evaluation (one gauge per feature: ~50 series), read as the accuracy is.
    private static void WriteFeatureDrift(PrometheusWriter w, FeatureDriftMonitor d)
    {
        w.Family("hft_feature_psi", "gauge", "Population stability index of each model input over the sliding window against the training reference");
        for (int c = 0; c < d.FeatureCount; c++) w.Sample("hft_feature_psi", d.Psi(c), ("feature", d.Columns[c]));
        w.Counter("hft_feature_drift_alarms_total", "Model inputs whose PSI rose past the alarm level (significantly for the window's size)", d.Alarms);
        if (d.Columns.Count > d.FeatureCount)
        {
            w.Family("hft_prediction_psi", "gauge", "Population stability index of each predicted class probability against the training reference");
            for (int c = d.FeatureCount; c < d.Columns.Count; c++) w.Sample("hft_prediction_psi", d.Psi(c), ("class", d.Columns[c][2..]));
        }
        w.Counter("hft_prediction_drift_alarms_total", "Shifts of the model's output distribution past the alarm level", d.PredictionAlarms);
    }

    private void WriteModels(PrometheusWriter w)
    {
        var now = DateTimeOffset.UtcNow;
        var loaded = new List<(string Role, MonitoredModel Model, (string, string)[] Labels)>();
        foreach (var (role, get) in _models)
            if (get() is { } m) loaded.Add((role, m, [("role", role), ("model", m.Session.Metadata.Name), ("version", m.Session.Metadata.Version)]));
        if (loaded.Count == 0) return;

        w.Family("hft_model_info", "gauge", "Model serving in a role (value 1)");
        foreach (var (role, m, _) in loaded)
            w.Sample("hft_model_info", 1, ("role", role), ("model", m.Session.Metadata.Name), ("version", m.Session.Metadata.Version),
                ("sha256", m.Sha256.Length > 12 ? m.Sha256[..12] : m.Sha256), ("provider", m.Session.ExecutionProvider.ToString()));
        Each(w, loaded, "hft_model_age_seconds", "gauge", "Seconds since the model was loaded", m => (now - m.LoadedUtc).TotalSeconds);
        Each(w, loaded, "hft_model_generation", "gauge", "Swap generation at which the model went live", m => m.Generation);
        Each(w, loaded, "hft_model_runs_total", "counter", "Successful model runs (batches)", m => m.Session.Monitor.Runs);
        Each(w, loaded, "hft_model_predictions_total", "counter", "Rows predicted", m => m.Session.Monitor.Predictions);
        Each(w, loaded, "hft_model_nonfinite_outputs_total", "counter", "Runs with NaN or infinite outputs", m => m.Session.Monitor.NonFiniteOutputs);
        Each(w, loaded, "hft_model_runtime_errors_total", "counter", "Runs ONNX Runtime failed", m => m.Session.Monitor.RuntimeErrors);
        Each(w, loaded, "hft_model_invalid_calls_total", "counter", "Calls refused for a bad batch size or short spans", m => m.Session.Monitor.InvalidCalls);

        WriteEnsembleMembers(w, loaded);

        foreach (var (_, m, labels) in loaded)
        {
            var monitor = m.Session.Monitor;
            w.Histogram("hft_model_batch_size", "Rows per model run", m.Session.MaxBatch, monitor.RunsWithBatch, BatchBounds(m.Session.MaxBatch), labels);
        }

        foreach (var (_, m, labels) in loaded)
        {
            if (!_latency.TryGetValue(m.Session, out var h))
                _latency[m.Session] = h = new LongHistogram(1, InferenceMonitor.MaxTrackableNanos, 3);
            h.Add(m.Session.Monitor.TakeLatencyInterval());
            w.Histogram("hft_model_inference_latency_seconds", "Model run latency (one batch)", h, LatencyBounds, labels);
        }
    }

    // An ensemble with a sequence member: the rows it answered with the member, and without it (warming, failed).
    // The inference thread writes the counters; each is one aligned 64-bit read here.
    private static void WriteEnsembleMembers(PrometheusWriter w, List<(string Role, MonitoredModel Model, (string, string)[] Labels)> loaded)
    {
        bool declared = false;
        foreach (var (_, m, labels) in loaded)
        {
            if (m.Session.SequenceRows is not SequenceMemberServer member) continue;
            if (!declared)
            {
                w.Family("hft_model_ensemble_member_rows_total", "counter",
                    "Rows an ensemble with a sequence member answered, by the member's part: with it, without it while it warmed, without it after it failed");
                declared = true;
            }
            w.Sample("hft_model_ensemble_member_rows_total", member.MemberRows, [.. labels, ("outcome", "member")]);
            w.Sample("hft_model_ensemble_member_rows_total", member.MemberWarmingRows, [.. labels, ("outcome", "warming")]);
            w.Sample("hft_model_ensemble_member_rows_total", member.MemberFailedRows, [.. labels, ("outcome", "failed")]);
        }
    }

    private void WriteLifecycle(PrometheusWriter w)
    {
        if (_lifecycle is { } c)
        {
            w.Counter("hft_model_swaps_total", "Models swapped in (drops, promotions, rollbacks, manifest changes)", c.Swaps);
            w.Counter("hft_model_rollbacks_total", "Rollbacks", c.Rollbacks);
            w.Counter("hft_model_promotions_total", "Shadow candidates promoted", c.Promotions);
            w.Family("hft_model_rejections_total", "counter", "Model files refused by reason");
            foreach (var reason in Enum.GetValues<ModelRejection>())
                if (reason != ModelRejection.None)
                    w.Sample("hft_model_rejections_total", c.RejectionsFor(reason), ("reason", reason.ToString()));
        }
        else if (_host is { } host)
        {
            w.Counter("hft_model_swaps_total", "Models swapped in", host.Swaps);
        }
    }

    private static void WriteShadow(PrometheusWriter w, in ShadowStats s)
    {
        w.Counter("hft_shadow_observed_total", "Decisions both the live model and the candidate scored", s.Observed);
        w.Counter("hft_shadow_resolved_total", "Shadow decisions whose outcome arrived", s.Resolved);
        w.Gauge("hft_shadow_agreement_ratio", "Share of decisions where both models picked the same class", s.AgreementRate);
        w.Family("hft_shadow_accuracy", "gauge", "Accuracy on resolved shadow decisions");
        w.Sample("hft_shadow_accuracy", s.LiveAccuracy, ("model", "live"));
        w.Sample("hft_shadow_accuracy", s.CandidateAccuracy, ("model", "candidate"));
        w.Family("hft_shadow_log_loss", "gauge", "Mean log-loss on resolved shadow decisions");
        w.Sample("hft_shadow_log_loss", s.LiveMeanLogLoss, ("model", "live"));
        w.Sample("hft_shadow_log_loss", s.CandidateMeanLogLoss, ("model", "candidate"));
    }

    private static void Each(PrometheusWriter w, List<(string Role, MonitoredModel Model, (string, string)[] Labels)> models, string name, string type, string help,
        Func<MonitoredModel, double> value)
    {
        w.Family(name, type, help);
        foreach (var (_, m, labels) in models) w.Sample(name, value(m), labels);
    }

    // Buckets at the powers of two below the model's maximum batch, and the maximum itself.
    private static double[] BatchBounds(int max)
    {
        var bounds = new List<double>();
        for (int b = 1; b < max; b *= 2) bounds.Add(b);
        bounds.Add(max);
        return [.. bounds];
    }

    private static string Seconds(double s) => s.ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
