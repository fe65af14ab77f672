using System.Runtime.CompilerServices;

namespace HftScalper.Reporting;

/// <summary>
/// Equity (account value in quote currency: starting capital + realised + unrealised PnL after fees) over exchange
/// time. Three things are kept, all in arrays sized once in the constructor, so <see cref="Record"/> never
/// allocates:
/// <list type="bullet">
/// <item>exact running figures over every point: first/last equity, peak, max drawdown (fraction of the peak and
/// absolute, tracked separately since they can occur at different points);</item>
/// <item>a fixed exchange-time grid (<see cref="GridIntervalNs"/>, default 1 s) of the equity in force at each
/// grid instant, from which <see cref="RunStatistics.Sharpe"/> takes returns; when the grid buffer fills, the
/// interval doubles and every other value is dropped (deterministic);</item>
/// <item>a bounded trace of recorded points for the plots: every k-th point, k doubling whenever the buffer fills
/// (deterministic); the last point is always kept apart so the plot ends where the run ended.</item>
/// </list>
/// Call from one thread. Times going backwards (several symbols slightly out of order) are clamped to the last
/// time and counted in <see cref="OutOfOrderPoints"/>.
/// </summary>
public sealed class EquityRecorder
{
    private readonly double[] _grid;
    private readonly long[] _traceTime;
    private readonly double[] _traceEquity;
    private readonly double[] _traceDrawdown;
    private int _gridCount;
    private long _gridIntervalNs;
    private long _nextBoundaryNs;
    private int _traceCount;
    private long _traceStride = 1;
    private long _count;
    private long _firstTimeNs;
    private long _lastTimeNs;
    private double _first;
    private double _last;
    private double _lastDrawdown;
    private double _peak;
    private double _maxDrawdown;
    private double _maxDrawdownAbs;
    private long _outOfOrder;
    private long _invalid;

    /// <summary>Creates a recorder with its buffers.</summary>
    /// <param name="gridIntervalNs">Sharpe sampling interval of exchange time (default 1 s).</param>
    /// <param name="gridCapacity">Grid values kept before the interval doubles (default 2^18: 3 days at 1 s).</param>
    /// <param name="traceCapacity">Points kept for the plots (default 4096).</param>
    public EquityRecorder(long gridIntervalNs = 1_000_000_000, int gridCapacity = 1 << 18, int traceCapacity = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gridIntervalNs, 1L);
        ArgumentOutOfRangeException.ThrowIfLessThan(gridCapacity, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(traceCapacity, 4);
        _gridIntervalNs = gridIntervalNs;
        // Even capacities keep the decimation exact (see CoarsenGrid/CoarsenTrace).
        _grid = new double[gridCapacity & ~1];
        _traceTime = new long[traceCapacity & ~1];
        _traceEquity = new double[traceCapacity & ~1];
        _traceDrawdown = new double[traceCapacity & ~1];
    }

    /// <summary>Points recorded.</summary>
    public long Count => _count;

    /// <summary>Equity of the first point (0 when empty).</summary>
    public double FirstEquity => _first;

    /// <summary>Equity of the last point (0 when empty).</summary>
    public double LastEquity => _last;

    /// <summary>Last minus first equity: the run's PnL after fees.</summary>
    public double Pnl => _last - _first;

    /// <summary>Highest equity seen.</summary>
    public double PeakEquity => _peak;

    /// <summary>Largest fall from a running peak as a fraction of that peak (0.05 = 5 %), over every point.</summary>
    public double MaxDrawdown => _maxDrawdown;

    /// <summary>Largest fall from a running peak in quote currency, over every point.</summary>
    public double MaxDrawdownAbs => _maxDrawdownAbs;

    /// <summary>Exchange time of the first point in ns.</summary>
    public long FirstTimeNs => _firstTimeNs;

    /// <summary>Exchange time of the last point in ns.</summary>
    public long LastTimeNs => _lastTimeNs;

    /// <summary>Current grid interval in ns (the constructor's, doubled each time the grid buffer filled).</summary>
    public long GridIntervalNs => _gridIntervalNs;

    /// <summary>Points whose time was earlier than the previous point's (clamped to it).</summary>
    public long OutOfOrderPoints => _outOfOrder;

    /// <summary>Non-finite equity values ignored.</summary>
    public long InvalidPoints => _invalid;

