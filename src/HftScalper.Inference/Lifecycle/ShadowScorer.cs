using System.Runtime.CompilerServices;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Sequence;
using HftScalper.Inference.Serving;
using Microsoft.Extensions.Logging;

namespace HftScalper.Inference.Lifecycle;

/// <summary>
/// Runs a candidate model beside the live one on the same decision rows and scores both: agreement at once, and
/// accuracy and log-loss when the realised outcome arrives (<see cref="RecordOutcome"/>, after the horizon). The
/// candidate is held in its own <see cref="ModelHost"/>, so it can be replaced or dropped while scoring runs.
/// Call <see cref="Observe(ReadOnlySpan{float}, int, ReadOnlySpan{float}, long)"/> after the live decision has been passed on (end of batch) or from a side consumer:
/// it runs the candidate's ONNX session synchronously, which must not delay the live signal. Pending predictions
/// live in a pre-allocated ring indexed by decision id (an outcome older than the ring is dropped). One thread
/// observes and records outcomes; no allocation per call. Replacing the candidate from another thread is safe for
/// the sessions (leases); the restarted scores may still count a batch that was in flight at that moment.
/// </summary>
public sealed class ShadowScorer : IDisposable
{
    private readonly int _classes, _mask;
    private readonly long[] _ids;
    private readonly float[] _liveP, _candP;
    private readonly ShadowCalibrationBins _liveBins = new(), _candBins = new();
    private readonly PairedBlockTest _accuracyTest, _lossTest;
    private float[] _scratch = [];
    private bool[] _warming = [];
    private long _observed, _agreed, _resolved, _liveCorrect, _candCorrect;
    private double _liveLoss, _candLoss;

