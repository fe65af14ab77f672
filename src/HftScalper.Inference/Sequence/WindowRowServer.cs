using System.Runtime.CompilerServices;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Serving;

namespace HftScalper.Inference.Sequence;

/// <summary>
/// Serves a window model (the transformer of <c>hft train --family transformer</c>: input <c>[T, F]</c> cut by its
/// <see cref="SequenceWindow"/>) to decision rows: each symbol has its own pinned ring (<see cref="WindowServer"/>),
/// fed on the model's sampling clock as training cut windows. A row that completes a new window is scored once: by the
/// compiled encoder (<see cref="CompiledTransformer"/>, each snapshot encoded once as it arrives) when the graph is
/// exactly what <c>hft train --family transformer</c> exports (<see cref="TryCreate"/> checks), else by one ONNX
/// Runtime run through the session's IoBinding; a row between two ticks of the clock gets the scores of the last
/// window; until a symbol's ring holds a full window the row is <em>warming</em> (no prediction, NaN scores). The ring
/// empties on a <see cref="SequenceRowKey.Restart"/> key (resync, feed gap), an unsynced row, a gap over the window's
/// limit or time going backwards (<see cref="WindowServer"/>), and with a new server (a model swap loads a new
/// session). Allocation-free per call once a symbol has been seen; not thread-safe.
/// </summary>
public sealed class WindowRowServer : ISequenceRowServer
{
    private readonly ModelSession _session;
    private readonly IWindowEvaluator _evaluator;
    private WindowServer?[] _symbols = new WindowServer?[8];
    private bool[] _due = new bool[8];           // symbol has a window staged in the current micro-batch
    private readonly int[] _dueRows, _dueSymbols;
    private readonly float[] _dueScores;

    /// <summary>A server over <paramref name="session"/> cutting windows by <paramref name="window"/> (default: the
    /// model's own <see cref="ModelMetadata.SequenceWindow"/>).</summary>
    /// <exception cref="ArgumentException">The model is not a sequence model, or states no window and none is given.</exception>
    public WindowRowServer(ModelSession session, SequenceWindow? window = null)
        : this(session, null, window)
    {
    }

    // evaluator null: ONNX Runtime through the session.
    private WindowRowServer(ModelSession session, IWindowEvaluator? evaluator, SequenceWindow? window)
    {
        ArgumentNullException.ThrowIfNull(session);
        var md = session.Metadata;
        if (md.InputKind != ModelInputKind.Sequence) throw new ArgumentException($"model {md.Name} is not a sequence model", nameof(session));
        Window = window ?? md.SequenceWindow ?? throw new ArgumentException($"model {md.Name} states no sequence window (hft.sequence_window)", nameof(window));
        _session = session;
        _evaluator = evaluator ?? new OrtWindowEvaluator(session);
        Compiled = _evaluator is CompiledWindowEvaluator;
        SequenceLength = md.SequenceLength;
        Inputs = session.RowLength / SequenceLength;
        OutputWidth = session.OutputWidth;
        _dueRows = new int[_evaluator.MaxBatch];
        _dueSymbols = new int[_evaluator.MaxBatch];
        _dueScores = new float[_evaluator.MaxBatch * _evaluator.OutputWidth];
    }

    /// <summary>How windows are cut.</summary>
    public SequenceWindow Window { get; }

    /// <summary>True when the compiled encoder scores the windows, false when ONNX Runtime does.</summary>
    public bool Compiled { get; }

    /// <summary>Snapshots per window (T).</summary>
    public int SequenceLength { get; }

    /// <summary>Snapshot rows from an empty ring to the first scored window, inclusive: <c>(T-1)·stride + 1</c>.</summary>
    public int SpanRows => Window.SpanRows(SequenceLength);

    /// <inheritdoc />
    public int Inputs { get; }

    /// <inheritdoc />
    public int OutputWidth { get; }

    /// <inheritdoc />
    public long WarmingRows { get; private set; }

    /// <summary>Exchange time from an empty ring to the first scored window: <c>(SpanRows-1)</c> ticks of the sampling
    /// clock (0 when rows are not sampled on a clock).</summary>
    public long WarmupNs => (SpanRows - 1) * Window.SampleIntervalNs;

    /// <summary>Rows that completed a new window: one model run each.</summary>
    public long ScoredRows { get; private set; }

    /// <summary>Rows between two ticks of the sampling clock, answered with the last window's scores.</summary>
    public long HeldRows { get; private set; }

    /// <summary>Rings emptied by the keys (resync, feed gap) or by unsynced rows.</summary>
    public long KeyRestarts { get; private set; }