    /// <summary>Records the equity at an exchange time. Zero allocation; a non-finite value is counted and ignored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(long exchangeTimeNs, double equity)
    {
        if (!double.IsFinite(equity))
        {
            _invalid++; // a NaN would poison the peak, the drawdown and the JSON
            return;
        }

        if (_count == 0)
        {
            Start(exchangeTimeNs, equity);
            return;
        }

        if (exchangeTimeNs < _lastTimeNs)
        {
            _outOfOrder++;
            exchangeTimeNs = _lastTimeNs;
        }

        // Grid value at each boundary crossed = equity in force just before it.
        while (exchangeTimeNs >= _nextBoundaryNs)
        {
            AppendGrid(_last);
        }

        _count++;
        _last = equity;
        _lastTimeNs = exchangeTimeNs;
        if (equity > _peak) _peak = equity;
        double dd = _peak - equity;
        if (dd > _maxDrawdownAbs) _maxDrawdownAbs = dd;
        _lastDrawdown = _peak > 0 ? dd / _peak : 0;
        if (_lastDrawdown > _maxDrawdown) _maxDrawdown = _lastDrawdown;
        if (((_count - 1) & (_traceStride - 1)) == 0) AppendTrace(exchangeTimeNs, equity, _lastDrawdown);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Start(long t, double equity)
    {
        _count = 1;
        _firstTimeNs = _lastTimeNs = t;
        _first = _last = _peak = equity;
        _grid[0] = equity;
        _gridCount = 1;
        _nextBoundaryNs = t + _gridIntervalNs;
        AppendTrace(t, equity, 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AppendGrid(double value)
    {
        if (_gridCount == _grid.Length) CoarsenGrid();
        _grid[_gridCount++] = value;
        _nextBoundaryNs += _gridIntervalNs;
    }

    // Keeps the values at even grid indices: they are exactly the values at the instants of a grid twice as wide.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CoarsenGrid()
    {
        int kept = (_gridCount + 1) / 2;
        for (int i = 1; i < kept; i++) _grid[i] = _grid[2 * i];
        _gridCount = kept;
        // The capacity is even, so the instant being appended now (first + capacity * old interval) is also on
        // the new grid and _nextBoundaryNs stays valid.
        _gridIntervalNs *= 2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AppendTrace(long t, double equity, double drawdown)
    {
        if (_traceCount == _traceTime.Length) CoarsenTrace();
        _traceTime[_traceCount] = t;
        _traceEquity[_traceCount] = equity;
        _traceDrawdown[_traceCount] = drawdown;
        _traceCount++;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CoarsenTrace()
    {
        int kept = (_traceCount + 1) / 2;
        for (int i = 1; i < kept; i++)
        {
            _traceTime[i] = _traceTime[2 * i];
            _traceEquity[i] = _traceEquity[2 * i];
            _traceDrawdown[i] = _traceDrawdown[2 * i];
        }

        _traceCount = kept;
        _traceStride *= 2; // stays a power of two: the keep test is a mask
    }

    /// <summary>
    /// Equity at each grid instant first + k * <see cref="GridIntervalNs"/> that the run passed (the equity in
    /// force just before that instant; k = 0 is the first point). A final partial interval is left out so every
    /// return spans the same time. Allocates: call after the run.
    /// </summary>
    public double[] GridValues() => _grid.AsSpan(0, _gridCount).ToArray();

    /// <summary>
    /// The plot trace: times (ns), equity and drawdown fraction of the kept points, with the last recorded point
    /// appended when the decimation skipped it. Allocates: call after the run.
    /// </summary>
    public (long[] TimesNs, double[] Equity, double[] Drawdown) Trace()
    {
        if (_count == 0) return ([], [], []);
        bool tail = ((_count - 1) & (_traceStride - 1)) != 0;
        int n = _traceCount + (tail ? 1 : 0);
        var t = new long[n];
        var e = new double[n];
        var d = new double[n];
        Array.Copy(_traceTime, t, _traceCount);
        Array.Copy(_traceEquity, e, _traceCount);
        Array.Copy(_traceDrawdown, d, _traceCount);
        if (tail)
        {
            t[^1] = _lastTimeNs;
            e[^1] = _last;
            d[^1] = _lastDrawdown;
        }

        return (t, e, d);
    }
}
