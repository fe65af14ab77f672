using System.Runtime.CompilerServices;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Serving;

namespace HftScalper.Inference.Sequence;

/// <summary>
/// Serves a window model (the transformer <c>hft train --family transformer</c> writes, or any sequence model with a
/// <see cref="SequenceWindow"/>) per symbol from a pinned ring of snapshots, cutting windows exactly as training did:
/// rows are taken on the model's exchange-time sampling clock (the first row at or after each tick, the rule of the
/// training dataset), the window ending at the newest snapshot is every <c>stride</c>-th snapshot back, T of them, and
/// a gap longer than the limit between consecutive snapshots (or time going backwards) empties the symbol's ring: the
/// model is not served for it again until the window has refilled. <see cref="Reset"/> (book resync) and
/// <see cref="ResetAll"/> (model swap) empty rings too. What the ring keeps per snapshot and how windows are scored is
/// the evaluator's: raw rows gathered into the <see cref="ModelSession"/>'s pinned input rows and run through its
/// <c>IoBinding</c> (the public constructor), or snapshots encoded once on arrival and windows scored by
/// <see cref="CompiledTransformer"/> (<see cref="CompiledWindowEvaluator"/>, what <see cref="WindowRowServer"/> uses
/// when the graph is the exporter's). <see cref="Flush"/> scores every symbol with a new snapshot as one
/// micro-batch. Allocation-free per call; not thread-safe (one inference thread).
/// </summary>
public sealed class WindowServer
{
    private readonly IWindowEvaluator _evaluator;
    private readonly float[] _ring;          // [symbol][span][snapshot width], pinned
    private readonly float[] _scores;        // [symbol][outputs]
    private readonly float[] _batchScores;   // [MaxBatch][outputs]
    private readonly int[] _batchSymbols;
    private readonly int[] _head, _count;
    private readonly long[] _lastNs, _nextSampleNs;
    private readonly bool[] _pending, _hasScores;
    private readonly int _t, _f, _w, _span, _stride, _outputs;
    private readonly long _sampleNs, _maxGapNs;

    /// <summary>Rings for symbol ids <c>0 .. symbols-1</c> over <paramref name="session"/>, cut by <paramref name="window"/>
    /// (default: the model's own <see cref="ModelMetadata.SequenceWindow"/>).</summary>
    /// <exception cref="ArgumentException">The model is not a sequence model, or states no window and none is given.</exception>
    public WindowServer(ModelSession session, int symbols, SequenceWindow? window = null)
        : this(session, Evaluator(session), symbols, window)
    {
    }

    /// <summary>Rings for symbol ids <c>0 .. symbols-1</c> over <paramref name="session"/>'s model, windows scored by
    /// <paramref name="evaluator"/>.</summary>
    internal WindowServer(ModelSession session, IWindowEvaluator evaluator, int symbols, SequenceWindow? window = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(symbols);
        var md = session.Metadata;
        if (md.InputKind != ModelInputKind.Sequence) throw new ArgumentException($"model {md.Name} is not a sequence model", nameof(session));
        Window = window ?? md.SequenceWindow ?? throw new ArgumentException($"model {md.Name} states no sequence window (hft.sequence_window)", nameof(window));
        _evaluator = evaluator;
        _t = md.SequenceLength;
        _f = session.RowLength / _t;
        _w = evaluator.SnapshotWidth;
        _stride = Window.Stride;
        _span = Window.SpanRows(_t);
        _sampleNs = Window.SampleIntervalNs;
        _maxGapNs = Window.MaxGapNs;
        _outputs = evaluator.OutputWidth;
        _ring = GC.AllocateArray<float>(checked(symbols * _span * _w), pinned: true);
        _scores = new float[symbols * _outputs];
        _batchScores = new float[evaluator.MaxBatch * _outputs];
        _batchSymbols = new int[evaluator.MaxBatch];
        _head = new int[symbols];
        _count = new int[symbols];
        _lastNs = new long[symbols];
        _nextSampleNs = new long[symbols];
        _nextSampleNs.AsSpan().Fill(long.MinValue);
        _lastNs.AsSpan().Fill(long.MinValue);
        _pending = new bool[symbols];
        _hasScores = new bool[symbols];
    }