    /// <summary>
    /// Creates a scorer for <paramref name="classes"/>-class models keeping <paramref name="pendingCapacity"/> (rounded
    /// up to a power of two) predictions; the paired tests average the outcomes per block of <paramref name="blockNs"/>
    /// of decision time (<see cref="OutcomeBlocks.DurationFor"/> of the horizon, so overlapping outcomes count once).
    /// </summary>
    public ShadowScorer(ILogger logger, int classes = 3, int pendingCapacity = 4096, long blockNs = OutcomeBlocks.MinimumNs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pendingCapacity);
        int cap = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)pendingCapacity);
        _classes = classes;
        _mask = cap - 1;
        _ids = new long[cap];
        Array.Fill(_ids, -1);
        _liveP = new float[cap * classes];
        _candP = new float[cap * classes];
        Candidate = new ModelHost(logger);
        _accuracyTest = new PairedBlockTest(blockNs);
        _lossTest = new PairedBlockTest(blockNs);
    }

    /// <summary>The candidate's host (empty when no candidate).</summary>
    public ModelHost Candidate { get; }

    /// <summary>The scores so far.</summary>
    public ShadowStats Stats => new(Volatile.Read(ref _observed), Volatile.Read(ref _agreed), Volatile.Read(ref _resolved),
        Volatile.Read(ref _liveCorrect), Volatile.Read(ref _candCorrect), Volatile.Read(ref _liveLoss), Volatile.Read(ref _candLoss))
    {
        AccuracyTest = _accuracyTest.Result,
        LogLossTest = _lossTest.Result,
    };

    /// <summary>Classes the scored models output.</summary>
    public int Classes => _classes;

    /// <summary>
    /// Calibration of both models on the resolved decisions: Brier score and expected calibration error over ten
    /// bins of top-class confidence. Allocates the snapshot (a reader's call, not the hot path).
    /// </summary>
    public ShadowCalibration Calibration => new(_liveBins.Brier, _candBins.Brier, _liveBins.ExpectedCalibrationError, _candBins.ExpectedCalibrationError);

    /// <summary>Makes <paramref name="candidate"/> the model scored (null = none) and restarts the scores.</summary>
    public void SetCandidate(ServedModel? candidate)
    {
        if (candidate is not null)
        {
            // Loaded as a direction model, its rows are canonical (down, flat, up) like the live model's, whatever its class order.
            if (candidate.Session.Role != ModelRole.Direction)
                throw new ArgumentException($"candidate {candidate.Metadata.Name} was loaded as {candidate.Session.Role}, the scorer compares direction models", nameof(candidate));
            if (candidate.Session.OutputWidth != _classes)
                throw new ArgumentException($"candidate has {candidate.Session.OutputWidth} outputs, the scorer compares {_classes}-class models", nameof(candidate));
            _scratch = new float[candidate.Session.MaxBatch * _classes];
            _warming = new bool[candidate.Session.MaxBatch];
        }
        Candidate.Swap(candidate);
        Reset();
    }

    /// <summary>Clears the scores and pending predictions.</summary>
    public void Reset()
    {
        Array.Fill(_ids, -1);
        Volatile.Write(ref _observed, 0); Volatile.Write(ref _agreed, 0); Volatile.Write(ref _resolved, 0);
        Volatile.Write(ref _liveCorrect, 0); Volatile.Write(ref _candCorrect, 0);
        Volatile.Write(ref _liveLoss, 0); Volatile.Write(ref _candLoss, 0);
        _liveBins.Clear();
        _candBins.Clear();
        _accuracyTest.Clear();
        _lossTest.Clear();
    }

    /// <summary>
    /// Scores the candidate on the <paramref name="batch"/> rows the live model just scored
    /// (<paramref name="liveScores"/>, <c>batch*classes</c>); row i gets decision id <c>firstDecisionId + i</c>.
    /// Returns the rows scored: 0 with no candidate or when the candidate's run failed or was not finite.
    /// </summary>
    public int Observe(ReadOnlySpan<float> rows, int batch, ReadOnlySpan<float> liveScores, long firstDecisionId)
    {
        using var lease = Candidate.Acquire();
        return ObserveTabular(lease.Session, rows, batch, liveScores, firstDecisionId);
    }

    /// <summary>
    /// Like <see cref="Observe(ReadOnlySpan{float}, int, ReadOnlySpan{float}, long)"/> with each row's
    /// <see cref="SequenceRowKey"/>: a sequence candidate serves them through its own per-symbol history (an LSTM one
    /// step per row, a window model from its rings; restarts on the keys) and its warming rows (no prediction yet) are
    /// not compared; a tabular candidate ignores the keys. Rows are feature rows (<paramref name="rowWidth"/> apart).
    /// </summary>
    public int Observe(ReadOnlySpan<float> rows, ReadOnlySpan<SequenceRowKey> keys, int batch, int rowWidth, ReadOnlySpan<float> liveScores, long firstDecisionId)
    {
        using var lease = Candidate.Acquire();
        var session = lease.Session;
        if (session?.SequenceRows is not { } server) return ObserveTabular(session, rows, batch, liveScores, firstDecisionId);
        var scratch = _scratch;
        var warming = _warming;
        int max = session.MaxBatch, scored = 0;
        if (batch <= 0 || keys.Length < batch || liveScores.Length < batch * _classes || scratch.Length < max * _classes || warming.Length < max || rows.Length < batch * rowWidth) return 0;
        for (int done = 0; done < batch; done += max)
        {
            int n = Math.Min(max, batch - done);
            if (!server.Serve(rows.Slice(done * rowWidth, n * rowWidth), keys.Slice(done, n), n, rowWidth, scratch, _classes, warming)) continue;
            for (int i = 0; i < n; i++)
            {
                if (warming[i]) continue;
                Keep(liveScores.Slice((done + i) * _classes, _classes), scratch.AsSpan(i * _classes, _classes), 1, firstDecisionId + done + i);
                scored++;
            }
        }
        return scored;
    }

    private int ObserveTabular(ModelSession? session, ReadOnlySpan<float> rows, int batch, ReadOnlySpan<float> liveScores, long firstDecisionId)
    {
        var scratch = _scratch;
        if (session is null || batch <= 0 || liveScores.Length < batch * _classes || scratch.Length < session.MaxBatch * _classes) return 0;
        int width = session.RowLength, max = session.MaxBatch, scored = 0;
        if (rows.Length < batch * width) return 0;
        // A batch larger than the candidate was built for is scored in pieces of its largest batch.
        for (int done = 0; done < batch; done += max)
        {
            int n = Math.Min(max, batch - done);
            if (session.Predict(rows.Slice(done * width, n * width), n, scratch) != PredictStatus.Ok) continue;
            Keep(liveScores.Slice(done * _classes, n * _classes), scratch, n, firstDecisionId + done);
            scored += n;
        }
        return scored;
    }

    private void Keep(ReadOnlySpan<float> liveScores, ReadOnlySpan<float> candScores, int n, long firstDecisionId)
    {
        long agreed = 0;
        for (int i = 0; i < n; i++)
        {
            var live = liveScores.Slice(i * _classes, _classes);
            var cand = candScores.Slice(i * _classes, _classes);
            if (ArgMax(live) == ArgMax(cand)) agreed++;
            long id = firstDecisionId + i;
            int slot = (int)(id & _mask);
            _ids[slot] = id;
            live.CopyTo(_liveP.AsSpan(slot * _classes, _classes));
            cand.CopyTo(_candP.AsSpan(slot * _classes, _classes));
        }
        Volatile.Write(ref _agreed, _agreed + agreed);
        Volatile.Write(ref _observed, _observed + n);
    }

    /// <summary>
    /// Scores decision <paramref name="decisionId"/>, made at <paramref name="decisionTimeNs"/> (exchange time; it places
    /// the outcome in the paired tests' blocks), against its realised class (index in the models' class order).
    /// Returns false when the decision is unknown (never observed, already resolved, or overwritten in the ring).
    /// </summary>
    public bool RecordOutcome(long decisionId, int realisedClass, long decisionTimeNs)
    {
        if ((uint)realisedClass >= (uint)_classes || decisionId < 0) return false;
        int slot = (int)(decisionId & _mask);
        if (_ids[slot] != decisionId) return false;
        _ids[slot] = -1;
        var live = _liveP.AsSpan(slot * _classes, _classes);
        var cand = _candP.AsSpan(slot * _classes, _classes);
        bool liveRight = ArgMax(live) == realisedClass, candRight = ArgMax(cand) == realisedClass;
        if (liveRight) Volatile.Write(ref _liveCorrect, _liveCorrect + 1);
        if (candRight) Volatile.Write(ref _candCorrect, _candCorrect + 1);
        double liveLoss = LogLoss(live, realisedClass), candLoss = LogLoss(cand, realisedClass);
        Volatile.Write(ref _liveLoss, _liveLoss + liveLoss);
        Volatile.Write(ref _candLoss, _candLoss + candLoss);
        _accuracyTest.Add((candRight ? 1 : 0) - (liveRight ? 1 : 0), decisionTimeNs);
        _lossTest.Add(liveLoss - candLoss, decisionTimeNs);
        _liveBins.Add(live, realisedClass);
        _candBins.Add(cand, realisedClass);
        Volatile.Write(ref _resolved, _resolved + 1);
        return true;
    }

    /// <summary>Drops the candidate and disposes it once unused.</summary>
    public void Dispose() => Candidate.Dispose();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int ArgMax(ReadOnlySpan<float> p)
    {
        int best = 0;
        for (int i = 1; i < p.Length; i++) if (p[i] > p[best]) best = i;
        return best;
    }

    // Probability clipped at 1e-7 so one confident miss costs ~16, not infinity; rows normalised to sum 1.
    internal static double LogLoss(ReadOnlySpan<float> p, int k)
    {
        double sum = 0;
        foreach (var v in p) sum += v;
        double q = sum > 0 ? p[k] / sum : 0;
        return -Math.Log(Math.Max(q, 1e-7));
    }
}