    /// <summary>Rows whose new window was scored in one pass with another symbol's (<see cref="MicroBatching"/>).</summary>
    public long BatchedRows { get; private set; }

    /// <summary>Whether the new windows of a batch's rows of different symbols are scored in one pass of the compiled
    /// encoder (default true; each window's scores have the bits it gets alone). False scores every window alone as
    /// a batch of one does: the baseline of the benchmark and of the equality test. ONNX Runtime serving always
    /// scores windows alone.</summary>
    public bool MicroBatching { get; set; } = true;

    /// <summary>Rows refused: unknown symbol, non-finite feature on a snapshot, or a failed model run (scores NaN).</summary>
    public long InvalidRows { get; private set; }

    /// <summary>Rings emptied by a gap over the window's limit or by time going backwards (all symbols).</summary>
    public long GapResets
    {
        get
        {
            long n = 0;
            foreach (var s in _symbols) n += s?.GapResets ?? 0;
            return n;
        }
    }

    /// <summary>Snapshots in <paramref name="symbol"/>'s ring (0 for a symbol not seen yet).</summary>
    public int Snapshots(int symbol) => (uint)symbol < (uint)_symbols.Length && _symbols[symbol] is { } s ? s.Snapshots(0) : 0;

    /// <inheritdoc />
    public bool Serve(ReadOnlySpan<float> rows, ReadOnlySpan<SequenceRowKey> keys, int batch, int rowWidth, Span<float> scores, int scoreWidth, Span<bool> warming)
    {
        if (batch <= 0 || rowWidth < Inputs || scoreWidth < OutputWidth || keys.Length < batch || warming.Length < batch
            || rows.Length < (batch - 1) * rowWidth + Inputs || scores.Length < (batch - 1) * scoreWidth + OutputWidth) return false;
        bool ok = true;
        if (batch == 1 || !MicroBatching || !Compiled)
        {
            for (int i = 0; i < batch; i++)
                ok &= ServeRow(rows.Slice(i * rowWidth, Inputs), in keys[i], scores.Slice(i * scoreWidth, OutputWidth), out warming[i]);
            return ok;
        }
        int due = 0;
        for (int i = 0; i < batch; i++)
        {
            int sym = keys[i].SymbolId;
            // A symbol seen again while its window waits in the micro-batch: score the batch first, so this row sees the
            // ring and scores it would see row by row.
            if (due > 0 && (uint)sym < (uint)_due.Length && _due[sym])
            {
                ok &= ScoreDue(due, scores, scoreWidth);
                due = 0;
            }
            ok &= TakeRow(rows.Slice(i * rowWidth, Inputs), in keys[i], scores.Slice(i * scoreWidth, OutputWidth), out warming[i], out bool isDue);
            if (!isDue) continue;
            _symbols[sym]!.GatherInto(0, _evaluator.Staging(due));
            _due[sym] = true;
            _dueRows[due] = i;
            _dueSymbols[due++] = sym;
            if (due == _evaluator.MaxBatch)
            {
                ok &= ScoreDue(due, scores, scoreWidth);
                due = 0;
            }
        }
        if (due > 0) ok &= ScoreDue(due, scores, scoreWidth);
        return ok;
    }

    // The staged windows in one evaluator run; each row's scores (finite) kept by its symbol's ring and written to the
    // row, as the row-by-row path's Run(1) would.
    private bool ScoreDue(int due, Span<float> scores, int scoreWidth)
    {
        int w = _evaluator.OutputWidth;
        _evaluator.Run(due, _dueScores); // false when a window is not finite: judged window by window below
        bool ok = true;
        for (int b = 0; b < due; b++)
        {
            int sym = _dueSymbols[b];
            _due[sym] = false;
            var server = _symbols[sym]!;
            var windowScores = _dueScores.AsSpan(b * w, w);
            var rowScores = scores.Slice(_dueRows[b] * scoreWidth, OutputWidth);
            bool finite = true;
            foreach (var v in windowScores) finite &= float.IsFinite(v);
            if (!finite)
            {
                server.RunFailed();
                ok &= Refuse(rowScores);
                continue;
            }
            server.Accept(0, windowScores);
            windowScores[..OutputWidth].CopyTo(rowScores);
            ScoredRows++;
            if (due > 1) BatchedRows++;
        }
        return ok;
    }

    // ServeRow without the model run: isDue when the row completed a window (its scores come from ScoreDue).
    private bool TakeRow(ReadOnlySpan<float> row, in SequenceRowKey key, Span<float> scores, out bool warming, out bool isDue)
    {
        warming = false;
        isDue = false;
        if (ServerFor(in key) is not { } server) return Refuse(scores);
        var result = key.BookSynced ? server.Take(0, key.TimeNs, row, scores, out isDue) : WindowResult.NotReady;
        if (isDue) return true;
        return Account(result, scores, ref warming);
    }