    /// <summary>How windows are cut.</summary>
    public SequenceWindow Window { get; }

    /// <summary>Snapshots per window (T).</summary>
    public int SequenceLength => _t;

    /// <summary>Score columns per symbol.</summary>
    public int OutputWidth => _outputs;

    /// <summary>Rings emptied because of a gap or time going backwards.</summary>
    public long GapResets { get; private set; }

    /// <summary>Rows refused (unknown symbol, short or non-finite row).</summary>
    public long InvalidRows { get; private set; }

    /// <summary>Model runs that did not give finite scores.</summary>
    public long FailedRuns { get; private set; }

    /// <summary>Snapshots in <paramref name="symbol"/>'s ring since its last reset (at most the window's span).</summary>
    public int Snapshots(int symbol) => _count[symbol];

    /// <summary>Whether <paramref name="symbol"/>'s window is full (the model can serve it).</summary>
    public bool IsReady(int symbol) => _count[symbol] == _span;

    /// <summary>
    /// Takes a decision row: a new snapshot when it is the first row at or after the next tick of the sampling clock.
    /// Returns true when the row became a snapshot (the symbol then waits for <see cref="Flush"/> if its window is full).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Push(int symbol, long timeNs, ReadOnlySpan<float> row)
    {
        if ((uint)symbol >= (uint)_count.Length || row.Length < _f) return Refuse();
        if (timeNs < _lastNs[symbol]) TimeWentBack(symbol);
        if (_sampleNs > 0)
        {
            if (timeNs < _nextSampleNs[symbol]) return false;
            _nextSampleNs[symbol] = (timeNs / _sampleNs + 1) * _sampleNs;
        }
        for (int j = 0; j < _f; j++)
            if (!float.IsFinite(row[j])) return Refuse();
        if (_count[symbol] > 0 && timeNs - _lastNs[symbol] > _maxGapNs) GapReset(symbol);
        int h = _head[symbol];
        _evaluator.Encode(row[.._f], _ring.AsSpan((symbol * _span + h) * _w, _w));
        _head[symbol] = h + 1 == _span ? 0 : h + 1;
        if (_count[symbol] < _span) _count[symbol]++;
        _lastNs[symbol] = timeNs;
        _pending[symbol] = _count[symbol] == _span;
        return true;
    }

    /// <summary>
    /// Scores every symbol whose window gained a snapshot since its last scores, as micro-batches of at most the
    /// session's batch size. Returns how many symbols got fresh scores.
    /// </summary>
    public int Flush()
    {
        int scored = 0, b = 0, max = _evaluator.MaxBatch;
        for (int s = 0; s < _count.Length; s++)
        {
            if (!_pending[s]) continue;
            Gather(s, _evaluator.Staging(b));
            _batchSymbols[b++] = s;
            if (b == max)
            {
                scored += Run(b);
                b = 0;
            }
        }
        if (b > 0) scored += Run(b);
        return scored;
    }

    /// <summary>
    /// <see cref="Push"/> then, for this symbol alone, a model run when the row completed a new window; writes the
    /// window's scores to <paramref name="scores"/> unless the result is <see cref="WindowResult.NotReady"/> or
    /// <see cref="WindowResult.Invalid"/>.
    /// </summary>
    public WindowResult Predict(int symbol, long timeNs, ReadOnlySpan<float> row, Span<float> scores)
    {
        if ((uint)symbol >= (uint)_count.Length || scores.Length < _outputs)
        {
            Refuse();
            return WindowResult.Invalid;
        }
        var result = Take(symbol, timeNs, row, scores, out bool due);
        if (!due) return result;
        Gather(symbol, _evaluator.Staging(0));
        _batchSymbols[0] = symbol;
        if (Run(1) == 0) return WindowResult.Invalid;
        _scores.AsSpan(symbol * _outputs, _outputs).CopyTo(scores);
        return WindowResult.Scored;
    }

