namespace HftScalper.Binance.Limits;

/// <summary>The <c>rateLimitType</c> of an <c>exchangeInfo</c> <c>rateLimits</c> entry.</summary>
public enum RateLimitType : byte
{
    /// <summary><c>REQUEST_WEIGHT</c>: the summed weight of all requests (per IP); header <c>X-MBX-USED-WEIGHT-*</c>.</summary>
    RequestWeight,

    /// <summary><c>ORDERS</c>: orders placed (per account); header <c>X-MBX-ORDER-COUNT-*</c>.</summary>
    Orders,

    /// <summary><c>RAW_REQUESTS</c>: requests of any weight.</summary>
    RawRequests,
}
