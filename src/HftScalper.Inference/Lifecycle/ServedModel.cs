using HftScalper.Inference.Serving;
using ModelMetadata = HftScalper.Inference.Metadata.ModelMetadata;

namespace HftScalper.Inference.Lifecycle;

/// <summary>
/// A loaded, validated session as a <see cref="ModelHost"/> serves it: the session, where it came from, how many
/// batches use it right now, and whether its monitor says it is degraded. Created by the lifecycle (off the hot
/// path); the host disposes it once it is swapped out and no batch uses it.
/// </summary>
public sealed class ServedModel
{
    private int _inFlight;
    private int _disposed;
    private volatile bool _degraded;
    private long _checkedRuns, _checkedBad;

    /// <summary>Wraps <paramref name="session"/>, which the served model now owns.</summary>
    public ServedModel(ModelSession session, string sourcePath, string sha256)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourcePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(sha256);
        Session = session;
        SourcePath = sourcePath;
        Sha256 = sha256;
        LoadedUtc = DateTimeOffset.UtcNow;
    }

    /// <summary>The session (valid while a lease on this model is held).</summary>
    public ModelSession Session { get; }

    /// <summary>What the model is.</summary>
    public ModelMetadata Metadata => Session.Metadata;

    /// <summary>The file it was loaded from.</summary>
    public string SourcePath { get; }

    /// <summary>Lower-case hex SHA-256 of the file's bytes (its identity in the registry).</summary>
    public string Sha256 { get; }

    /// <summary>When it was loaded (wall clock; for model age in metrics).</summary>
    public DateTimeOffset LoadedUtc { get; }

    /// <summary>Swap generation of the host when this model went live (0 = not yet served).</summary>
    public long Generation { get; internal set; }

    /// <summary>Batches currently using the session (leases not yet released).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>True once the session has been disposed (after swap-out and the last release).</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>
    /// True when the last <see cref="UpdateHealth"/> found too many failed or non-finite runs; the signal stage then
    /// routes to the fallback. A volatile read: cheap enough for every decision.
    /// </summary>
    public bool IsDegraded => _degraded;

    /// <summary>
    /// Re-evaluates <see cref="IsDegraded"/> from the runs since the previous call (off the hot path, e.g. on the
    /// watcher's poll tick): degraded when at least <paramref name="minRuns"/> runs happened and more than
    /// <paramref name="maxBadFraction"/> of them failed or produced NaN/infinity; healthy again after a clean window.
    /// </summary>
    public bool UpdateHealth(double maxBadFraction, long minRuns)
    {
        var m = Session.Monitor;
        long bad = m.NonFiniteOutputs + m.RuntimeErrors;
        long runs = m.Runs + m.RuntimeErrors;
        long dRuns = runs - _checkedRuns, dBad = bad - _checkedBad;
        if (dRuns >= minRuns && dRuns > 0)
        {
            _degraded = dBad > maxBadFraction * dRuns;
            _checkedRuns = runs;
            _checkedBad = bad;
        }
        return _degraded;
    }

    internal void Enter() => Interlocked.Increment(ref _inFlight);

    internal void Exit() => Interlocked.Decrement(ref _inFlight);

    internal bool TryDispose()
    {
        if (Volatile.Read(ref _inFlight) != 0) return false;
        if (Interlocked.Exchange(ref _disposed, 1) == 0) Session.Dispose();
        return true;
    }
}
