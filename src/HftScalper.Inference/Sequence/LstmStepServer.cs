namespace HftScalper.Inference.Sequence;

/// <summary>
/// Serves an <see cref="LstmStepModel"/> per symbol: each symbol's <c>h</c> and <c>c</c> are carried from one decision
/// to the next, so a decision costs one step. The state restarts from zero on <see cref="Reset(int)"/> (book resync),
/// on <see cref="ResetAll"/> (model swap) and by itself when a row comes more than the gap limit after the symbol's
/// previous one (or earlier than it) — the rule that cuts training sequences (<c>SequenceWindows</c>). The outputs are
/// those of the LSTM run over every row since the last restart: for the first T rows exactly the window model's.
/// Allocation-free per call; not thread-safe (one inference thread).
/// </summary>
public sealed class LstmStepServer
{
    private readonly LstmStepModel _model;
    private readonly float[] _h, _c, _scratch;
    private readonly long[] _lastNs;
    private readonly int[] _steps;

    /// <summary>State for symbol ids <c>0 .. symbols-1</c>.</summary>
    public LstmStepServer(LstmStepModel model, int symbols, long maxGapNs)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(symbols);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxGapNs);
        _model = model;
        MaxGapNs = maxGapNs;
        _h = new float[symbols * model.Hidden];
        _c = new float[symbols * model.Hidden];
        _scratch = new float[model.ScratchLength];
        _lastNs = new long[symbols];
        _steps = new int[symbols];
        ResetAll();
    }

    /// <summary>Longest gap between a symbol's rows that keeps its state.</summary>
    public long MaxGapNs { get; }

    /// <summary>Restarts that a gap (or time going backwards) caused.</summary>
    public long GapResets { get; private set; }

    /// <summary>Rows stepped into <paramref name="symbol"/>'s state since its last restart.</summary>
    public int StepsSinceReset(int symbol) => _steps[symbol];

    /// <summary>
    /// Steps <paramref name="symbol"/>'s state by <paramref name="row"/> at exchange time <paramref name="timeNs"/> and
    /// writes the class probabilities to <paramref name="scores"/>. Returns false (scores untouched, state kept)
    /// for an unknown symbol or a short row.
    /// </summary>
    public bool Step(int symbol, long timeNs, ReadOnlySpan<float> row, Span<float> scores)
    {
        if ((uint)symbol >= (uint)_steps.Length || row.Length < _model.Inputs || scores.Length < _model.Outputs) return false;
        if (_steps[symbol] > 0 && (timeNs - _lastNs[symbol] > MaxGapNs || timeNs < _lastNs[symbol]))
        {
            Reset(symbol);
            GapResets++;
        }
        int n = _model.Hidden;
        _model.Step(row, _h.AsSpan(symbol * n, n), _c.AsSpan(symbol * n, n), scores, _scratch);
        _lastNs[symbol] = timeNs;
        _steps[symbol]++;
        return true;
    }

    /// <summary>Zeroes one symbol's state (book resync).</summary>
    public void Reset(int symbol)
    {
        int n = _model.Hidden;
        _h.AsSpan(symbol * n, n).Clear();
        _c.AsSpan(symbol * n, n).Clear();
        _steps[symbol] = 0;
    }

    /// <summary>Zeroes every symbol's state (model swap).</summary>
    public void ResetAll()
    {
        _h.AsSpan().Clear();
        _c.AsSpan().Clear();
        _steps.AsSpan().Clear();
    }
}
