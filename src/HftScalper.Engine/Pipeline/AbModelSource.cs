using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Online;
using HftScalper.Inference.Sequence;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// A/B serving of the adaptation loop's candidate (<c>--adapt-ab</c>): while a candidate is in the shadow (and no
/// promotion is in probation), a deterministic fraction of the rows is served by it instead of the live model. The
/// <see cref="AbRouter"/> hashes the row's symbol id (<see cref="AbSplit.Symbol"/>: a symbol stays in one arm) or the
/// row's (exchange time, symbol) pair (<see cref="AbSplit.Decision"/>), so a replay routes the same rows every run.
/// A batch is served in runs of consecutive rows of one arm, each model leased for the call (a swap never disposes a
/// session in use); no lock or allocation per row. Without a candidate, or when either model is a sequence model
/// (its per-symbol state needs every row), every row goes to the live model. One inference thread.
/// </summary>
public sealed class AbModelSource : IDecisionModelSource
{
    private readonly ModelHost _live, _candidate;
    private readonly HostedModelSource _liveOnly;
    private readonly AbRouter _router;
    private readonly Func<bool>? _candidateEligible;
    private long _liveRows, _candidateRows;
    // The arm each recent row of a symbol was served by (candidate rows only: a row not found was live), so the run's
    // PnL can be split by arm (AbArmPnl). A ring of the last RecentRows candidate row times per symbol id.
    private const int RecentRows = 64, RecentSymbols = 256;
    private readonly long[] _candidateTimes = new long[RecentRows * RecentSymbols];
    private readonly int[] _candidateNext = new int[RecentSymbols];

    /// <summary>
    /// Serves <paramref name="live"/>, and <paramref name="candidate"/>'s model (when one is loaded and
    /// <paramref name="candidateEligible"/> says yes) on the rows <paramref name="router"/> sends to the candidate.
    /// </summary>
    public AbModelSource(ModelHost live, ModelHost candidate, AbRouter router, Func<bool>? candidateEligible = null, int maxBatch = 32)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(router);
        _live = live;
        _candidate = candidate;
        _router = router;
        _candidateEligible = candidateEligible;
        _liveOnly = new HostedModelSource(live, maxBatch);
    }

    /// <summary>The lifecycle's live model, and its shadow candidate outside probation (during a probation the shadow
    /// holds the replaced model, which is not a candidate).</summary>
    public static AbModelSource ForLifecycle(ModelLifecycle lifecycle, AbRouter router, int maxBatch = 32)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        return new AbModelSource(lifecycle.Host, lifecycle.Shadow.Candidate, router, () => !lifecycle.InProbation, maxBatch);
    }

    /// <summary>The routing rule.</summary>
    public AbRouter Router => _router;

    /// <summary>Rows served by the live model (every row while there is no candidate).</summary>
    public long LiveRows => Volatile.Read(ref _liveRows);

    /// <summary>Rows served by the candidate.</summary>
    public long CandidateRows => Volatile.Read(ref _candidateRows);

    /// <inheritdoc />
    public bool HasModel => _liveOnly.HasModel;

    /// <inheritdoc />
    public int MaxBatch => _liveOnly.MaxBatch;

    /// <inheritdoc />
    /// <remarks>Without row keys there is nothing to route on: the live model serves.</remarks>
    public DecisionModelStatus Predict(ReadOnlySpan<float> rows, int batch, Span<float> scores, int rowWidth, int scoreWidth)
    {
        Volatile.Write(ref _liveRows, _liveRows + batch);
        return _liveOnly.Predict(rows, batch, scores, rowWidth, scoreWidth);
    }

    /// <inheritdoc />
    public DecisionModelStatus Predict(ReadOnlySpan<float> rows, ReadOnlySpan<SequenceRowKey> keys, int batch, Span<float> scores, int rowWidth, int scoreWidth, Span<bool> warming)
    {
        // Eligibility is read before and after the lease: the lifecycle raises its probation flag before the replaced
        // model enters the shadow slot and empties the slot before dropping the flag, so a model leased between two
        // "eligible" reads is a candidate, never a model in probation (live, the worker swaps them meanwhile).
        if (!Eligible()) return LiveOnly(rows, keys, batch, scores, rowWidth, scoreWidth, warming);
        using var candidateLease = _candidate.Acquire();
        var candidate = candidateLease.Model;
        if (candidate is null || SequenceModelRows.Serves(candidate.Session) || !Eligible())
            return LiveOnly(rows, keys, batch, scores, rowWidth, scoreWidth, warming);
        using var liveLease = _live.Acquire();
        var live = liveLease.Model;
        if (live is null || SequenceModelRows.Serves(live.Session)) return LiveOnly(rows, keys, batch, scores, rowWidth, scoreWidth, warming);
        warming[..batch].Clear();
        var status = DecisionModelStatus.Ok;
        for (int start = 0; start < batch;)
        {
            var arm = ArmOf(keys[start]);
            int end = start + 1;
            while (end < batch && ArmOf(keys[end]) == arm) end++;
            int n = end - start;
            var model = arm == AbArm.Candidate ? candidate : live;
            var s = HostedModelSource.Tabular(model, rows.Slice(start * rowWidth, n * rowWidth), keys.Slice(start, n), n, scores.Slice(start * scoreWidth, n * scoreWidth), rowWidth, scoreWidth);
            if (s != DecisionModelStatus.Ok) status = s;
            if (arm == AbArm.Candidate)
            {
                Volatile.Write(ref _candidateRows, _candidateRows + n);
                for (int i = start; i < end; i++) NoteCandidate(keys[i]);
            }
            else Volatile.Write(ref _liveRows, _liveRows + n);
            start = end;
        }
        return status;
    }

    /// <summary>The arm that served the row of <paramref name="symbolId"/> made at <paramref name="timeNs"/> (exchange
    /// time), among the symbol's last 64 candidate rows: <see cref="AbArm.Live"/> when not found. Read on the pipeline's
    /// thread after inference (inline: exact; threaded: the rows of one event apart).</summary>
    public AbArm ArmServed(int symbolId, long timeNs)
    {
        if ((uint)symbolId >= RecentSymbols) return AbArm.Live;
        var times = _candidateTimes.AsSpan(symbolId * RecentRows, RecentRows);
        for (int i = 0; i < RecentRows; i++)
            if (times[i] == timeNs && timeNs != 0) return AbArm.Candidate;
        return AbArm.Live;
    }

    private void NoteCandidate(in SequenceRowKey key)
    {
        if ((uint)key.SymbolId >= RecentSymbols) return;
        int next = _candidateNext[key.SymbolId];
        _candidateTimes[key.SymbolId * RecentRows + next] = key.TimeNs;
        _candidateNext[key.SymbolId] = (next + 1) % RecentRows;
    }

    private bool Eligible() => _candidateEligible is null || _candidateEligible();

    /// <summary>The arm of a row (the same for the same row in every run).</summary>
    public AbArm ArmOf(in SequenceRowKey key) => _router.Route(key.TimeNs ^ ((long)key.SymbolId << 48), key.SymbolId);

    private DecisionModelStatus LiveOnly(ReadOnlySpan<float> rows, ReadOnlySpan<SequenceRowKey> keys, int batch, Span<float> scores, int rowWidth, int scoreWidth, Span<bool> warming)
    {
        Volatile.Write(ref _liveRows, _liveRows + batch);
        return _liveOnly.Predict(rows, keys, batch, scores, rowWidth, scoreWidth, warming);
    }
}