    /// <summary>
    /// <see cref="Predict"/> without the model run: <paramref name="due"/> true (result <see cref="WindowResult.Scored"/>,
    /// nothing written) when the row completed a new window, which the caller then gathers (<see cref="GatherInto"/>),
    /// scores in a micro-batch with other symbols' windows and hands back (<see cref="Accept"/> or <see cref="RunFailed"/>)
    /// before this symbol takes another row; otherwise as <see cref="Predict"/>.
    /// </summary>
    internal WindowResult Take(int symbol, long timeNs, ReadOnlySpan<float> row, Span<float> scores, out bool due)
    {
        due = false;
        long refusedBefore = InvalidRows;
        bool snapshot = Push(symbol, timeNs, row);
        if (InvalidRows != refusedBefore) return WindowResult.Invalid;
        if (snapshot && _pending[symbol])
        {
            due = true;
            return WindowResult.Scored;
        }
        if (!_hasScores[symbol]) return WindowResult.NotReady;
        _scores.AsSpan(symbol * _outputs, _outputs).CopyTo(scores);
        return snapshot ? WindowResult.NotReady : WindowResult.Held;
    }

    /// <summary>Gathers <paramref name="symbol"/>'s due window (<see cref="Take"/>) into an evaluator staging slot.</summary>
    internal void GatherInto(int symbol, Span<float> window) => Gather(symbol, window);

    /// <summary>The due window's scores, computed by the caller: kept as the symbol's latest.</summary>
    internal void Accept(int symbol, ReadOnlySpan<float> scores)
    {
        scores[.._outputs].CopyTo(_scores.AsSpan(symbol * _outputs, _outputs));
        _pending[symbol] = false;
        _hasScores[symbol] = true;
    }

    /// <summary>The due window's run failed (scores not finite): counted as <see cref="Predict"/> counts it.</summary>
    internal void RunFailed() => FailedRuns++;

    /// <summary>Copies <paramref name="symbol"/>'s latest scores; false when its window has none (filling or reset).</summary>
    public bool TryGetScores(int symbol, Span<float> scores)
    {
        if ((uint)symbol >= (uint)_count.Length || !_hasScores[symbol] || scores.Length < _outputs) return false;
        _scores.AsSpan(symbol * _outputs, _outputs).CopyTo(scores);
        return true;
    }

    /// <summary>Empties one symbol's ring (book resync): not served until refilled.</summary>
    public void Reset(int symbol)
    {
        _count[symbol] = 0;
        _head[symbol] = 0;
        _pending[symbol] = false;
        _hasScores[symbol] = false;
    }

    /// <summary>Empties every ring (model swap).</summary>
    public void ResetAll()
    {
        for (int s = 0; s < _count.Length; s++) Reset(s);
    }

    // Window row k is the snapshot (T-1-k)·stride before the newest; when the ring is full the oldest is at head.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Gather(int symbol, Span<float> window)
    {
        int newest = _head[symbol] == 0 ? _span - 1 : _head[symbol] - 1;
        int w = _w;
        var ring = _ring.AsSpan(symbol * _span * w, _span * w);
        for (int k = 0; k < _t; k++)
        {
            int i = newest - (_t - 1 - k) * _stride;
            if (i < 0) i += _span;
            ring.Slice(i * w, w).CopyTo(window.Slice(k * w, w));
        }
    }

    private int Run(int batch)
    {
        if (!_evaluator.Run(batch, _batchScores))
        {
            FailedRuns++;
            return 0;
        }
        for (int i = 0; i < batch; i++)
        {
            int s = _batchSymbols[i];
            _batchScores.AsSpan(i * _outputs, _outputs).CopyTo(_scores.AsSpan(s * _outputs, _outputs));
            _pending[s] = false;
            _hasScores[s] = true;
        }
        return batch;
    }

    // The public constructor's evaluator: ONNX Runtime through the session (checked to be a sequence model first).
    private static OrtWindowEvaluator Evaluator(ModelSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var md = session.Metadata;
        if (md.InputKind != ModelInputKind.Sequence) throw new ArgumentException($"model {md.Name} is not a sequence model", nameof(session));
        return new OrtWindowEvaluator(session);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Refuse()
    {
        InvalidRows++;
        return false;
    }

    // Time went backwards (a replay restarted, a clock fixed): the ring and the sampling clock start again.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void TimeWentBack(int symbol)
    {
        if (_count[symbol] > 0) GapReset(symbol);
        _nextSampleNs[symbol] = long.MinValue;
        _lastNs[symbol] = long.MinValue;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GapReset(int symbol)
    {
        Reset(symbol);
        GapResets++;
    }
}
