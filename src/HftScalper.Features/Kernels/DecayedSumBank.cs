using System.Runtime.CompilerServices;

namespace HftScalper.Features.Kernels;

/// <summary>
/// Exponentially time-decayed sums on an irregular clock: <c>s_i = exp(-dt / tau_i) * s_i + x_i</c>, one lane per
/// (quantity, window) pair — buy and sell volume over 1 s/10 s/60 s, order-flow imbalance, squared returns for
/// realised volatility, VWAP numerator and denominator. A decayed count lane (input 1 per event) turns any sum into a
/// decayed mean. Runs on <see cref="LinearRecursionBank"/>, so all lanes move in one vector pass.
/// </summary>
/// <remarks>
/// Time is exchange time in nanoseconds, so replay and live decay identically. The decay factors are computed once
/// per distinct window (not per lane) with <see cref="Math.Exp(double)"/>, the same scalar function on every
/// machine and path; a repeated <c>dt</c> reuses the last factors. Allocation-free after construction.
/// </remarks>
internal sealed class DecayedSumBank
{
    private readonly LinearRecursionBank _bank;
    private readonly double[] _windowsNs;     // distinct windows
    private readonly int[] _laneWindow;       // lane -> index into _windowsNs
    private readonly double[] _factors;       // exp(-dt / window) per distinct window for _lastDt
    private readonly double[] _inputs;
    private long _lastNs = long.MinValue;
    private long _lastDt = -1;

    /// <summary>Creates one lane per entry of <paramref name="laneWindowsSeconds"/> (the lane's time constant).</summary>
    public DecayedSumBank(ReadOnlySpan<double> laneWindowsSeconds)
    {
        if (laneWindowsSeconds.IsEmpty) throw new ArgumentException("at least one lane", nameof(laneWindowsSeconds));
        _bank = new LinearRecursionBank(laneWindowsSeconds.Length);
        var distinct = new List<double>();
        _laneWindow = new int[laneWindowsSeconds.Length];
        for (int i = 0; i < laneWindowsSeconds.Length; i++)
        {
            double w = laneWindowsSeconds[i];
            if (!(w > 0) || !double.IsFinite(w)) throw new ArgumentOutOfRangeException(nameof(laneWindowsSeconds), "windows must be positive and finite");
            int k = distinct.IndexOf(w * 1e9);
            if (k < 0) { distinct.Add(w * 1e9); k = distinct.Count - 1; }
            _laneWindow[i] = k;
            _bank.Configure(i, 1, 1);
        }
        _windowsNs = [.. distinct];
        _factors = new double[_windowsNs.Length];
        _inputs = new double[_bank.Capacity];
    }

    /// <summary>Number of lanes.</summary>
    public int Lanes => _bank.Lanes;

    /// <summary>The decayed sum of a lane as of the last <see cref="Step"/>.</summary>
    public double this[int lane] => _bank[lane];

    /// <summary>The input slot of a lane for the next <see cref="Step"/> (cleared after each step).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref double Input(int lane) => ref _inputs[lane];

    /// <summary>
    /// Decays every lane to <paramref name="timeNs"/> and adds the pending inputs. A timestamp earlier than the last
    /// one (out-of-order venue times) decays by 0 rather than growing the sums.
    /// </summary>
    public void Step(long timeNs)
    {
        long dt = _lastNs == long.MinValue ? 0 : Math.Max(0, timeNs - _lastNs);
        if (timeNs > _lastNs) _lastNs = timeNs;
        if (dt != _lastDt)
        {
            for (int w = 0; w < _windowsNs.Length; w++) _factors[w] = Math.Exp(-dt / _windowsNs[w]);
            for (int lane = 0; lane < _laneWindow.Length; lane++) _bank.SetDecay(lane, _factors[_laneWindow[lane]]);
            _lastDt = dt;
        }
        _bank.Update(_inputs);
        Array.Clear(_inputs);
    }
}