    // The key's symbol's window (added on first use; null for a negative id), restarted when the key says so or the
    // book is not synced: the one prelude of ServeRow and TakeRow.
    private WindowServer? ServerFor(in SequenceRowKey key)
    {
        int sym = key.SymbolId;
        if (sym < 0) return null;
        var server = ((uint)sym < (uint)_symbols.Length ? _symbols[sym] : null) ?? Add(sym);
        if (key.Restart || !key.BookSynced)
        {
            server.Reset(0);
            KeyRestarts++;
        }
        return server;
    }

    /// <inheritdoc />
    public void ResetAll()
    {
        foreach (var s in _symbols) s?.ResetAll();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool ServeRow(ReadOnlySpan<float> row, in SequenceRowKey key, Span<float> scores, out bool warming)
    {
        warming = false;
        if (ServerFor(in key) is not { } server) return Refuse(scores);
        // Training never sees an unsynced row: it is not a snapshot, and the window it broke refills from the next one.
        var result = key.BookSynced ? server.Predict(0, key.TimeNs, row, scores) : WindowResult.NotReady;
        return Account(result, scores, ref warming);
    }

    // Counts a row's result; warming rows get NaN scores, refused ones too; false when the row has no finite scores.
    private bool Account(WindowResult result, Span<float> scores, ref bool warming)
    {
        switch (result)
        {
            case WindowResult.Scored:
                ScoredRows++;
                break;
            case WindowResult.Held:
                HeldRows++;
                break;
            case WindowResult.NotReady:
                warming = true;
                WarmingRows++;
                scores.Fill(float.NaN);
                return true;
            default:
                return Refuse(scores);
        }
        foreach (var v in scores)
            if (!float.IsFinite(v)) return false;
        return true;
    }

    private bool Refuse(Span<float> scores)
    {
        InvalidRows++;
        scores.Fill(float.NaN);
        return false;
    }

    // First row of a symbol: its ring (allocated once per symbol for the server's life).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private WindowServer Add(int symbol)
    {
        if (symbol >= _symbols.Length)
        {
            int n = Math.Max(symbol + 1, 2 * _symbols.Length);
            Array.Resize(ref _symbols, n);
            Array.Resize(ref _due, n);
        }
        return _symbols[symbol] = new WindowServer(_session, _evaluator, symbols: 1, Window);
    }

    /// <summary>
    /// The server of a loaded direction session whose graph is a window model with a stated
    /// <see cref="SequenceWindow"/> and no LSTM (null, with <paramref name="reason"/>, otherwise: the LSTM step or ONNX
    /// Runtime serves it). Its windows are scored by the compiled encoder when the graph is exactly
    /// <see cref="Onnx.TransformerModelBuilder"/>'s (<see cref="TransformerGraphMatch"/>) and the compiled server
    /// passes the check below; otherwise by ONNX Runtime, and <paramref name="reason"/> says which and why. The check,
    /// before a server may serve: one synthetic symbol is fed a window's span of snapshots through the server; every
    /// row before the last must be warming and the last one's scores must equal the session's own run on the window cut
    /// from those rows (within 1e-5). An ONNX Runtime server that fails it throws <see cref="InvalidDataException"/>
    /// (the loader refuses the model). <paramref name="compile"/> false: ONNX Runtime always.
    /// </summary>
    public static WindowRowServer? TryCreate(ModelProto proto, ModelSession session, out string reason, bool compile = true)
    {
        ArgumentNullException.ThrowIfNull(proto);
        ArgumentNullException.ThrowIfNull(session);
        var md = session.Metadata;
        if (md.InputKind != ModelInputKind.Sequence || proto.Graph.Node.Any(n => n.OpType == "LSTM"))
        {
            reason = "not a window (non-LSTM) sequence model";
            return null;
        }
        if (md.SequenceWindow is null)
        {
            reason = "the sequence model states no window (hft.sequence_window): ONNX Runtime cannot be fed its rows";
            return null;
        }
        if (session.Role != ModelRole.Direction)
        {
            reason = $"window serving covers direction models; loaded as {session.Role}";
            return null;
        }
        int features = md.FeatureNames.Count;
        if (session.RowLength != md.SequenceLength * features)
            throw new InvalidDataException($"the window model's rows are {session.RowLength} floats, not {md.SequenceLength} x {features} features");
        string notCompiled = "compiling is off (ServingOptions.CompileSequences)";
        var compiled = compile ? TryCompile(proto, session, out notCompiled) : null;
        double diff = double.NaN;
        WindowRowServer? server = null;
        if (compiled is not null)
        {
            server = new WindowRowServer(session, compiled, null);
            diff = CheckAgainst(session, new WindowRowServer(session, compiled, server.Window), out int warmedCompiled);
            if (warmedCompiled != server.SpanRows - 1 || !(diff <= 1e-5))
            {
                notCompiled = FormattableString.Invariant($"the compiled encoder does not reproduce the graph (largest score difference {diff:G3})");
                server = null;
            }
        }
        if (server is null)
        {
            server = new WindowRowServer(session);
            diff = CheckAgainst(session, new WindowRowServer(session, server.Window), out int warmed);
            if (warmed != server.SpanRows - 1)
                throw new InvalidDataException($"the window server warmed {warmed} rows before its first window, not {server.SpanRows - 1}");
            if (!(diff <= 1e-5))
                throw new InvalidDataException(FormattableString.Invariant($"the window server does not reproduce the graph (largest score difference {diff:G3} over a {md.SequenceLength}-row window)"));
        }
        var w = server.Window;
        string evaluator = server.Compiled
            ? "compiled C# encoder (graph = the transformer exporter's; each snapshot encoded once)"
            : "ONNX Runtime (not compiled: " + notCompiled + ")";
        reason = FormattableString.Invariant($"window serving by {evaluator} ({md.SequenceLength} snapshots every {w.CadenceNs / 1e6:0.#} ms, span {server.SpanRows} sample rows, gap limit {w.MaxGapNs / 1e9:0.#} s; served = graph within {diff:G2})");
        return server;
    }

    // The compiled evaluator when the graph is the exporter's and its shape is the session's; else null and why.
    private static CompiledWindowEvaluator? TryCompile(ModelProto proto, ModelSession session, out string reason)
    {
        var difference = TransformerGraphMatch.Difference(proto);
        if (difference is not null)
        {
            reason = "the graph is not the transformer exporter's: " + difference;
            return null;
        }
        var model = CompiledTransformer.FromModel(proto);
        var md = session.Metadata;
        if (model.SequenceLength != md.SequenceLength || model.Inputs != md.FeatureNames.Count)
        {
            reason = $"the graph reads {model.SequenceLength} x {model.Inputs}, the metadata says {md.SequenceLength} x {md.FeatureNames.Count}";
            return null;
        }
        var columns = session.Contract.Direction!.Columns();
        bool identity = columns.Length == model.Outputs && columns.Select((c, i) => c == i).All(x => x);
        if (!identity && columns.Length != session.OutputWidth)
        {
            reason = $"the contract reads {columns.Length} columns, the session serves {session.OutputWidth}";
            return null;
        }
        reason = "";
        return new CompiledWindowEvaluator(model, session.MaxBatch, identity ? null : columns, session.Monitor);
    }

    // Feeds one symbol of check (a fresh server) a span of synthetic snapshots on the model's clock (values a few units
    // either way, so every position and feature differs) and compares the served window's scores with a direct run of
    // the window the training rule cuts from the same rows.
    private static double CheckAgainst(ModelSession session, WindowRowServer check, out int warmed)
    {
        var window = check.Window;
        int t = check.SequenceLength, f = check.Inputs, span = check.SpanRows, stride = window.Stride;
        long step = Math.Max(window.SampleIntervalNs, 1);
        var rows = new float[span * f];
        for (int k = 0; k < span; k++)
            for (int j = 0; j < f; j++)
                rows[k * f + j] = 1.5f * MathF.Sin(1.3f * k + 0.7f * j) + 0.1f * j;
        var served = new float[check.OutputWidth];
        var warm = new bool[1];
        warmed = 0;
        for (int k = 0; k < span; k++)
        {
            var key = new SequenceRowKey { SymbolId = 0, TimeNs = (k + 1) * step, BookSynced = true };
            if (!check.Serve(rows.AsSpan(k * f, f), new ReadOnlySpan<SequenceRowKey>(in key), 1, f, served, served.Length, warm)) return double.NaN;
            if (warm[0]) warmed++;
        }
        var windowRows = new float[t * f];
        for (int k = 0; k < t; k++) rows.AsSpan(k * stride * f, f).CopyTo(windowRows.AsSpan(k * f, f));
        var direct = new float[session.OutputWidth];
        if (session.Predict(windowRows, 1, direct) != PredictStatus.Ok) return double.NaN;
        double diff = 0;
        for (int k = 0; k < direct.Length; k++) diff = Math.Max(diff, Math.Abs(direct[k] - served[k]));
        return diff;
    }
}
