using System.Runtime.CompilerServices;
using System.Text.Json;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Serving;

namespace HftScalper.Inference.Sequence;

/// <summary>
/// Serves an LSTM window model to decision rows one step per row: each symbol's <c>h, c</c> are carried from one
/// decision to the next (<see cref="LstmStepServer"/>) instead of re-running the window. The state advances on the
/// model's own sampling clock (<c>labelling.sampleIntervalMs</c>, the rule of <c>DatasetBuilder</c>: the first
/// synced row at or after each tick is kept); a decision between two ticks is answered by a step that is not kept
/// (<see cref="LstmStepServer.Peek"/>), so every decision costs one step and sees its own row while the state means
/// what it meant in training. A symbol restarts from zero state on a <see cref="SequenceRowKey.Restart"/> key (book
/// resync, feed gap), on an unsynced row (never kept: training has none), when its rows are further apart than the
/// model's gap limit (<c>labelling.maxGapMs</c>), and with a new server (a model swap loads a new session). For the
/// first T kept rows after a restart the scores equal the window model's (ONNX Runtime) over those rows.
/// Scores are written in canonical direction order (down, flat, up). Allocation-free per call once a symbol's state
/// exists; not thread-safe (the inference thread of the session that owns it). An LSTM has a prediction from its first
/// kept row (its state is what training's windows start from), so it never answers warming.
/// </summary>
public sealed class LstmRowServer : ISequenceRowServer
{
    /// <summary>Gap limit when the model does not state one (the training default).</summary>
    public const long DefaultMaxGapNs = 5_000_000_000;

    private readonly LstmStepServer _steps;
    private readonly int[]? _columns;
    private readonly float[] _modelScores, _modelScores1;
    private readonly InferenceMonitor? _monitor;
    private long[] _nextSampleNs = new long[8];

    /// <summary>
    /// A server for <paramref name="model"/> whose output column <c>k</c> is the model's column
    /// <paramref name="columns"/>[k] (null = as is); a state is kept every <paramref name="sampleIntervalNs"/> of a
    /// symbol's exchange time (0 = every synced row). Runs and non-finite outputs are counted in
    /// <paramref name="monitor"/> when given.
    /// </summary>
    public LstmRowServer(LstmStepModel model, int[]? columns, long sampleIntervalNs, long maxGapNs, InferenceMonitor? monitor = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(sampleIntervalNs);
        if (columns is not null && Array.Exists(columns, c => (uint)c >= (uint)model.Outputs))
            throw new ArgumentException($"a column is outside the model's {model.Outputs} outputs", nameof(columns));
        _steps = new LstmStepServer(model, symbols: 8, maxGapNs);
        _columns = columns;
        _modelScores = new float[model.Outputs];
        _modelScores1 = new float[model.Outputs];
        _monitor = monitor;
        SampleIntervalNs = sampleIntervalNs;
        OutputWidth = columns?.Length ?? model.Outputs;
        Array.Fill(_nextSampleNs, long.MinValue);
    }

    /// <summary>The step and per-symbol state.</summary>
    public LstmStepServer Steps => _steps;

    /// <summary>The model's sampling clock (0 = every synced row is kept).</summary>
    public long SampleIntervalNs { get; }

    /// <summary>Features per row.</summary>
    public int Inputs => _steps.Model.Inputs;

    /// <summary>Score columns written per row.</summary>
    public int OutputWidth { get; }

    /// <summary>Rows whose step was kept in the state.</summary>
    public long KeptSteps { get; private set; }

    /// <summary>Rows answered by a step that was not kept (between two ticks of the sampling clock, or unsynced).</summary>
    public long PeekSteps { get; private set; }

    /// <summary>Restarts asked for by the keys (resync, feed gap) or caused by unsynced rows; gap restarts are
    /// <see cref="LstmStepServer.GapResets"/>.</summary>
    public long KeyRestarts { get; private set; }

    /// <summary>Rows served two at a time: consecutive rows of two different symbols in one batch share one pass over
    /// the weights (<see cref="LstmStepServer.StepPair"/>; same bits as one step each).</summary>
    public long PairedRows { get; private set; }

    /// <summary>Whether a batch's rows of different symbols are stepped in pairs (default true; false serves every
    /// row alone, as a batch of one does: the baseline of the benchmark and of the equality test).</summary>
    public bool MicroBatching { get; set; } = true;

    /// <summary>Rows refused because a feature was not finite (scores NaN, state kept).</summary>
    public long NonFiniteRows { get; private set; }

    /// <inheritdoc />
    /// <remarks>Always 0: the step predicts from the first row after a restart.</remarks>
    public long WarmingRows => 0;

    /// <inheritdoc />
    public bool Serve(ReadOnlySpan<float> rows, ReadOnlySpan<SequenceRowKey> keys, int batch, int rowWidth, Span<float> scores, int scoreWidth, Span<bool> warming)
    {
        if (warming.Length < batch) return false;
        warming[..Math.Max(batch, 0)].Clear();
        return Serve(rows, keys, batch, rowWidth, scores, scoreWidth);
    }

