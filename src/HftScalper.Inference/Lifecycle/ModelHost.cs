using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace HftScalper.Inference.Lifecycle;

/// <summary>
/// Holds the live <see cref="ServedModel"/> behind an atomic reference. The hot path brackets each batch with
/// <see cref="Acquire"/> / <see cref="ModelLease.Dispose"/> (two interlocked operations, no lock, no allocation);
/// <see cref="Swap"/> (off the hot path) publishes a new model between two batches and retires the old one, which is
/// disposed only when its in-flight count is zero — a batch that started on the old session finishes on it.
/// <para>Why acquire re-checks: a reader may load the old reference, get pre-empted while the swap happens, and then
/// increment the old model's count. Re-reading the reference after the increment detects this; the reader backs
/// out and retries on the new model, so the retiring thread never disposes a session that a batch has entered.</para>
/// </summary>
public sealed class ModelHost : IDisposable
{
    private readonly List<ServedModel> _retired = [];
    private readonly ILogger _logger;
    private ServedModel? _current;
    private long _generation;
    private long _swaps;
    private bool _disposed;

    /// <summary>Creates an empty host (no model: <see cref="Acquire"/> returns empty leases).</summary>
    public ModelHost(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    /// <summary>The live model (null when none); for monitoring — batches must use <see cref="Acquire"/>.</summary>
    public ServedModel? Current => Volatile.Read(ref _current);

    /// <summary>Number of swaps (including clearing to no model).</summary>
    public long Swaps => Volatile.Read(ref _swaps);

    /// <summary>Swapped-out models still waiting for their batches to finish.</summary>
    public int RetiredPending { get { lock (_retired) return _retired.Count; } }

    /// <summary>Takes a hold on the live model for one batch. Lock-free and allocation-free.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ModelLease Acquire()
    {
        while (true)
        {
            var m = Volatile.Read(ref _current);
            if (m is null) return default;
            m.Enter();
            if (ReferenceEquals(m, Volatile.Read(ref _current))) return new ModelLease(m);
            m.Exit(); // swapped between the read and the increment: retry on the new one
        }
    }

    /// <summary>
    /// Makes <paramref name="next"/> (or no model, when null) live and retires the previous model; returns the
    /// previous one (already disposed when no batch held it). Waits up to <paramref name="drainTimeout"/> for the
    /// previous model's batches (default 1 s, polling every millisecond — never spinning); a model still in use
    /// after that stays retired and is disposed by a later <see cref="ReclaimRetired"/>.
    /// </summary>
    public ServedModel? Swap(ServedModel? next, TimeSpan? drainTimeout = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (next is not null) next.Generation = Interlocked.Increment(ref _generation);
        var previous = Interlocked.Exchange(ref _current, next);
        Interlocked.Increment(ref _swaps);
        if (previous is null || ReferenceEquals(previous, next)) return previous;
        lock (_retired) _retired.Add(previous);
        var deadline = DateTime.UtcNow + (drainTimeout ?? TimeSpan.FromSeconds(1));
        while (previous.InFlight != 0 && DateTime.UtcNow < deadline) Thread.Sleep(1);
        ReclaimRetired();
        return previous;
    }

    /// <summary>Disposes every retired model that no batch holds any more; returns how many are still pending.</summary>
    public int ReclaimRetired()
    {
        lock (_retired)
        {
            for (int i = _retired.Count - 1; i >= 0; i--)
            {
                if (!_retired[i].TryDispose()) continue;
                _logger.LogDebug("Model {Model} v{Version} ({Sha}) disposed after its last batch", _retired[i].Metadata.Name, _retired[i].Metadata.Version, Short(_retired[i].Sha256));
                _retired.RemoveAt(i);
            }
            return _retired.Count;
        }
    }

    /// <summary>Clears the live model and disposes everything not in use (waiting up to 1 s per model).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        Swap(null);
        _disposed = true;
        if (ReclaimRetired() > 0) _logger.LogWarning("Model host disposed while {Count} retired model(s) were still in use; they were not disposed", RetiredPending);
    }

    internal static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;
}
