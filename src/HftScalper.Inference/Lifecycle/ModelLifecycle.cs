using HftScalper.Features.Schema;
using HftScalper.Inference.Serving;
using Microsoft.Extensions.Logging;

namespace HftScalper.Inference.Lifecycle;

/// <summary>
/// Runs the model lifecycle off the hot path: start-up load of the promoted model, file drops (validate, warm,
/// swap or shadow), manifest changes made by <c>hft models</c> in another process, rollback, promotion of the
/// shadow candidate, and health checks. Every operation is serialised by one lock; the hot path only touches
/// <see cref="Host"/> (and <see cref="Shadow"/>). A refused file is logged with its reason and counted, and the
/// model that was serving keeps serving.
/// </summary>
public sealed class ModelLifecycle : IDisposable
{
    private readonly object _gate = new();
    private readonly ILogger _logger;
    private readonly CanaryRows? _canary;
    private readonly ModelLifecycleOptions _options;
    private bool _probation; // the shadow holds the model a promotion replaced, scored against its successor

    /// <summary>Creates the lifecycle; <paramref name="canary"/> supplies recent real rows for validation (null = zero row).</summary>
    public ModelLifecycle(FeatureSchema schema, ModelLifecycleOptions options, ILogger logger, CanaryRows? canary = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (canary is not null && canary.Width != schema.Count)
            throw new ArgumentException($"canary rows are {canary.Width} wide, the schema has {schema.Count} features", nameof(canary));
        _options = options;
        _logger = logger;
        _canary = canary;
        Registry = new ModelRegistry(options.Directory, options.HistoryDepth);
        Validator = new ModelValidator(schema, options.Serving, options.Validation, logger);
        Host = new ModelHost(logger);
        Shadow = new ShadowScorer(logger, pendingCapacity: options.ShadowPendingCapacity, blockNs: options.ShadowBlockNs);
    }

    /// <summary>The live model (the hot path acquires leases here).</summary>
    public ModelHost Host { get; }

    /// <summary>The shadow candidate and its scores.</summary>
    public ShadowScorer Shadow { get; }

    /// <summary>The models folder and its manifest.</summary>
    public ModelRegistry Registry { get; }

    /// <summary>The checks a model must pass.</summary>
    public ModelValidator Validator { get; }

    /// <summary>Swaps, rejections by reason, rollbacks, registry errors.</summary>
    public LifecycleCounters Counters { get; } = new();

    /// <summary>True while the model the last promotion replaced is scored in shadow against its successor. Read
    /// without the lock (set under it): the adaptation loop asks on the pipeline's thread while its worker may hold the
    /// lock for a validation that loads a model.</summary>
    public bool InProbation => Volatile.Read(ref _probation);

    /// <summary>What a drop does.</summary>
    public DropAction OnDrop => _options.OnDrop;

    /// <summary>Raised (on the lifecycle's thread) after a new model went live and the manifest was updated.</summary>
    public event Action<ServedModel>? Swapped;

    /// <summary>Raised (on the lifecycle's thread) after a model file was refused.</summary>
    public event Action<ModelValidationReport>? Rejected;

    /// <summary>
    /// Loads what the manifest says should serve (and the candidate), as at start-up. Returns false when nothing
    /// could be loaded (no promoted model, or it failed validation: the signals then use the fallback).
    /// </summary>
    public bool LoadPromoted() => SyncWithManifest();

