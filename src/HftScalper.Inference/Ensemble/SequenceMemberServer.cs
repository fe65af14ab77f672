using HftScalper.Inference.Sequence;
using HftScalper.Inference.Serving;

namespace HftScalper.Inference.Ensemble;

/// <summary>
/// Serves an ensemble graph that has sequence members (<see cref="SequenceMemberSlot"/>): each batch is first served
/// by each member's own sequence server with the rows' keys (an LSTM one step per row, a transformer from its
/// per-symbol window), then the ensemble graph runs on the features with the members' scores and readiness. A member
/// row that is warming (window filling after a start, gap, resync or swap) or that failed is fed as not ready, and the
/// graph serves the combination without that member for it (the stack alone when no member is ready): the ensemble
/// itself never warms.
/// <code>
///   rows + keys --> member m .SequenceRows.Serve --> member_scores[:, 3m..3m+3], member_ready[:, m] (0 while warming)
///   rows -------------------------------------------> ensemble graph (features, member_scores, member_ready) --> scores
/// </code>
/// Allocation-free per call (buffers sized for the ensemble's batch at load); not thread-safe (the inference thread).
/// </summary>
public sealed class SequenceMemberServer : ISequenceRowServer
{
    private const int C = SequenceMemberSlot.Classes;
    private readonly ModelSession _ensemble;
    private readonly ISequenceRowServer[] _members;
    private readonly float[][] _memberScores;
    private readonly bool[][] _memberWarming;
    private readonly byte[] _state;
    private readonly float[] _scores;

    /// <summary>Serves <paramref name="ensemble"/> (a graph with member inputs) with <paramref name="member"/>'s sequence server.</summary>
    public SequenceMemberServer(ModelSession ensemble, ModelSession member) : this(ensemble, [member]) { }

    /// <summary>Serves <paramref name="ensemble"/> with its <paramref name="members"/>' sequence servers, in the graph's order.</summary>
    public SequenceMemberServer(ModelSession ensemble, IReadOnlyList<ModelSession> members)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentNullException.ThrowIfNull(members);
        if (!ensemble.HasMemberInputs) throw new ArgumentException("the ensemble graph has no member inputs", nameof(ensemble));
        if (members.Count != ensemble.MemberCount) throw new ArgumentException($"the graph reads {ensemble.MemberCount} members, {members.Count} given", nameof(members));
        _members = new ISequenceRowServer[members.Count];
        for (int m = 0; m < members.Count; m++)
        {
            var server = members[m]?.SequenceRows ?? throw new ArgumentException($"member {m} has no sequence server", nameof(members));
            if (server.Inputs != ensemble.RowLength) throw new ArgumentException($"member {m} reads {server.Inputs} features, the ensemble {ensemble.RowLength}", nameof(members));
            if (server.OutputWidth != C) throw new ArgumentException($"member {m} must serve P(down, flat, up)", nameof(members));
            _members[m] = server;
        }
        if (ensemble.OutputWidth != C) throw new ArgumentException("the ensemble must serve P(down, flat, up)", nameof(ensemble));
        _ensemble = ensemble;
        _memberScores = [.. Enumerable.Range(0, members.Count).Select(_ => new float[ensemble.MaxBatch * C])];
        _memberWarming = [.. Enumerable.Range(0, members.Count).Select(_ => new bool[ensemble.MaxBatch])];
        _state = new byte[ensemble.MaxBatch];
        _scores = new float[ensemble.MaxBatch * C];
    }

    /// <summary>Sequence members, in the graph's order.</summary>
    public int Members => _members.Length;

    /// <inheritdoc />
    public int Inputs => _ensemble.RowLength;

    /// <inheritdoc />
    public int OutputWidth => C;

    /// <inheritdoc />
    /// <remarks>Always 0: while a member warms, the others answer.</remarks>
    public long WarmingRows => 0;

    /// <summary>Rows every member contributed to (each answered with finite scores).</summary>
    public long MemberRows { get; private set; }

    /// <summary>Rows served without some member because it was warming (none failed).</summary>
    public long MemberWarmingRows { get; private set; }

    /// <summary>Rows served without some member because it failed or answered non-finite scores (counted, never fatal).</summary>
    public long MemberFailedRows { get; private set; }

    /// <inheritdoc />
    public bool Serve(ReadOnlySpan<float> rows, ReadOnlySpan<SequenceRowKey> keys, int batch, int rowWidth, Span<float> scores, int scoreWidth, Span<bool> warming)
    {
        if (batch <= 0 || rowWidth < Inputs || scoreWidth < C || keys.Length < batch || warming.Length < batch
            || rows.Length < batch * rowWidth || scores.Length < (batch - 1) * scoreWidth + C) return false;
        bool ok = true;
        for (int done = 0, max = _ensemble.MaxBatch; done < batch; done += max)
        {
            int n = Math.Min(max, batch - done);
            ok &= ServeChunk(rows.Slice(done * rowWidth, n * rowWidth), keys.Slice(done, n), n, rowWidth, scores[(done * scoreWidth)..], scoreWidth);
        }
        warming[..batch].Clear();
        return ok;
    }

    /// <inheritdoc />
    public void ResetAll()
    {
        foreach (var m in _members) m.ResetAll();
    }

    private bool ServeChunk(ReadOnlySpan<float> rows, ReadOnlySpan<SequenceRowKey> keys, int n, int rowWidth, Span<float> scores, int scoreWidth)
    {
        int members = _members.Length, width = members * C;
        var inScores = _ensemble.MemberScores(0, n);
        var inReady = _ensemble.MemberReady(0, n);
        // Per row: 0 = every member answered, 1 = some warmed, 2 = some failed.
        var state = _state.AsSpan(0, n);
        state.Clear();
        for (int m = 0; m < members; m++)
        {
            var memberWarming = _memberWarming[m].AsSpan(0, n);
            var memberScores = _memberScores[m];
            _members[m].Serve(rows, keys, n, rowWidth, memberScores, C, memberWarming);
            for (int i = 0; i < n; i++)
            {
                var p = memberScores.AsSpan(i * C, C);
                bool ready = !memberWarming[i] && float.IsFinite(p[0]) && float.IsFinite(p[1]) && float.IsFinite(p[2]);
                // Not read by the graph when not ready (ready = 0 selects the combination without it); finite all the same.
                if (ready) p.CopyTo(inScores.Slice(i * width + m * C, C));
                else
                {
                    inScores.Slice(i * width + m * C, C).Fill(1f / C);
                    state[i] = Math.Max(state[i], memberWarming[i] ? (byte)1 : (byte)2);
                }
                inReady[i * members + m] = ready ? 1f : 0f;
            }
        }
        foreach (byte s in state)
        {
            if (s == 0) MemberRows++;
            else if (s == 1) MemberWarmingRows++;
            else MemberFailedRows++;
        }
        // Row-major features, one row per rowWidth: the graph reads the first Inputs of each.
        PredictStatus status;
        if (rowWidth == Inputs) status = _ensemble.Predict(rows, n, _scores);
        else
        {
            var staged = _ensemble.StagingRows(0, n);
            for (int i = 0; i < n; i++) rows.Slice(i * rowWidth, Inputs).CopyTo(staged.Slice(i * Inputs, Inputs));
            status = _ensemble.PredictStaged(n, _scores);
        }
        for (int i = 0; i < n; i++) _scores.AsSpan(i * C, C).CopyTo(scores.Slice(i * scoreWidth, C));
        return status == PredictStatus.Ok;
    }
}
