using System.Diagnostics;
using System.Runtime.CompilerServices;
using HftScalper.Inference.Compiled;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using ModelMetadata = HftScalper.Inference.Metadata.ModelMetadata;

namespace HftScalper.Inference.Serving;

/// <summary>
/// One loaded model served from one ONNX Runtime session. Inputs and outputs live in pinned buffers sized for
/// <see cref="MaxBatch"/> rows; for each batch size an <see cref="OrtIoBinding"/> over those buffers is created at
/// warm-up, so <see cref="Predict(ReadOnlySpan{float}, int, Span{float})"/> and <see cref="PredictStaged"/> run with <c>RunWithBinding</c> and allocate
/// nothing. Not thread-safe: one inference thread calls it (the monitor may be read from anywhere).
/// </summary>
/// <remarks>Create through <c>ModelLoader</c>, which checks the file, the metadata and the feature schema first.</remarks>
public sealed class ModelSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly SessionOptions _sessionOptions;
    private readonly RunOptions _runOptions = new();
    private readonly BoundTensor _input;
    private readonly BoundTensor _scores;
    private readonly BoundTensor? _memberScores;
    private readonly BoundTensor? _memberReady;
    private readonly BoundTensor[] _inputs;
    private readonly BoundTensor[] _outputs;
    private readonly BatchBinding?[] _bindings;
    private readonly ILogger _logger;
    private readonly int _warmupRuns;
    // Role columns: output column i of a row is column _columns[i] of the model tensor's row (_sourceWidth wide),
    // resolved once at load from the contract; null = the tensor as it is.
    private readonly int[]? _columns;
    private readonly int _sourceWidth;
    // The managed evaluator of a tree-ensemble graph (null = ONNX Runtime runs every call).
    private readonly CompiledTreeModel? _compiled;
    private bool _runErrorLogged;
    private bool _nonFiniteLogged;

    internal ModelSession(InferenceSession session, SessionOptions sessionOptions, ModelMetadata metadata,
        ExecutionProviderKind provider, ServingOptions options, ModelShape shape, ModelContract contract, ModelRole role, ILogger logger,
        CompiledTreeModel? compiled = null)
    {
        if (!contract.Supports(role)) throw new ArgumentException($"the contract has no {role} output", nameof(role));
        _session = session;
        _sessionOptions = sessionOptions;
        _logger = logger;
        Metadata = metadata;
        Contract = contract;
        Role = role;
        ExecutionProvider = provider;
        MaxBatch = options.MaxBatch;
        _warmupRuns = options.WarmupRuns;
        _input = new BoundTensor(shape.InputName, shape.InputType, shape.InputTrailingDims, MaxBatch);
        // An ensemble's sequence-member inputs start at zero (not ready): served alone, the graph gives the other
        // members' combination; the member server writes them before each run.
        if (shape.HasMemberInputs)
        {
            MemberCount = shape.MemberCount;
            _memberScores = new BoundTensor(Ensemble.SequenceMemberSlot.ScoresInput, shape.InputType, [Ensemble.SequenceMemberSlot.Classes * MemberCount], MaxBatch);
            _memberReady = new BoundTensor(Ensemble.SequenceMemberSlot.ReadyInput, shape.InputType, [MemberCount], MaxBatch);
            _inputs = [_input, _memberScores, _memberReady];
        }
        else _inputs = [_input];
        // Every output is bound (a classifier's label too) so ORT never allocates an unbound one per run.
        _outputs = [.. shape.Outputs.Select(o => new BoundTensor(o.Name, o.Type, o.TrailingDims, MaxBatch))];
        string tensor = role switch
        {
            ModelRole.Direction => contract.Direction!.Tensor,
            ModelRole.Return => contract.Return!.Tensor,
            _ => metadata.OutputTensor,
        };
        _scores = Array.Find(_outputs, o => o.Name == tensor) ?? throw new InvalidOperationException($"output '{tensor}' not found");
        _sourceWidth = _scores.Width;
        int[]? columns = role switch
        {
            ModelRole.Direction => contract.Direction!.Columns(),
            ModelRole.Return => [contract.Return!.Column],
            _ => null,
        };
        // The identity over the whole tensor is a plain copy.
        bool identity = columns is not null && columns.Length == _sourceWidth && columns.Select((c, i) => c == i).All(x => x);
        _columns = identity ? null : columns;
        OutputWidth = columns?.Length ?? _sourceWidth;
        _bindings = new BatchBinding?[MaxBatch + 1];
        Monitor = new InferenceMonitor(MaxBatch);
        // The compiled evaluator writes the role tensor only; it serves when that tensor is its output, as wide.
        if (compiled is not null && compiled.OutputWidth == _sourceWidth && compiled.Features <= _input.Width
            && shape.InputType == Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float)
            _compiled = compiled;
        Evaluator = _compiled is null ? "onnxruntime" : $"compiled trees ({_compiled.Description})";
    }

    /// <summary>What computes the scores: "onnxruntime", or "compiled trees (...)" for a tree-ensemble graph compiled
    /// at load (<see cref="ServingOptions.CompileTrees"/>); ONNX Runtime stays loaded as the reference.</summary>
    public string Evaluator { get; }

    /// <summary>
    /// For a sequence model, what serves decision rows with their keys (set by the loader after checking it against
    /// this session): an LSTM's one-step server (<see cref="Sequence.LstmRowServer"/>) or a window model's per-symbol
    /// rings (<see cref="Sequence.WindowRowServer"/>); null for every other model.
    /// </summary>
    public Sequence.ISequenceRowServer? SequenceRows { get; internal set; }

    /// <summary>
    /// The sequence members an ensemble graph reads (<see cref="Ensemble.SequenceMemberSlot"/>), in the graph's order,
    /// loaded from the file's embedded members and owned by this session; empty for every other model.
    /// </summary>
    public IReadOnlyList<ModelSession> Members { get; internal set; } = [];

    /// <summary>The first sequence member (<see cref="Members"/>), or null.</summary>
    public ModelSession? Member => Members.Count > 0 ? Members[0] : null;

    /// <summary>Sequence members the graph reads (0 for every other model).</summary>
    public int MemberCount { get; }

    /// <summary>True when the graph reads a sequence member's scores and readiness beside the features.</summary>
    public bool HasMemberInputs => _memberScores is not null;

    /// <summary>
    /// The pinned member scores of rows <c>[firstRow, firstRow+rows)</c> (3 per row and member, members in order, each
    /// in canonical order) read by the next
    /// <see cref="Predict(ReadOnlySpan{float}, int, Span{float})"/>/<see cref="PredictStaged"/>; they stay as written. Empty when the graph has no member inputs.
    /// </summary>
    public Span<float> MemberScores(int firstRow, int rows) =>
        _memberScores is null ? default : _memberScores.Floats.Slice(CheckRows(firstRow, rows) * Ensemble.SequenceMemberSlot.Classes * MemberCount, rows * Ensemble.SequenceMemberSlot.Classes * MemberCount);

    /// <summary>
    /// The pinned member readiness of rows <c>[firstRow, firstRow+rows)</c> (one per member; 1 = its scores are a prediction;
    /// initially 0, so a graph served alone gives the other members' combination). Empty when the graph has no member inputs.
    /// </summary>
    public Span<float> MemberReady(int firstRow, int rows) =>
        _memberReady is null ? default : _memberReady.Floats.Slice(CheckRows(firstRow, rows) * MemberCount, rows * MemberCount);

    private int CheckRows(int firstRow, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstRow);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstRow + rows, MaxBatch);
        return firstRow;
    }

    /// <summary><see cref="SequenceRows"/> when it is an LSTM's one-step server, else null.</summary>
    public Sequence.LstmRowServer? LstmSteps => SequenceRows as Sequence.LstmRowServer;

    /// <summary>What the model is (from its ONNX metadata).</summary>
    public ModelMetadata Metadata { get; }

    /// <summary>The model's contract (heads, horizon, labelling threshold), resolved at load.</summary>
    public ModelContract Contract { get; }

    /// <summary>
    /// What the session serves: for <see cref="ModelRole.Direction"/> every row is the canonical
    /// <see cref="DirectionContract"/> row (down, flat, up) whatever the model's class order; for
    /// <see cref="ModelRole.Return"/> the one return value; for <see cref="ModelRole.Outputs"/> the declared output as is.
    /// </summary>
    public ModelRole Role { get; }

    /// <summary>The execution provider the session runs on.</summary>
    public ExecutionProviderKind ExecutionProvider { get; }

    /// <summary>Largest batch accepted.</summary>
    public int MaxBatch { get; }

    /// <summary>Floats per input row: F for tabular models, T*F for sequence models.</summary>
    public int RowLength => _input.Width;

    /// <summary>Score columns per row: 3 for <see cref="ModelRole.Direction"/>, 1 for <see cref="ModelRole.Return"/>, else the output's width.</summary>
    public int OutputWidth { get; }

    /// <summary>Latency, batch-size and problem counters of this model.</summary>
    public InferenceMonitor Monitor { get; }

    /// <summary>
    /// The pinned input rows <c>[firstRow, firstRow+rows)</c>: a feature stage may write a batch here directly and
    /// then call <see cref="PredictStaged"/>, saving the copy that <see cref="Predict(ReadOnlySpan{float}, int, Span{float})"/> makes.
    /// </summary>
    public Span<float> StagingRows(int firstRow, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstRow);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstRow + rows, MaxBatch);
        return _input.Floats.Slice(firstRow * RowLength, rows * RowLength);
    }

    /// <summary>
    /// Predicts <paramref name="batch"/> rows of <paramref name="features"/> (<c>batch*RowLength</c> floats, row-major)
    /// as one <c>[batch, ...]</c> run, writing <c>batch*OutputWidth</c> scores. Allocation-free after warm-up.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PredictStatus Predict(ReadOnlySpan<float> features, int batch, Span<float> outputs) => Predict(features, default, batch, outputs);

    /// <summary>
    /// As <see cref="Predict(ReadOnlySpan{float}, int, Span{float})"/> with each row's key (empty = none): a compiled
    /// tree ensemble served incrementally compares a row with the previous row of the key's symbol (one state per
    /// symbol), so rows of several symbols interleaved keep its gain; the scores are the same with or without keys.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PredictStatus Predict(ReadOnlySpan<float> features, ReadOnlySpan<Sequence.SequenceRowKey> keys, int batch, Span<float> outputs)
    {
        if ((uint)(batch - 1) >= (uint)MaxBatch || features.Length < batch * RowLength || (!keys.IsEmpty && keys.Length < batch)) return Invalid();
        features[..(batch * RowLength)].CopyTo(_input.Floats);
        return Run(batch, outputs, keys);
    }

    /// <summary>Predicts the first <paramref name="batch"/> rows already written through <see cref="StagingRows"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PredictStatus PredictStaged(int batch, Span<float> outputs)
    {
        if ((uint)(batch - 1) >= (uint)MaxBatch) return Invalid();
        return Run(batch, outputs, default);
    }

    /// <summary>
    /// Creates the binding of every batch size and runs each <see cref="ServingOptions.WarmupRuns"/> times on zeros,
    /// so the first real call pays no allocation or first-run cost. Warm-up runs are not counted in the monitor.
    /// </summary>
    public void Warmup() => Warmup(_warmupRuns);

    /// <summary>
    /// Like <see cref="Warmup()"/> with <paramref name="runs"/> runs per batch size (0 = only create the bindings): the
    /// validator checks latency first on bindings alone and warms up only a model that passed, so a very slow model
    /// is refused without running every batch size.
    /// </summary>
    public void Warmup(int runs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(runs);
        _input.Floats.Clear();
        for (int b = 1; b <= MaxBatch; b++)
        {
            var binding = _bindings[b] ??= new BatchBinding(_session, b, _inputs, _outputs);
            for (int i = 0; i < runs; i++)
            {
                if (_compiled is not null) _compiled.Evaluate(_input.Floats, b, RowLength, _scores.Floats);
                else _session.RunWithBinding(_runOptions, binding.IoBinding);
            }
        }
    }

    private PredictStatus Run(int batch, Span<float> outputs, ReadOnlySpan<Sequence.SequenceRowKey> keys)
    {
        int n = batch * OutputWidth;
        if (outputs.Length < n) return Invalid();
        var monitor = Monitor;
        bool timed = monitor.TimesRuns;
        long start = timed ? Stopwatch.GetTimestamp() : 0;
        try
        {
            if (_compiled is not null) _compiled.Evaluate(_input.Floats, batch, RowLength, _scores.Floats, keys);
            else _session.RunWithBinding(_runOptions, (_bindings[batch] ?? CreateBinding(batch)).IoBinding);
        }
        catch (OnnxRuntimeException e)
        {
            return RunFailed(e);
        }
        long elapsed = timed ? Stopwatch.GetTimestamp() - start : 0;
        if (_columns is null) _scores.Floats[..n].CopyTo(outputs);
        else Gather(_scores.Floats, batch, outputs);
        if (timed) monitor.RecordRun(elapsed, batch);
        else monitor.RecordUntimedRun(batch);
        foreach (var v in outputs[..n])
            if (!float.IsFinite(v)) return NonFinite();
        return PredictStatus.Ok;
    }

    // Reads each row's role columns through the contract (e.g. [up, flat, down] -> [down, flat, up]).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Gather(ReadOnlySpan<float> source, int batch, Span<float> outputs)
    {
        var columns = _columns!;
        int w = columns.Length, sw = _sourceWidth;
        for (int r = 0; r < batch; r++)
        {
            var from = source.Slice(r * sw, sw);
            var to = outputs.Slice(r * w, w);
            for (int c = 0; c < w; c++) to[c] = from[columns[c]];
        }
    }

    // Only reached when a batch size was not warmed up; allocates the binding once.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private BatchBinding CreateBinding(int batch) => _bindings[batch] = new BatchBinding(_session, batch, _inputs, _outputs);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private PredictStatus Invalid()
    {
        Monitor.RecordInvalidCall();
        return PredictStatus.InvalidArguments;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private PredictStatus NonFinite()
    {
        Monitor.RecordNonFinite();
        if (!_nonFiniteLogged)
        {
            _nonFiniteLogged = true;
            _logger.LogError("Model {Model} v{Version}: non-finite output (NaN/Inf); counted, further occurrences only counted", Metadata.Name, Metadata.Version);
        }
        return PredictStatus.NonFiniteOutput;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private PredictStatus RunFailed(OnnxRuntimeException e)
    {
        Monitor.RecordRuntimeError();
        if (!_runErrorLogged)
        {
            _runErrorLogged = true;
            _logger.LogError(e, "Model {Model} v{Version}: run failed; counted, further failures only counted", Metadata.Name, Metadata.Version);
        }
        return PredictStatus.RuntimeError;
    }

    /// <summary>Releases the bindings, tensors and the session.</summary>
    public void Dispose()
    {
        foreach (var m in Members) m.Dispose();
        foreach (var b in _bindings) b?.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
        _sessionOptions.Dispose();
    }
}
