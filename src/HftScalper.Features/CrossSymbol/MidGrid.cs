using System.Runtime.CompilerServices;

namespace HftScalper.Features.CrossSymbol;

/// <summary>
/// One symbol's mid closed on the shared exchange-time grid: <c>Close(k)</c> is the mid (as bid + ask, integer price
/// units, so twice the mid; 0 = no quote then) in force at the end of interval <c>k</c> = [k I, (k+1) I). A ring of the
/// last <see cref="Capacity"/> closes; allocation-free after construction.
/// </summary>
/// <remarks>Intervals close lazily: <see cref="Advance"/> at an event of time t closes every interval that ended at or
/// before t with the mid in force before that event (the one known at the last event in stream order), so an idle
/// symbol's closes repeat its last mid and every symbol's grid reads the same boundaries.</remarks>
internal sealed class MidGrid
{
    private readonly long[] _closes;
    private readonly long _mask;
    private long _first = long.MaxValue, _last = long.MinValue; // closed intervals held: [max(_first, _last - Capacity + 1), _last]

    public MidGrid(int minCapacity)
    {
        int n = 1;
        while (n < minCapacity) n <<= 1;
        _closes = new long[n];
        _mask = n - 1;
    }

    public int Capacity => _closes.Length;

    /// <summary>Index of the last closed interval (<see cref="long.MinValue"/> before the first <see cref="Advance"/>).</summary>
    public long Last => _last;

    /// <summary>Closes every interval before <paramref name="current"/> (the interval of this event) with <paramref name="mid2"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(long current, long mid2)
    {
        if (current - 1 <= _last) return;
        AdvanceSlow(current, mid2);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AdvanceSlow(long current, long mid2)
    {
        if (_last == long.MinValue)
        {
            // The first event: no interval before it is known.
            _first = current;
            _last = current - 1;
            return;
        }
        long from = Math.Max(_last + 1, current - _closes.Length); // a long idle gap: only the last Capacity closes matter
        for (long k = from; k < current; k++) _closes[k & _mask] = mid2;
        _last = current - 1;
    }

    /// <summary>True when interval <paramref name="k"/> is closed and still held.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Has(long k) => k <= _last && k >= _first && k > _last - _closes.Length;

    /// <summary>The close of interval <paramref name="k"/> (bid + ask), 0 when not held or without a quote then.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Close(long k) => Has(k) ? _closes[k & _mask] : 0;

    /// <summary>Return over interval <paramref name="k"/> in bps (close k vs close k-1); false when either is unknown.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReturn(long k, out double bps)
    {
        long a = Close(k - 1), b = Close(k);
        if (a <= 0 || b <= 0) { bps = 0; return false; }
        bps = (b - a) * 1e4 / a;
        return true;
    }
}
