using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using HftScalper.Cli.Commands.Replay;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Pipeline;
using HftScalper.Engine.Shadow;
using HftScalper.Features.Engine;
using HftScalper.Inference.Lifecycle;
using HftScalper.Reporting;
using HftScalper.Reporting.Monitoring;
using HftScalper.Training.Adaptation;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands.Run;

/// <summary>
/// <c>hft run --adapt</c>: the adaptation loop of <c>hft replay --adapt</c> on a live feed. The live model is served
/// from a fresh models folder's lifecycle; the loop follows the decisions on the pipeline's thread (samples, outcomes,
/// the drift test) and hands everything slow to its one <c>hft-adapt</c> worker thread (lowest priority): the retrain,
/// the candidate's validation, the health check that promotes or rolls back. SIGUSR1 asks for a retrain. At the end
/// of the run the worker is stopped with a bound (<see cref="StopBound"/>): a retrain still running then is abandoned
/// (its thread does not hold the process) and the run exits as usual.
/// </summary>
internal sealed class RunAdapt : IDisposable
{
    /// <summary>How long the end of a run waits for a retrain in progress.</summary>
    public static readonly TimeSpan StopBound = TimeSpan.FromSeconds(20);

    private readonly ModelLifecycle _lifecycle;
    private readonly PosixSignalRegistration? _onUsr1;
    private bool? _stopped;

    private RunAdapt(ModelLifecycle lifecycle, AdaptationLoop? loop, SymbolAdaptation? perSymbol, CanaryRows canary, ShadowOptions? shadow, string name, IDecisionModelSource models)
    {
        _lifecycle = lifecycle;
        Loop = loop;
        PerSymbol = perSymbol;
        Canary = canary;
        Shadow = shadow;
        ModelName = name;
        Models = models;
        // Raw signal numbers: SIGUSR1 is 10 on Linux, 30 on macOS. Cancel: its default action would end the process.
        int? usr1 = OperatingSystem.IsLinux() ? 10 : OperatingSystem.IsMacOS() ? 30 : null;
        if (usr1 is { } signal)
            _onUsr1 = PosixSignalRegistration.Create((PosixSignal)signal, ctx =>
            {
                ctx.Cancel = true;
                foreach (var l in Loops) l.RequestRetrain();
            });
    }

    /// <summary>The pipeline's follower: the loop, or with <c>--adapt-per-symbol</c> the per-symbol loops.</summary>
    public IDecisionFollower Follower => (IDecisionFollower?)PerSymbol ?? Loop!;

    /// <summary>With <c>--adapt-per-symbol</c>: one lifecycle and loop per symbol (null otherwise).</summary>
    public SymbolAdaptation? PerSymbol { get; }

    // Every loop: the one, or each symbol's.
    private IEnumerable<AdaptationLoop> Loops => PerSymbol is { } p ? p.Symbols.Select(s => s.Loop) : [Loop!];

    /// <summary>The loop (null with <c>--adapt-per-symbol</c>).</summary>
    public AdaptationLoop? Loop { get; }

    /// <summary>The pipeline's model source: the lifecycle's live model (and with <c>--adapt-ab</c> the candidate on its share).</summary>
    public IDecisionModelSource Models { get; }

    /// <summary>Recent real rows candidates are validated on (filled by the feature stage).</summary>
    public CanaryRows Canary { get; }

    /// <summary>The shadow stage's options: the lifecycle's scorer, empty until the first candidate (null with
    /// <c>--adapt-per-symbol</c>: each symbol's loop scores its own shadow).</summary>
    public ShadowOptions? Shadow { get; }

    /// <summary>The starting model, as the log names it.</summary>
    public string ModelName { get; }

