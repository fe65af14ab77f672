using System.Runtime.CompilerServices;

namespace HftScalper.Features.Bars;

/// <summary>
/// Builds fixed-period bars (1m, 5m, 15m, ...) in exchange time from a price stream (mid or trades) and trade volume.
/// </summary>
/// <remarks>
/// A bar closes on the first update at or after its period end, so bars depend only on exchange timestamps and the
/// order of events: replaying in chunks, live or in training gives the same bars. Periods with no update at all emit no
/// bar (indicators then advance per active bar; for liquid crypto pairs an empty minute is rare). No allocation.
/// </remarks>
internal sealed class TimeBarBuilder
{
    private readonly long _periodNs;
    private TimeBar _current;
    private bool _open;

    /// <summary>Creates a builder of bars lasting <paramref name="periodNs"/> nanoseconds.</summary>
    public TimeBarBuilder(long periodNs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodNs);
        _periodNs = periodNs;
    }

    /// <summary>The bar period in nanoseconds.</summary>
    public long PeriodNs => _periodNs;

    /// <summary>The bar being built (valid when <see cref="HasOpenBar"/>).</summary>
    public ref readonly TimeBar Current => ref _current;

    /// <summary>Whether a bar has started.</summary>
    public bool HasOpenBar => _open;

    /// <summary>
    /// Folds a price observation (and traded volume, 0 for a quote) at exchange time <paramref name="timeNs"/>.
    /// Returns true when it closed the previous bar, which is then in <paramref name="closed"/>.
    /// Out-of-order timestamps (earlier than the open bar) are folded into the open bar.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Update(long timeNs, double price, double volume, out TimeBar closed)
    {
        long start = timeNs - ((timeNs % _periodNs) + _periodNs) % _periodNs;
        if (_open && start > _current.StartNs)
        {
            closed = _current;
            Start(start, price, volume);
            return true;
        }
        if (!_open) Start(start, price, volume);
        else Fold(price, volume);
        closed = default;
        return false;
    }

    private void Start(long start, double price, double volume)
    {
        _current = new TimeBar
        {
            StartNs = start, Open = price, High = price, Low = price, Close = price,
            Volume = volume, Turnover = price * volume, Updates = 1,
        };
        _open = true;
    }

    private void Fold(double price, double volume)
    {
        if (price > _current.High) _current.High = price;
        if (price < _current.Low) _current.Low = price;
        _current.Close = price;
        _current.Volume += volume;
        _current.Turnover += price * volume;
        _current.Updates++;
    }
}
