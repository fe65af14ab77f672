using System.Runtime.CompilerServices;

namespace HftScalper.Trading.Risk;

/// <summary>
/// Token bucket on the run's clock (exchange time in backtests, so a replay at any speed limits the same way):
/// <c>rate</c> tokens per second, up to <c>burst</c> saved. Implemented as the equivalent GCRA (a theoretical
/// arrival time in integer ns), so there is no floating-point drift and no refill loop.
/// </summary>
internal sealed class OrderRateLimiter
{
    private readonly long _intervalNs;
    private readonly long _burstNs;
    private long _tat = long.MinValue;

    /// <summary>Allows <paramref name="ordersPerSecond"/> on average with bursts of <paramref name="burst"/>.</summary>
    public OrderRateLimiter(double ordersPerSecond, int burst)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ordersPerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _intervalNs = Math.Max(1, (long)Math.Round(1e9 / ordersPerSecond));
        _burstNs = (burst - 1) * _intervalNs;
    }

    /// <summary>Takes a token at <paramref name="nowNs"/> if one is available.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryTake(long nowNs)
    {
        long tat = _tat == long.MinValue ? nowNs : Math.Max(_tat, nowNs);
        if (tat - nowNs > _burstNs) return false;
        _tat = tat + _intervalNs;
        return true;
    }
}