    /// <summary>
    /// Serves <paramref name="batch"/> rows (<paramref name="rowWidth"/> floats apart) with their keys, writing
    /// <see cref="OutputWidth"/> scores per row at <paramref name="scoreWidth"/> apart, in row order (a symbol's rows
    /// in a batch are stepped in order). Returns true when every score is finite; a row with a non-finite feature gets
    /// NaN scores and leaves the state alone.
    /// </summary>
    public bool Serve(ReadOnlySpan<float> rows, ReadOnlySpan<SequenceRowKey> keys, int batch, int rowWidth, Span<float> scores, int scoreWidth)
    {
        if (batch <= 0 || rowWidth < Inputs || scoreWidth < OutputWidth || keys.Length < batch
            || rows.Length < (batch - 1) * rowWidth + Inputs || scores.Length < (batch - 1) * scoreWidth + OutputWidth) return false;
        long start = _monitor?.StartRun() ?? 0; // untimed (0) when no one reads the run latencies
        bool ok = true;
        // A row waits for the next one: of another symbol, the two are stepped in one pass; of the same symbol (whose
        // state the first must advance before the second restarts or reads it), the waiting row is served alone first.
        int pending = -1;
        bool pendingKeep = false;
        for (int i = 0; i < batch; i++)
        {
            if (pending >= 0 && keys[pending].SymbolId == keys[i].SymbolId)
            {
                ok &= Finish(in keys[pending], pendingKeep, StepOne(rows.Slice(pending * rowWidth, Inputs), in keys[pending], pendingKeep, _columns is null ? scores.Slice(pending * scoreWidth, OutputWidth) : _modelScores),
                    scores.Slice(pending * scoreWidth, OutputWidth), _modelScores);
                pending = -1;
            }
            var row = rows.Slice(i * rowWidth, Inputs);
            var rowScores = scores.Slice(i * scoreWidth, OutputWidth);
            if (!Begin(row, in keys[i], rowScores, out bool keep)) { ok = false; continue; }
            if (!MicroBatching)
            {
                ok &= Finish(in keys[i], keep, StepOne(row, in keys[i], keep, _columns is null ? rowScores : _modelScores), rowScores, _modelScores);
                continue;
            }
            if (pending < 0) { pending = i; pendingKeep = keep; continue; }
            var pendingScores = scores.Slice(pending * scoreWidth, OutputWidth);
            ref readonly var a = ref keys[pending];
            ref readonly var b = ref keys[i];
            _steps.StepPair(a.SymbolId, a.TimeNs, rows.Slice(pending * rowWidth, Inputs), _columns is null ? pendingScores : _modelScores, pendingKeep,
                b.SymbolId, b.TimeNs, row, _columns is null ? rowScores : _modelScores1, keep);
            PairedRows += 2;
            ok &= Finish(in a, pendingKeep, true, pendingScores, _modelScores);
            ok &= Finish(in b, keep, true, rowScores, _modelScores1);
            pending = -1;
        }
        if (pending >= 0)
            ok &= Finish(in keys[pending], pendingKeep, StepOne(rows.Slice(pending * rowWidth, Inputs), in keys[pending], pendingKeep, _columns is null ? scores.Slice(pending * scoreWidth, OutputWidth) : _modelScores),
                scores.Slice(pending * scoreWidth, OutputWidth), _modelScores);
        _monitor?.EndRun(start, batch);
        if (!ok) _monitor?.RecordNonFinite();
        return ok;
    }

    /// <summary>Zeroes every symbol's state (the session's model changed or a new run starts).</summary>
    public void ResetAll()
    {
        _steps.ResetAll();
        Array.Fill(_nextSampleNs, long.MinValue);
    }

