namespace HftScalper.Binance.Transport;

/// <summary>
/// Spaces outgoing control messages (SUBSCRIBE/UNSUBSCRIBE) so one connection never exceeds Binance's incoming
/// message limit (5/s on spot, 10/s on USD-M; pongs count too, so the default keeps headroom).
/// </summary>
internal sealed class ControlMessageThrottle
{
    private readonly TimeSpan _interval;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _nextAllowedTicks;

    /// <summary>Creates a throttle allowing <paramref name="messagesPerSecond"/> messages per second.</summary>
    public ControlMessageThrottle(double messagesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(messagesPerSecond, 0);
        _interval = TimeSpan.FromSeconds(1 / messagesPerSecond);
    }

    /// <summary>Waits for this message's turn.</summary>
    public async Task WaitTurnAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            long now = Environment.TickCount64 * TimeSpan.TicksPerMillisecond;
            long wait = _nextAllowedTicks - now;
            if (wait > 0) await Task.Delay(TimeSpan.FromTicks(wait), ct).ConfigureAwait(false);
            _nextAllowedTicks = Math.Max(now, _nextAllowedTicks) + _interval.Ticks;
        }
        finally
        {
            _gate.Release();
        }
    }
}
