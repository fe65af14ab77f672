using System.Globalization;
using System.Net.Http.Headers;

namespace HftScalper.Binance.Limits;

/// <summary>
/// Client-side rate-limit book-keeping for the order-entry REST client: one fixed window per <c>rateLimits</c> rule
/// (aligned to the epoch like Binance's), counted locally as requests leave and corrected by the server's own counts
/// (<c>X-MBX-USED-WEIGHT-&lt;n&gt;&lt;unit&gt;</c>, <c>X-MBX-ORDER-COUNT-&lt;n&gt;&lt;unit&gt;</c>). A request that
/// would exceed any window is refused locally (<see cref="TryAcquire"/> returns the wait). After a 429 every request
/// waits out <c>Retry-After</c>; after a 418 (IP ban) nothing is sent until the ban ends.
/// </summary>
/// <remarks>Thread-safe (a lock; off the per-market-event path). The depth-snapshot client keeps its own
/// <see cref="Transport.RequestWeightLimiter"/>: the IP weight is shared, and the server's headers keep both honest.</remarks>
public sealed class RateLimitTracker
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Window[] _windows;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _bannedUntil = DateTimeOffset.MinValue;

    /// <summary>Creates a tracker for <paramref name="rules"/> (from <c>exchangeInfo</c>; never hard-coded).</summary>
    public RateLimitTracker(IEnumerable<RateLimitRule> rules, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _windows = [.. rules.Select(r => new Window(r))];
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The rules tracked.</summary>
    public IReadOnlyList<RateLimitRule> Rules => [.. _windows.Select(w => w.Rule)];

    /// <summary>Until when requests wait after a 429, or <see cref="DateTimeOffset.MinValue"/>.</summary>
    public DateTimeOffset PausedUntil { get { lock (_lock) return _pausedUntil; } }

    /// <summary>Until when the IP is banned (418), or <see cref="DateTimeOffset.MinValue"/>.</summary>
    public DateTimeOffset BannedUntil { get { lock (_lock) return _bannedUntil; } }

    /// <summary>True while a 418 ban lasts.</summary>
    public bool IsBanned { get { lock (_lock) return _time.GetUtcNow() < _bannedUntil; } }

    /// <summary>The count of the current window of the first rule of <paramref name="type"/> with that header
    /// suffix (e.g. <c>RequestWeight, "1M"</c>), as last known; -1 when there is no such rule.</summary>
    public long Used(RateLimitType type, string headerSuffix)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            foreach (var w in _windows)
            {
                if (w.Rule.Type == type && w.Rule.HeaderSuffix == headerSuffix)
                {
                    w.Roll(now);
                    return w.Used;
                }
            }
            return -1;
        }
    }

    /// <summary>
    /// Reserves <paramref name="weight"/> request weight and <paramref name="orders"/> order count: returns
    /// <see cref="TimeSpan.Zero"/> when the request may go now (then counted in every window), else how long until
    /// it could (banned, paused, or a window full) and counts nothing.
    /// </summary>
    public TimeSpan TryAcquire(int weight, int orders)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (now < _bannedUntil) return _bannedUntil - now;
            if (now < _pausedUntil) return _pausedUntil - now;
            var wait = TimeSpan.Zero;
            foreach (var w in _windows)
            {
                w.Roll(now);
                long add = Cost(w.Rule.Type, weight, orders);
                if (add > 0 && w.Used + add > w.Rule.Limit)
                {
                    var untilNext = w.End - now;
                    if (untilNext > wait) wait = untilNext;
                }
            }
            if (wait > TimeSpan.Zero) return wait;
            foreach (var w in _windows) w.Used += Cost(w.Rule.Type, weight, orders);
            return TimeSpan.Zero;
        }
    }

    /// <summary>Adopts the server's counts from a response's <c>X-MBX-USED-WEIGHT-*</c> and
    /// <c>X-MBX-ORDER-COUNT-*</c> headers (the server is the authority; unknown suffixes are ignored).</summary>
    public void Observe(HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            foreach (var header in headers)
            {
                RateLimitType type;
                string suffix;
                if (header.Key.StartsWith("X-MBX-USED-WEIGHT-", StringComparison.OrdinalIgnoreCase))
                {
                    type = RateLimitType.RequestWeight;
                    suffix = header.Key["X-MBX-USED-WEIGHT-".Length..];
                }
                else if (header.Key.StartsWith("X-MBX-ORDER-COUNT-", StringComparison.OrdinalIgnoreCase))
                {
                    type = RateLimitType.Orders;
                    suffix = header.Key["X-MBX-ORDER-COUNT-".Length..];
                }
                else
                {
                    continue;
                }
                foreach (string value in header.Value)
                {
                    if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long used) || used < 0) continue;
                    foreach (var w in _windows)
                    {
                        if (w.Rule.Type != type || !string.Equals(w.Rule.HeaderSuffix, suffix, StringComparison.OrdinalIgnoreCase)) continue;
                        w.Roll(now);
                        w.Used = used;
                    }
                }
            }
        }
    }

    /// <summary>After a 429: every request waits <paramref name="duration"/>.</summary>
    public void Pause(TimeSpan duration)
    {
        lock (_lock)
        {
            var until = _time.GetUtcNow() + duration;
            if (until > _pausedUntil) _pausedUntil = until;
        }
    }

    /// <summary>After a 418: nothing is sent for <paramref name="duration"/>.</summary>
    public void Ban(TimeSpan duration)
    {
        lock (_lock)
        {
            var until = _time.GetUtcNow() + duration;
            if (until > _bannedUntil) _bannedUntil = until;
        }
    }

    private static long Cost(RateLimitType type, int weight, int orders) => type switch
    {
        RateLimitType.RequestWeight => weight,
        RateLimitType.Orders => orders,
        _ => 1,
    };

    private sealed class Window(RateLimitRule rule)
    {
        private readonly long _lengthTicks = rule.Window.Ticks;
        private long _index = -1;

        public RateLimitRule Rule { get; } = rule;

        public long Used { get; set; }

        public DateTimeOffset End => DateTimeOffset.UnixEpoch + TimeSpan.FromTicks((_index + 1) * _lengthTicks);

        public void Roll(DateTimeOffset now)
        {
            long index = (now - DateTimeOffset.UnixEpoch).Ticks / _lengthTicks;
            if (index == _index) return;
            _index = index;
            Used = 0;
        }
    }
}
