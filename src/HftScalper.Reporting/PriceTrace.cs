using System.Runtime.CompilerServices;

namespace HftScalper.Reporting;

/// <summary>
/// The mid over exchange time of the first few symbols, for the report's price chart: a bounded trace per symbol,
/// every k-th point kept, k doubling whenever the buffer fills (deterministic, as the equity trace). Buffers are
/// sized in the constructor; zero allocation per call. One thread.
/// </summary>
public sealed class PriceTrace
{
    private readonly long[][] _time;
    private readonly double[][] _mid;
    private readonly int[] _count;
    private readonly long[] _seen;
    private readonly long[] _stride;

    /// <summary>Traces symbols 0..<paramref name="symbols"/>-1, <paramref name="capacity"/> points each.</summary>
    public PriceTrace(int symbols = 4, int capacity = 2048)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(symbols);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 4);
        capacity &= ~1;
        _time = new long[symbols][];
        _mid = new double[symbols][];
        for (int i = 0; i < symbols; i++)
        {
            _time[i] = new long[capacity];
            _mid[i] = new double[capacity];
        }
        _count = new int[symbols];
        _seen = new long[symbols];
        _stride = new long[symbols];
        Array.Fill(_stride, 1L);
    }

    /// <summary>Symbols traced.</summary>
    public int Symbols => _count.Length;

    /// <summary>Records a mid (ticks); symbols beyond the traced ones are ignored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(int symbolId, long timeNs, double midTicks)
    {
        if ((uint)symbolId >= (uint)_count.Length) return;
        if ((_seen[symbolId]++ & (_stride[symbolId] - 1)) != 0) return;
        if (_count[symbolId] == _time[symbolId].Length) Coarsen(symbolId);
        int n = _count[symbolId]++;
        _time[symbolId][n] = timeNs;
        _mid[symbolId][n] = midTicks;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Coarsen(int s)
    {
        int kept = (_count[s] + 1) / 2;
        for (int i = 1; i < kept; i++)
        {
            _time[s][i] = _time[s][2 * i];
            _mid[s][i] = _mid[s][2 * i];
        }
        _count[s] = kept;
        _stride[s] *= 2;
    }

    /// <summary>The kept points of a symbol (times ns, mids in ticks); empty when not traced. Allocates.</summary>
    public (long[] TimesNs, double[] MidTicks) Points(int symbolId)
    {
        if ((uint)symbolId >= (uint)_count.Length) return ([], []);
        return (_time[symbolId].AsSpan(0, _count[symbolId]).ToArray(), _mid[symbolId].AsSpan(0, _count[symbolId]).ToArray());
    }
}
