namespace HftScalper.Binance.Transport;

/// <summary>
/// Binance REST request-weight budget for one IP: a one-minute window (Binance's <c>REQUEST_WEIGHT</c> limit,
/// 6000/min on spot at the time of writing: read it from <c>exchangeInfo</c> and pass it in), corrected by the
/// <c>X-MBX-USED-WEIGHT-1M</c> header of every answer, plus a hard pause after 429 (<c>Retry-After</c>) or 418 (ban).
/// </summary>
/// <remarks>Thread-safe; used off the hot path (snapshot fetches), so a lock is fine here.</remarks>
public sealed class RequestWeightLimiter
{
    private readonly Lock _lock = new();
    private readonly int _limitPerMinute;
    private readonly TimeProvider _time;
    private long _windowMinute = -1;
    private int _used;
    private int _lastServerUsed = -1;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    /// <summary>Creates a limiter.</summary>
    /// <param name="limitPerMinute">Weight allowed per minute; requests wait rather than exceed it.</param>
    /// <param name="time">Clock (tests may pass a fake; default system).</param>
    public RequestWeightLimiter(int limitPerMinute, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limitPerMinute, 1);
        _limitPerMinute = limitPerMinute;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Weight used in the current minute, as last known.</summary>
    public int UsedWeight { get { lock (_lock) { Roll(_time.GetUtcNow()); return _used; } } }

    /// <summary>The last count the server reported in <c>X-MBX-USED-WEIGHT-1M</c>, or -1 before any. Unlike
    /// <see cref="UsedWeight"/> it does not reset when the local minute rolls, so it shows what was adopted.</summary>
    public int LastServerUsedWeight { get { lock (_lock) return _lastServerUsed; } }

    /// <summary>Until when all requests are paused (429/418), or <see cref="DateTimeOffset.MinValue"/>.</summary>
    public DateTimeOffset PausedUntil { get { lock (_lock) return _pausedUntil; } }

    /// <summary>The weight of a depth snapshot of <paramref name="limit"/> levels (spot rules: 1-100: 5,
    /// 101-500: 25, 501-1000: 50, 1001-5000: 250).</summary>
    public static int DepthWeight(int limit) => limit switch
    {
        <= 100 => 5,
        <= 500 => 25,
        <= 1000 => 50,
        _ => 250,
    };

    /// <summary>
    /// Reserves <paramref name="weight"/>: returns <see cref="TimeSpan.Zero"/> when the request may go now (the
    /// weight is then counted), else how long to wait before asking again.
    /// </summary>
    public TimeSpan TryAcquire(int weight)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (now < _pausedUntil) return _pausedUntil - now;
            Roll(now);
            if (_used + weight > _limitPerMinute && _used > 0)
                return TimeSpan.FromTicks((_windowMinute + 1) * TimeSpan.TicksPerMinute - (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks));
            _used += weight;
            return TimeSpan.Zero;
        }
    }

    /// <summary>Waits until <paramref name="weight"/> fits in the budget, then counts it.</summary>
    public async Task AcquireAsync(int weight, CancellationToken ct)
    {
        while (true)
        {
            var wait = TryAcquire(weight);
            if (wait <= TimeSpan.Zero) return;
            await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, _time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Adopts the server's count from <c>X-MBX-USED-WEIGHT-1M</c> (the server is the authority).</summary>
    public void ObserveUsedWeight(int usedWeight)
    {
        lock (_lock)
        {
            Roll(_time.GetUtcNow());
            _used = usedWeight;
            _lastServerUsed = usedWeight;
        }
    }

    /// <summary>Pauses every request for <paramref name="duration"/> (after a 429 or a 418).</summary>
    public void Pause(TimeSpan duration)
    {
        lock (_lock)
        {
            var until = _time.GetUtcNow() + duration;
            if (until > _pausedUntil) _pausedUntil = until;
        }
    }

    private void Roll(DateTimeOffset now)
    {
        long minute = (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMinute;
        if (minute != _windowMinute)
        {
            _windowMinute = minute;
            _used = 0;
        }
    }
}
