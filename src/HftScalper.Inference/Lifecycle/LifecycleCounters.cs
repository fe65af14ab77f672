namespace HftScalper.Inference.Lifecycle;

/// <summary>Model lifecycle counts for the metrics endpoint; any thread may read, the lifecycle writes.</summary>
public sealed class LifecycleCounters
{
    private readonly long[] _rejections = new long[Enum.GetValues<ModelRejection>().Length];
    private long _swaps, _rollbacks, _promotions, _candidates, _manifestErrors, _registryErrors, _probationRollbacks, _probationsPassed;

    /// <summary>Models swapped in (drops, promotions, rollbacks, manifest changes).</summary>
    public long Swaps => Volatile.Read(ref _swaps);

    /// <summary>Rollbacks done.</summary>
    public long Rollbacks => Volatile.Read(ref _rollbacks);

    /// <summary>Promotions rolled back automatically because the replaced model did significantly better in probation.</summary>
    public long ProbationRollbacks => Volatile.Read(ref _probationRollbacks);

    /// <summary>Promotions that served their probation without a rollback.</summary>
    public long ProbationsPassed => Volatile.Read(ref _probationsPassed);

    /// <summary>Shadow candidates promoted to live.</summary>
    public long Promotions => Volatile.Read(ref _promotions);

    /// <summary>Shadow candidates loaded.</summary>
    public long CandidatesLoaded => Volatile.Read(ref _candidates);

    /// <summary>Manifest reads that failed (corrupt JSON, unknown format); the live model kept serving.</summary>
    public long ManifestErrors => Volatile.Read(ref _manifestErrors);

    /// <summary>Manifest or archive writes that failed (the swap itself still happened).</summary>
    public long RegistryErrors => Volatile.Read(ref _registryErrors);

    /// <summary>Model files refused, all reasons.</summary>
    public long Rejections
    {
        get
        {
            long n = 0;
            for (int i = 0; i < _rejections.Length; i++) n += Volatile.Read(ref _rejections[i]);
            return n;
        }
    }

    /// <summary>Model files refused for <paramref name="reason"/>.</summary>
    public long RejectionsFor(ModelRejection reason) => (uint)reason < (uint)_rejections.Length ? Volatile.Read(ref _rejections[(int)reason]) : 0;

    internal void Swap() => Interlocked.Increment(ref _swaps);

    internal void Rollback() => Interlocked.Increment(ref _rollbacks);

    internal void ProbationRollback() => Interlocked.Increment(ref _probationRollbacks);

    internal void ProbationPassed() => Interlocked.Increment(ref _probationsPassed);

    internal void Promotion() => Interlocked.Increment(ref _promotions);

    internal void Candidate() => Interlocked.Increment(ref _candidates);

    internal void ManifestError() => Interlocked.Increment(ref _manifestErrors);

    internal void RegistryError() => Interlocked.Increment(ref _registryErrors);

    internal void Rejected(ModelRejection reason) => Interlocked.Increment(ref _rejections[(int)reason]);
}