    // The row's checks before its step: restarts asked for by the key, the finite check, and whether the step is kept
    // (a synced row at or after the symbol's next tick). False for a refused row (NaN scores, state untouched).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Begin(ReadOnlySpan<float> row, in SequenceRowKey key, Span<float> scores, out bool keep)
    {
        keep = false;
        int sym = key.SymbolId;
        if (sym < 0) return Refuse(scores);
        if (sym >= _nextSampleNs.Length) Grow(sym);
        if (key.Restart || !key.BookSynced)
        {
            _steps.Reset(sym);
            _nextSampleNs[sym] = long.MinValue;
            KeyRestarts++;
        }
        foreach (var v in row)
            if (!float.IsFinite(v)) { NonFiniteRows++; return Refuse(scores); }
        keep = key.BookSynced && key.TimeNs >= _nextSampleNs[sym];
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool StepOne(ReadOnlySpan<float> row, in SequenceRowKey key, bool keep, Span<float> target) =>
        keep ? _steps.Step(key.SymbolId, key.TimeNs, row, target) : _steps.Peek(key.SymbolId, key.TimeNs, row, target);

    // After the step: the sampling clock and counters, the score columns in canonical order, and the finite check.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Finish(in SequenceRowKey key, bool keep, bool stepped, Span<float> scores, ReadOnlySpan<float> modelScores)
    {
        if (!stepped) return false;
        if (keep)
        {
            _nextSampleNs[key.SymbolId] = SampleIntervalNs > 0 ? (key.TimeNs / SampleIntervalNs + 1) * SampleIntervalNs : key.TimeNs;
            KeptSteps++;
        }
        else PeekSteps++;
        if (_columns is { } columns)
            for (int k = 0; k < columns.Length; k++) scores[k] = modelScores[columns[k]];
        foreach (var v in scores)
            if (!float.IsFinite(v)) return false;
        return true;
    }

    private static bool Refuse(Span<float> scores)
    {
        scores.Fill(float.NaN);
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int symbol)
    {
        int old = _nextSampleNs.Length;
        Array.Resize(ref _nextSampleNs, Math.Max(symbol + 1, 2 * old));
        _nextSampleNs.AsSpan(old).Fill(long.MinValue);
    }

    /// <summary>
    /// The server of a loaded direction session whose graph holds an LSTM (null, with <paramref name="reason"/>, for
    /// any other graph or role: ONNX Runtime serves it as before). The step is checked against the session on a
    /// synthetic window before it may serve: a graph the step does not reproduce throws
    /// <see cref="InvalidDataException"/> (the loader refuses the model).
    /// </summary>
    public static LstmRowServer? TryCreate(ModelProto proto, ModelSession session, out string reason)
    {
        ArgumentNullException.ThrowIfNull(proto);
        ArgumentNullException.ThrowIfNull(session);
        var md = session.Metadata;
        if (md.InputKind != ModelInputKind.Sequence || !proto.Graph.Node.Any(n => n.OpType == "LSTM"))
        {
            reason = "not an LSTM sequence model";
            return null;
        }
        if (session.Role != ModelRole.Direction)
        {
            reason = $"LSTM step serving covers direction models; loaded as {session.Role}";
            return null;
        }
        var model = LstmStepModel.FromModel(proto);
        int features = md.FeatureNames.Count;
        if (model.Inputs != features || session.RowLength != md.SequenceLength * features)
            throw new InvalidDataException($"LSTM step reads {model.Inputs} features, the model's rows are {md.SequenceLength} x {features}");
        var columns = session.Contract.Direction!.Columns();
        bool identity = columns.Length == model.Outputs && columns.Select((c, i) => c == i).All(x => x);
        var server = new LstmRowServer(model, identity ? null : columns, session.Contract.SampleIntervalNs ?? 0, MaxGapOf(md), session.Monitor);
        double diff = CheckAgainst(session, server);
        if (!(diff <= 1e-4))
            throw new InvalidDataException(FormattableString.Invariant($"the LSTM step does not reproduce the graph (largest score difference {diff:G3} over a {md.SequenceLength}-row window)"));
        reason = FormattableString.Invariant($"LSTM step serving (hidden {model.Hidden}, kept every {server.SampleIntervalNs / 1e6:0.#} ms, gap limit {server.Steps.MaxGapNs / 1e9:0.#} s; step = graph within {diff:G2})");
        return server;
    }

    /// <summary>The model's gap limit (<c>labelling.maxGapMs</c> of its validation metrics), else <see cref="DefaultMaxGapNs"/>.</summary>
    public static long MaxGapOf(ModelMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        try
        {
            using var doc = JsonDocument.Parse(metadata.ValidationMetricsJson);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("labelling", out var l)
                && l.ValueKind == JsonValueKind.Object && l.TryGetProperty("maxGapMs", out var g) && g.TryGetInt64(out long ms) && ms > 0)
                return ms * 1_000_000;
        }
        catch (JsonException) { }
        return DefaultMaxGapNs;
    }

    // Runs the window model (ONNX Runtime) and the step over the same synthetic window from zero state: rows around
    // the fitted mean, a few standard deviations either way, so every gate sees varied inputs.
    private static double CheckAgainst(ModelSession session, LstmRowServer server)
    {
        var model = server._steps.Model;
        int t = session.Metadata.SequenceLength, f = model.Inputs;
        var window = new float[t * f];
        for (int k = 0; k < t; k++)
            for (int j = 0; j < f; j++)
                window[k * f + j] = model.Mean[j] + 1.5f * MathF.Sin(1.3f * k + 0.7f * j) / model.Scale[j];
        var graph = new float[session.OutputWidth];
        if (session.Predict(window, 1, graph) != PredictStatus.Ok) return double.NaN;
        var stepped = new float[server.OutputWidth];
        var check = new LstmRowServer(model, server._columns, sampleIntervalNs: 0, maxGapNs: long.MaxValue);
        for (int k = 0; k < t; k++)
        {
            var key = new SequenceRowKey { SymbolId = 0, TimeNs = k, BookSynced = true };
            check.Serve(window.AsSpan(k * f, f), new ReadOnlySpan<SequenceRowKey>(in key), 1, f, stepped, stepped.Length);
        }
        double diff = 0;
        for (int k = 0; k < graph.Length; k++) diff = Math.Max(diff, Math.Abs(graph[k] - stepped[k]));
        return diff;
    }
}
