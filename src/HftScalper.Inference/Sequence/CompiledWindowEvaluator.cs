using HftScalper.Inference.Serving;

namespace HftScalper.Inference.Sequence;

/// <summary>
/// Windows scored by <see cref="CompiledTransformer"/>: each snapshot is encoded once as it enters the ring
/// (<see cref="CompiledTransformer.EncodeSnapshot"/>), a window is scored from its encoded snapshots
/// (<see cref="CompiledTransformer.PredictEncoded(ReadOnlySpan{float}, Span{float})"/>) and its columns read through the
/// model's contract (canonical direction order, as the session gives them). A micro-batch of several windows (several
/// symbols due together) is one <see cref="CompiledTransformer.PredictEncoded(ReadOnlySpan{float}, int, Span{float})"/>
/// pass: the row-wise products over all its windows' rows at once, each window's scores the bits it gets alone; runs
/// and non-finite scores are counted in the session's monitor.
/// One encoder is shared by every symbol of a server: single inference thread.
/// </summary>
internal sealed class CompiledWindowEvaluator : IWindowEvaluator
{
    private readonly CompiledTransformer _model;
    private readonly InferenceMonitor? _monitor;
    private readonly int[]? _columns;
    private readonly float[] _staging, _modelScores;
    private readonly int _windowLength;

    /// <summary>Scores <paramref name="model"/>'s windows in batches of at most <paramref name="maxBatch"/>, output column
    /// <c>k</c> being the model's <paramref name="columns"/>[k] (null = as is).</summary>
    public CompiledWindowEvaluator(CompiledTransformer model, int maxBatch, int[]? columns, InferenceMonitor? monitor)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatch);
        if (columns is not null && Array.Exists(columns, c => (uint)c >= (uint)model.Outputs))
            throw new ArgumentException($"a column is outside the model's {model.Outputs} outputs", nameof(columns));
        _model = model;
        _monitor = monitor;
        _columns = columns;
        MaxBatch = maxBatch;
        OutputWidth = columns?.Length ?? model.Outputs;
        _windowLength = model.SequenceLength * model.SnapshotWidth;
        _staging = new float[maxBatch * _windowLength];
        _modelScores = new float[maxBatch * model.Outputs];
        model.ReserveWindows(maxBatch);
    }

    /// <inheritdoc />
    public int SnapshotWidth => _model.SnapshotWidth;

    /// <inheritdoc />
    public int MaxBatch { get; }

    /// <inheritdoc />
    public int OutputWidth { get; }

    /// <inheritdoc />
    public void Encode(ReadOnlySpan<float> row, Span<float> snapshot) => _model.EncodeSnapshot(row, snapshot);

    /// <inheritdoc />
    public Span<float> Staging(int slot) => _staging.AsSpan(slot * _windowLength, _windowLength);

    /// <inheritdoc />
    public bool Run(int batch, Span<float> scores)
    {
        if ((uint)(batch - 1) >= (uint)MaxBatch || scores.Length < batch * OutputWidth) return false;
        long start = _monitor?.StartRun() ?? 0; // untimed (0) when no one reads the run latencies
        bool finite = true;
        var windows = _staging.AsSpan(0, batch * _windowLength);
        if (_columns is null) _model.PredictEncoded(windows, batch, scores);
        else
        {
            _model.PredictEncoded(windows, batch, _modelScores);
            for (int b = 0; b < batch; b++)
                for (int k = 0; k < _columns.Length; k++) scores[b * OutputWidth + k] = _modelScores[b * _model.Outputs + _columns[k]];
        }
        foreach (var v in scores[..(batch * OutputWidth)]) finite &= float.IsFinite(v);
        _monitor?.EndRun(start, batch);
        if (!finite) _monitor?.RecordNonFinite();
        return finite;
    }
}