    /// <summary>Opens the loop on <paramref name="model"/> (null: the bundled one) with the engine's <paramref name="features"/>;
    /// with <c>--adapt-per-symbol</c> every symbol of <paramref name="registry"/> gets its lifecycle and loop now, before
    /// the feed starts (a model load is never on the pipeline's thread).</summary>
    public static RunAdapt Open(AdaptArgs args, string? model, FeatureEngineOptions? features, SymbolRegistry registry, ILoggerFactory logs)
    {
        string path = model ?? ModelPaths.FindDefault() ?? throw new FileNotFoundException("--adapt: no model given and no bundled models/default.onnx");
        var canary = new CanaryRows(FeatureEngine.DefaultSchema.Count);
        var lifecycle = AdaptSetup.Lifecycle(args, path, canary, logs, out string name);
        try
        {
            lifecycle.Validator.EngineFeatureProfile = Features.Regime.FeatureProfile.Of(features ?? FeatureEngineOptions.Default);
            if (args.PerSymbol > 0)
            {
                var (models, perSymbol) = AdaptPerSymbol.Open(args, lifecycle, registry, null, replay: false, canary, logs);
                foreach (var s in registry.All.Take(args.PerSymbol)) perSymbol.Adopt(s.Id);
                return new RunAdapt(lifecycle, null, perSymbol, canary, null, name, models);
            }
            var scoring = ReplayCommand.ScoreLikeTraining(new RunRecorderOptions(), lifecycle.Host.Current!.Session.Contract).Predictions;
            var loop = AdaptSetup.Loop(args, lifecycle, null, replay: false, logs);
            return new RunAdapt(lifecycle, loop, null, canary, ReplayShadow.ForLifecycle(lifecycle, scoring).Options, name, AdaptSetup.Models(args, lifecycle));
        }
        catch
        {
            lifecycle.Dispose();
            throw;
        }
    }

    /// <summary>The lifecycle's models and the loops' counters (summed over symbols) on <c>/metrics</c>.</summary>
    public void AddMetrics(PipelineMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        long Sum(Func<AdaptationLoop, long> f) => Loops.Sum(f);
        metrics.AddLifecycle(_lifecycle)
            .AddCounter("hft_adapt_requests_total", "Retrains asked for (SIGUSR1)", () => Sum(l => l.RetrainRequests))
            .AddCounter("hft_adapt_retrains_total", "Retrains started on the hft-adapt worker", () => Sum(l => l.Retrains))
            .AddCounter("hft_adapt_retrains_skipped_total", "Retrains not started (one in flight, a probation, too few samples)", () => Sum(l => l.RetrainsSkipped))
            .AddCounter("hft_adapt_candidates_total", "Retrained candidates that entered the shadow", () => Sum(l => l.Candidates))
            .AddCounter("hft_adapt_train_failures_total", "Retrains that gave no usable candidate", () => Sum(l => l.TrainFailures))
            .AddCounter("hft_adapt_promotions_total", "Candidates promoted by the paired-test rule", () => Sum(l => l.Promotions))
            .AddCounter("hft_adapt_rollbacks_total", "Promotions rolled back after a failed probation", () => Sum(l => l.Rollbacks))
            .AddCounter("hft_adapt_drift_alarms_total", "Loss-drift alarms on the live model", () => Sum(l => l.DriftAlarms))
            .AddCounter("hft_adapt_worker_errors_total", "Jobs of the hft-adapt worker that threw", () => PerSymbol?.Worker.Errors ?? Loop!.WorkerErrors);
    }

    /// <summary>End of the run: no new work, and up to <see cref="StopBound"/> for a retrain in progress.</summary>
    public void Stop(ILogger log)
    {
        if (_stopped is not null) return;
        _stopped = PerSymbol?.Shutdown(StopBound) ?? Loop!.Shutdown(StopBound);
        if (_stopped == false)
            log.LogWarning("Adaptation: a retrain was still running {Bound} s after the end of the run; abandoned (its candidate is not used)", StopBound.TotalSeconds);
    }

    /// <summary>Adds <c>adaptation</c> and <c>adaptationCost</c> (with <c>workerStopped</c>) to the run's JSON.</summary>
    public void AddJson(JsonObject o)
    {
        ArgumentNullException.ThrowIfNull(o);
        o["adaptation"] = PerSymbol is { } p ? AdaptPerSymbol.Json(p, _lifecycle) : AdaptSetup.Json(Loop!, _lifecycle, Models);
        var cost = PerSymbol is { } q ? AdaptPerSymbol.Cost(q, _lifecycle) : AdaptSetup.Cost(Loop!, _lifecycle);
        cost["retrainRequests"] = Loops.Sum(l => l.RetrainRequests);
        cost["workerStopped"] = _stopped;
        o["adaptationCost"] = cost;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _onUsr1?.Dispose();
        Loop?.Dispose();
        PerSymbol?.Dispose();
        _lifecycle.Dispose();
    }
}
