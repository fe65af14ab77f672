using System.Globalization;

namespace HftScalper.FakeExchange.Orders;

/// <summary>
/// REQUEST_WEIGHT per minute and ORDERS per 10 s / per day, as Binance counts them (one IP, one account):
/// the counts go out in <c>X-MBX-USED-WEIGHT-1M</c> / <c>X-MBX-ORDER-COUNT-10S</c> / <c>-1D</c> (and the WebSocket
/// API's <c>rateLimits</c>); over a limit the answer is 429 with <c>Retry-After</c>, and a client that keeps going
/// after <see cref="FakeExchangeOptions.BanAfterViolations"/> 429s is banned: 418 until the ban ends.
/// </summary>
public sealed class RateLimiter
{
    private readonly FakeExchangeOptions _options;
    private long _minute = -1, _tenSeconds = -1, _day = -1;
    private int _weight, _orders10S, _ordersDay, _violations;
    private long _bannedUntilMs;

    /// <summary>Creates the limiter.</summary>
    public RateLimiter(FakeExchangeOptions options) => _options = options;

    /// <summary>Weight used this minute.</summary>
    public int UsedWeight => _weight;

    /// <summary>Orders this 10 s window.</summary>
    public int Orders10S => _orders10S;

    /// <summary>Orders today.</summary>
    public int OrdersDay => _ordersDay;

    /// <summary>Counts a request; returns the 429/418 error (with the Retry-After seconds) when over a limit.</summary>
    public ApiError? Charge(int weight, bool isOrder, long nowMs, out int retryAfterSeconds)
    {
        Roll(nowMs);
        retryAfterSeconds = 0;
        if (nowMs < _bannedUntilMs)
        {
            retryAfterSeconds = (int)Math.Ceiling((_bannedUntilMs - nowMs) / 1000.0);
            return ApiError.BannedUntil(_bannedUntilMs);
        }
        _weight += weight;
        if (_weight > _options.WeightLimitPerMinute)
        {
            retryAfterSeconds = (int)Math.Ceiling((60_000 - nowMs % 60_000) / 1000.0);
            return Violation(nowMs, ApiError.TooMany($"request weight per 1 MINUTE is {_options.WeightLimitPerMinute}"), ref retryAfterSeconds);
        }
        if (!isOrder) return null;
        _orders10S++;
        _ordersDay++;
        if (_orders10S > _options.OrderLimitPer10Seconds)
        {
            retryAfterSeconds = (int)Math.Ceiling((10_000 - nowMs % 10_000) / 1000.0);
            return Violation(nowMs, ApiError.TooManyOrders(_options.OrderLimitPer10Seconds), ref retryAfterSeconds);
        }
        return null;
    }

    /// <summary>Starts a ban (the 418 fault).</summary>
    public ApiError Ban(long nowMs, out int retryAfterSeconds)
    {
        _bannedUntilMs = nowMs + (long)_options.BanDuration.TotalMilliseconds;
        retryAfterSeconds = (int)Math.Ceiling(_options.BanDuration.TotalSeconds);
        return ApiError.BannedUntil(_bannedUntilMs);
    }

    /// <summary>The REST headers for the current counts.</summary>
    public IEnumerable<(string Name, string Value)> Headers(bool futures)
    {
        yield return ("X-MBX-USED-WEIGHT-1M", _weight.ToString(CultureInfo.InvariantCulture));
        yield return ("X-MBX-ORDER-COUNT-10S", _orders10S.ToString(CultureInfo.InvariantCulture));
        yield return (futures ? "X-MBX-ORDER-COUNT-1M" : "X-MBX-ORDER-COUNT-1D", _ordersDay.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The WebSocket API <c>rateLimits</c> array.</summary>
    public string RateLimitsJson(bool withOrders) =>
        $"[{{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":{_options.WeightLimitPerMinute},\"count\":{_weight}}}" +
        (withOrders ? $",{{\"rateLimitType\":\"ORDERS\",\"interval\":\"SECOND\",\"intervalNum\":10,\"limit\":{_options.OrderLimitPer10Seconds},\"count\":{_orders10S}}}," +
                      $"{{\"rateLimitType\":\"ORDERS\",\"interval\":\"DAY\",\"intervalNum\":1,\"limit\":{_options.OrderLimitPerDay},\"count\":{_ordersDay}}}" : "") + "]";

    /// <summary>The <c>exchangeInfo</c> <c>rateLimits</c> array.</summary>
    public string ExchangeInfoJson() =>
        $"[{{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":{_options.WeightLimitPerMinute}}}," +
        $"{{\"rateLimitType\":\"ORDERS\",\"interval\":\"SECOND\",\"intervalNum\":10,\"limit\":{_options.OrderLimitPer10Seconds}}}," +
        $"{{\"rateLimitType\":\"ORDERS\",\"interval\":\"DAY\",\"intervalNum\":1,\"limit\":{_options.OrderLimitPerDay}}}," +
        "{\"rateLimitType\":\"RAW_REQUESTS\",\"interval\":\"MINUTE\",\"intervalNum\":5,\"limit\":61000}]";

    private ApiError Violation(long nowMs, ApiError error, ref int retryAfterSeconds)
    {
        if (++_violations > _options.BanAfterViolations) return Ban(nowMs, out retryAfterSeconds);
        return error;
    }

    private void Roll(long nowMs)
    {
        if (nowMs / 60_000 != _minute) { _minute = nowMs / 60_000; _weight = 0; _violations = 0; }
        if (nowMs / 10_000 != _tenSeconds) { _tenSeconds = nowMs / 10_000; _orders10S = 0; }
        if (nowMs / 86_400_000 != _day) { _day = nowMs / 86_400_000; _ordersDay = 0; }
    }
}
