using HftScalper.Inference.Sequence;
using HftScalper.Inference.Serving;

namespace HftScalper.Inference.Ensemble;

/// <summary>
/// Serves an ensemble graph that has a sequence member (<see cref="SequenceMemberSlot"/>): each batch is first served
/// by the member's own sequence server with the rows' keys (an LSTM one step per row, a transformer from its
/// per-symbol window), then the ensemble graph runs on the features with the member's scores and readiness. A member
/// row that is warming (window filling after a start, gap, resync or swap) or that failed is fed as not ready, and the
/// graph serves the other members' combination for it: the ensemble itself never warms.
/// <code>
///   rows + keys --> member.SequenceRows.Serve --> member_scores, member_ready (0 while warming)
///   rows ---------------------------------------> ensemble graph (features, member_scores, member_ready) --> scores
/// </code>
/// Allocation-free per call (buffers sized for the ensemble's batch at load); not thread-safe (the inference thread).
/// </summary>
public sealed class SequenceMemberServer : ISequenceRowServer
{
    private const int C = SequenceMemberSlot.Classes;
    private readonly ModelSession _ensemble;
    private readonly ISequenceRowServer _member;
    private readonly float[] _memberScores;
    private readonly bool[] _memberWarming;
    private readonly float[] _scores;

    /// <summary>Serves <paramref name="ensemble"/> (a graph with member inputs) with <paramref name="member"/>'s sequence server.</summary>
    public SequenceMemberServer(ModelSession ensemble, ModelSession member)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentNullException.ThrowIfNull(member);
        if (!ensemble.HasMemberInputs) throw new ArgumentException("the ensemble graph has no member inputs", nameof(ensemble));
        _member = member.SequenceRows ?? throw new ArgumentException("the member has no sequence server", nameof(member));
        if (_member.Inputs != ensemble.RowLength) throw new ArgumentException($"the member reads {_member.Inputs} features, the ensemble {ensemble.RowLength}", nameof(member));
        if (_member.OutputWidth != C || ensemble.OutputWidth != C) throw new ArgumentException("member and ensemble must both serve P(down, flat, up)");
        _ensemble = ensemble;
        _memberScores = new float[ensemble.MaxBatch * C];
        _memberWarming = new bool[ensemble.MaxBatch];
        _scores = new float[ensemble.MaxBatch * C];
    }

    /// <inheritdoc />
    public int Inputs => _ensemble.RowLength;

    /// <inheritdoc />
    public int OutputWidth => C;

    /// <inheritdoc />
    /// <remarks>Always 0: while the member warms, the other members answer.</remarks>
    public long WarmingRows => 0;

    /// <summary>Rows the member contributed to (it answered with finite scores).</summary>
    public long MemberRows { get; private set; }

    /// <summary>Rows served without the member: it was warming.</summary>
    public long MemberWarmingRows { get; private set; }

    /// <summary>Rows served without the member: it failed or answered non-finite scores (counted, never fatal).</summary>
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
    public void ResetAll() => _member.ResetAll();

    private bool ServeChunk(ReadOnlySpan<float> rows, ReadOnlySpan<SequenceRowKey> keys, int n, int rowWidth, Span<float> scores, int scoreWidth)
    {
        var memberWarming = _memberWarming.AsSpan(0, n);
        _member.Serve(rows, keys, n, rowWidth, _memberScores, C, memberWarming);
        var inScores = _ensemble.MemberScores(0, n);
        var inReady = _ensemble.MemberReady(0, n);
        for (int i = 0; i < n; i++)
        {
            var p = _memberScores.AsSpan(i * C, C);
            bool ready = !memberWarming[i] && float.IsFinite(p[0]) && float.IsFinite(p[1]) && float.IsFinite(p[2]);
            if (ready) { p.CopyTo(inScores.Slice(i * C, C)); MemberRows++; }
            else
            {
                // Not read by the graph (ready = 0 selects the other members' combination); finite all the same.
                inScores.Slice(i * C, C).Fill(1f / C);
                if (memberWarming[i]) MemberWarmingRows++; else MemberFailedRows++;
            }
            inReady[i] = ready ? 1f : 0f;
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