    /// <summary>
    /// Handles a new or changed model file: ignored when it is the model already live or shadowed; otherwise
    /// validated and, per <see cref="OnDrop"/>, swapped in (and recorded as promoted) or made the candidate.
    /// Returns the validation report, or null when the file was ignored.
    /// </summary>
    public ModelValidationReport? OnModelFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        lock (_gate)
        {
            if (!File.Exists(path)) return null;
            string sha;
            try { sha = ModelRegistry.Sha256Of(path); }
            catch (IOException e)
            {
                _logger.LogWarning("Model file {Path} could not be read yet ({Reason}); will retry on its next change", path, e.Message);
                return null;
            }
            if (sha == Host.Current?.Sha256 || sha == Shadow.Candidate.Current?.Sha256) return null;
            var report = Validate(path, out var session);
            if (session is null) return report;
            var served = new ServedModel(session, path, sha);
            if (_options.OnDrop == DropAction.Shadow)
            {
                Shadow.SetCandidate(served); // replaces the model in probation, if any, before the flag drops
                EndProbation(null);
                Counters.Candidate();
                Record(() => Registry.SetCandidate(path, sha, report.Metadata!));
                _logger.LogInformation("Model {Model} v{Version} ({Sha}) from {Path} is now the shadow candidate", report.Metadata!.Name, report.Metadata.Version, ModelHost.Short(sha), path);
            }
            else
            {
                GoLive(served, "drop");
                Record(() => Registry.Promote(path, sha, report.Metadata!, "drop"));
                Swapped?.Invoke(served);
            }
            return report;
        }
    }

    /// <summary>Re-reads the manifest (another process may have promoted or rolled back) and serves what it names.</summary>
    public bool SyncWithManifest()
    {
        lock (_gate)
        {
            ModelManifest manifest;
            try { manifest = Registry.Read(); }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                Counters.ManifestError();
                _logger.LogError("Model manifest unreadable, the current model keeps serving: {Reason}", e.Message);
                return Host.Current is not null;
            }
            var live = Registry.Live(manifest);
            if (live is not null && live.Sha256 != Host.Current?.Sha256 && LoadEntry(live, candidate: false)) Swapped?.Invoke(Host.Current!);
            var cand = manifest.Candidate;
            // A probation model is not in the manifest (it is the previous live one), so an empty candidate keeps it.
            if (cand is null && Shadow.Candidate.Current is not null && !_probation) Shadow.SetCandidate(null);
            else if (cand is not null && cand.Sha256 != Shadow.Candidate.Current?.Sha256)
            {
                EndProbation(null);
                LoadEntry(cand, candidate: true);
            }
            return Host.Current is not null;
        }
    }

    /// <summary>Restores the previous model (validated first). Returns false, with the reason, when it cannot.</summary>
    public bool Rollback(out string message)
    {
        lock (_gate)
        {
            var previous = Registry.Previous();
            if (previous is null) { message = "no previous model to roll back to"; return false; }
            if (!LoadEntry(previous, candidate: false, note: "rollback")) { message = $"previous model {previous.File} failed validation; nothing changed"; return false; }
            Record(() => Registry.Rollback());
            Counters.Rollback();
            Swapped?.Invoke(Host.Current!);
            message = $"rolled back to {previous.Name} v{previous.Version} ({ModelHost.Short(previous.Sha256)})";
            return true;
        }
    }

    /// <summary>Makes the shadow candidate live (reloaded and validated). Returns false, with the reason, when it cannot.</summary>
    public bool PromoteCandidate(out string message)
    {
        lock (_gate)
        {
            var cand = Shadow.Candidate.Current;
            if (cand is null) { message = "no shadow candidate"; return false; }
            var report = Validate(cand.SourcePath, out var session);
            if (session is null) { message = report.Message; return false; }
            var served = new ServedModel(session, cand.SourcePath, report.Sha256);
            var replaced = Host.Current;
            GoLive(served, "promote");
            Record(() => Registry.Promote(cand.SourcePath, report.Sha256, report.Metadata!, "promote"));
            Shadow.SetCandidate(null);
            _probation = false;
            Counters.Promotion();
            Swapped?.Invoke(served);
            message = $"promoted {report.Metadata!.Name} v{report.Metadata.Version} ({ModelHost.Short(report.Sha256)})";
            if (replaced is not null) StartProbation(replaced);
            return true;
        }
    }

    /// <summary>Stops serving any model (the signals fall back to the rule-based signal); the manifest is unchanged.</summary>
    public void Unload(string reason)
    {
        lock (_gate)
        {
            if (Host.Current is null) return;
            Host.Swap(null);
            Counters.Swap();
            _logger.LogWarning("Model unloaded ({Reason}); signals use the fallback until a model is loaded", reason);
        }
    }

    /// <summary>
    /// Re-judges the live model's health from its monitor and, with <see cref="ModelLifecycleOptions.AutoPromote"/>,
    /// promotes a candidate that meets the rule. Call periodically off the hot path (the watcher does, per poll).
    /// </summary>
    public void CheckHealth()
    {
        var live = Host.Current;
        if (live is not null)
        {
            bool was = live.IsDegraded;
            bool now = live.UpdateHealth(_options.DegradedBadFraction, _options.DegradedMinRuns);
            if (now != was)
                _logger.Log(now ? LogLevel.Error : LogLevel.Information, "Model {Model} v{Version} is {State} (failed or non-finite runs {Bad}, runs {Runs})",
                    live.Metadata.Name, live.Metadata.Version, now ? "DEGRADED" : "healthy again", live.Session.Monitor.NonFiniteOutputs + live.Session.Monitor.RuntimeErrors, live.Session.Monitor.Runs);
        }
        var rule = _options.AutoPromote;
        if (rule is null || Shadow.Candidate.Current is null) return;
        var s = Shadow.Stats;
        if (InProbation)
        {
            if (rule.RecommendsRollback(s)) RollBackProbation(s);
            else if (s.Resolved >= _options.ProbationResolved) EndProbation($"passed probation: {Describe(s)}");
        }
        else if (rule.Recommends(s) && PromoteCandidate(out var msg))
            _logger.LogInformation("Shadow candidate promoted by rule ({Figures}): {Message}", Describe(s), msg);
    }

    // Scores the model a promotion replaced beside its successor, so a promotion that turns out worse is undone.
    private void StartProbation(ServedModel replaced)
    {
        if (_options.AutoPromote is null || _options.ProbationResolved <= 0) return;
        var report = Validate(replaced.SourcePath, out var session);
        if (session is null || report.Sha256 != replaced.Sha256)
        {
            session?.Dispose();
            _logger.LogWarning("No probation for the promotion: the replaced model {Path} could not be reloaded", replaced.SourcePath);
            return;
        }
        // The flag first: a reader that finds the replaced model in the shadow slot also finds the probation (A/B
        // serving must never send decisions to it).
        _probation = true;
        Shadow.SetCandidate(new ServedModel(session, replaced.SourcePath, replaced.Sha256));
        _logger.LogInformation("Probation: the replaced model {Model} v{Version} is scored in shadow for {N} outcomes; a significantly better result rolls the promotion back",
            replaced.Metadata.Name, replaced.Metadata.Version, _options.ProbationResolved);
    }

    private void RollBackProbation(in ShadowStats s)
    {
        string figures = Describe(s);
        lock (_gate)
        {
            if (!_probation) return;
            Shadow.SetCandidate(null); // the slot emptied before the flag drops (see StartProbation)
            _probation = false;
        }
        if (Rollback(out var msg))
        {
            Counters.ProbationRollback();
            _logger.LogWarning("Promotion rolled back automatically: the replaced model did significantly better in probation ({Figures}): {Message}", figures, msg);
        }
        else _logger.LogError("Probation found the replaced model significantly better ({Figures}) but the rollback failed: {Message}", figures, msg);
    }

    private void EndProbation(string? why)
    {
        lock (_gate)
        {
            if (!_probation) return;
            if (why is null) // a new candidate has taken the shadow slot
            {
                _probation = false;
                return;
            }
            Shadow.SetCandidate(null); // the slot emptied before the flag drops (see StartProbation)
            _probation = false;
            Counters.ProbationPassed();
        }
        _logger.LogInformation("Promotion kept, {Why}", why);
    }

    private static string Describe(in ShadowStats s) => FormattableString.Invariant(
        $"accuracy {s.CandidateAccuracy:P2} shadow vs {s.LiveAccuracy:P2} live over {s.Resolved} outcomes, p(better) accuracy {s.AccuracyTest.PValueBetter:G3} log-loss {s.LogLossTest.PValueBetter:G3} over {s.AccuracyTest.Blocks} blocks");

    /// <summary>Disposes the live and shadow models (waiting for in-flight batches).</summary>
    public void Dispose()
    {
        Shadow.Dispose();
        Host.Dispose();
    }

    private bool LoadEntry(ModelManifestEntry entry, bool candidate, string note = "manifest")
    {
        var path = Registry.PathOf(entry);
        var report = Validate(path, out var session);
        if (session is null) return false;
        if (report.Sha256 != entry.Sha256)
        {
            session.Dispose();
            Reject(report with { Rejection = ModelRejection.Unreadable, Message = $"model '{path}' changed since the manifest recorded it (sha {ModelHost.Short(report.Sha256)}, manifest {ModelHost.Short(entry.Sha256)})" });
            return false;
        }
        var served = new ServedModel(session, path, entry.Sha256);
        if (candidate)
        {
            Shadow.SetCandidate(served);
            Counters.Candidate();
        }
        else GoLive(served, note);
        return true;
    }

    private ModelValidationReport Validate(string path, out ModelSession? session)
    {
        float[] rows = _canary?.Snapshot(out _) ?? [];
        var report = Validator.Validate(path, rows, out session);
        if (!report.Passed) Reject(report);
        return report;
    }

    private void Reject(ModelValidationReport report)
    {
        Counters.Rejected(report.Rejection);
        var live = Host.Current;
        _logger.LogError("Model refused ({Reason}): {Message}. {Serving}", report.Rejection, report.Message,
            live is null ? "No model is serving (fallback signal)." : $"{live.Metadata.Name} v{live.Metadata.Version} keeps serving.");
        Rejected?.Invoke(report);
    }

    private void GoLive(ServedModel served, string how)
    {
        var previous = Host.Swap(served);
        Counters.Swap();
        _logger.LogInformation("Model {Model} v{Version} ({Sha}) now serving ({How}) from {Path}; replaced {Previous}",
            served.Metadata.Name, served.Metadata.Version, ModelHost.Short(served.Sha256), how, served.SourcePath,
            previous is null ? "nothing" : $"{previous.Metadata.Name} v{previous.Metadata.Version}");
    }

    private void Record(Action write)
    {
        try { write(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            Counters.RegistryError();
            _logger.LogError("Model registry not updated ({Reason}); the swap itself happened", e.Message);
        }
    }
}
