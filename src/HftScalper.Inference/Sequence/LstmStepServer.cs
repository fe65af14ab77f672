using System.Runtime.CompilerServices;

namespace HftScalper.Inference.Sequence;

/// <summary>
/// Serves an <see cref="LstmStepModel"/> per symbol: each symbol's <c>h</c> and <c>c</c> are carried from one decision
/// to the next, so a decision costs one step. The state restarts from zero on <see cref="Reset(int)"/> (book resync),
/// on <see cref="ResetAll"/> (model swap) and by itself when a row comes more than the gap limit after the symbol's
/// previous one (or earlier than it) — the rule that cuts training sequences (<c>SequenceWindows</c>). The outputs are
/// those of the LSTM run over every row since the last restart: for the first T rows exactly the window model's.
/// <see cref="Peek"/> answers from the carried state without keeping the step (a decision between two rows of the
/// model's sampling clock). Allocation-free per call (a symbol id beyond the capacity grows the state once); not
/// thread-safe (one inference thread).
/// </summary>
public sealed class LstmStepServer
{
    private readonly LstmStepModel _model;
    private readonly float[] _scratch, _peekH, _peekC, _pairScratch, _peekH1, _peekC1;
    private float[] _h, _c;
    private long[] _lastNs;
    private int[] _steps;

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
        _peekH = new float[model.Hidden];
        _peekC = new float[model.Hidden];
        _pairScratch = new float[model.PairScratchLength];
        _peekH1 = new float[model.Hidden];
        _peekC1 = new float[model.Hidden];
        _lastNs = new long[symbols];
        _steps = new int[symbols];
        ResetAll();
    }

    /// <summary>Longest gap between a symbol's rows that keeps its state.</summary>
    public long MaxGapNs { get; }

    /// <summary>Restarts that a gap (or time going backwards) caused.</summary>
    public long GapResets { get; private set; }

    /// <summary>The step computed for each symbol.</summary>
    public LstmStepModel Model => _model;

    /// <summary>Symbols with state now (ids <c>0 .. Capacity-1</c>).</summary>
    public int Capacity => _steps.Length;

    /// <summary>Rows stepped into <paramref name="symbol"/>'s state since its last restart (0 for a symbol without state).</summary>
    public int StepsSinceReset(int symbol) => (uint)symbol < (uint)_steps.Length ? _steps[symbol] : 0;

    /// <summary>
    /// Steps <paramref name="symbol"/>'s state by <paramref name="row"/> at exchange time <paramref name="timeNs"/> and
    /// writes the class probabilities to <paramref name="scores"/>. Returns false (scores untouched, state kept)
    /// for a negative symbol or a short row.
    /// </summary>
    public bool Step(int symbol, long timeNs, ReadOnlySpan<float> row, Span<float> scores)
    {
        if (!Prepare(symbol, timeNs, row, scores)) return false;
        int n = _model.Hidden;
        _model.Step(row, _h.AsSpan(symbol * n, n), _c.AsSpan(symbol * n, n), scores, _scratch);
        _lastNs[symbol] = timeNs;
        _steps[symbol]++;
        return true;
    }

    /// <summary>
    /// Like <see cref="Step"/> (the same gap rule), but the step is not kept: the scores are those of the carried
    /// state stepped by <paramref name="row"/>, and the state stays as it was. Same cost as a step.
    /// </summary>
    public bool Peek(int symbol, long timeNs, ReadOnlySpan<float> row, Span<float> scores)
    {
        if (!Prepare(symbol, timeNs, row, scores)) return false;
        int n = _model.Hidden;
        _h.AsSpan(symbol * n, n).CopyTo(_peekH);
        _c.AsSpan(symbol * n, n).CopyTo(_peekC);
        _model.Step(row, _peekH, _peekC, scores, _scratch);
        return true;
    }

    /// <summary>
    /// Two symbols' decisions in one pass over the weights (<see cref="LstmStepModel.StepPair"/>): each is a
    /// <see cref="Step"/> when its <c>keep</c> is true, else a <see cref="Peek"/>, with the same gap rule, and its scores
    /// and state are bit-equal to that call's. Returns false (nothing stepped) when the symbols are equal or a call
    /// would be refused.
    /// </summary>
    public bool StepPair(int symbol0, long timeNs0, ReadOnlySpan<float> row0, Span<float> scores0, bool keep0,
        int symbol1, long timeNs1, ReadOnlySpan<float> row1, Span<float> scores1, bool keep1)
    {
        if (symbol0 == symbol1 || symbol0 < 0 || symbol1 < 0 || row0.Length < _model.Inputs || row1.Length < _model.Inputs
            || scores0.Length < _model.Outputs || scores1.Length < _model.Outputs) return false;
        Prepare(symbol0, timeNs0, row0, scores0);
        Prepare(symbol1, timeNs1, row1, scores1);
        int n = _model.Hidden;
        Span<float> h0 = _h.AsSpan(symbol0 * n, n), c0 = _c.AsSpan(symbol0 * n, n), h1 = _h.AsSpan(symbol1 * n, n), c1 = _c.AsSpan(symbol1 * n, n);
        if (!keep0)
        {
            h0.CopyTo(_peekH); c0.CopyTo(_peekC);
            h0 = _peekH; c0 = _peekC;
        }
        if (!keep1)
        {
            h1.CopyTo(_peekH1); c1.CopyTo(_peekC1);
            h1 = _peekH1; c1 = _peekC1;
        }
        _model.StepPair(row0, h0, c0, scores0, row1, h1, c1, scores1, _pairScratch);
        if (keep0) { _lastNs[symbol0] = timeNs0; _steps[symbol0]++; }
        if (keep1) { _lastNs[symbol1] = timeNs1; _steps[symbol1]++; }
        return true;
    }

    // Checks the call, grows the state for a new symbol id, and restarts a symbol whose previous row is too old.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Prepare(int symbol, long timeNs, ReadOnlySpan<float> row, Span<float> scores)
    {
        if (symbol < 0 || row.Length < _model.Inputs || scores.Length < _model.Outputs) return false;
        if (symbol >= _steps.Length) Grow(symbol);
        if (_steps[symbol] > 0 && (timeNs - _lastNs[symbol] > MaxGapNs || timeNs < _lastNs[symbol]))
        {
            Reset(symbol);
            GapResets++;
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int symbol)
    {
        int symbols = Math.Max(symbol + 1, 2 * _steps.Length), n = _model.Hidden;
        Array.Resize(ref _h, symbols * n);
        Array.Resize(ref _c, symbols * n);
        Array.Resize(ref _lastNs, symbols);
        Array.Resize(ref _steps, symbols);
    }

    /// <summary>Zeroes one symbol's state (book resync); a symbol without state is left alone.</summary>
    public void Reset(int symbol)
    {
        if ((uint)symbol >= (uint)_steps.Length) return;
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
