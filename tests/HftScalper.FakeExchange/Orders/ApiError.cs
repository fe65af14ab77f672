namespace HftScalper.FakeExchange.Orders;

/// <summary>A Binance error reply: HTTP status, error code and message (as in Binance's error-code list).</summary>
public sealed record ApiError(int HttpStatus, int Code, string Message)
{
    /// <summary>-1021.</summary>
    public static ApiError TimestampOutside { get; } = new(400, -1021, "Timestamp for this request is outside of the recvWindow.");

    /// <summary>-1021 (client ahead).</summary>
    public static ApiError TimestampAhead { get; } = new(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");

    /// <summary>-1022.</summary>
    public static ApiError BadSignature { get; } = new(400, -1022, "Signature for this request is not valid.");

    /// <summary>-2014.</summary>
    public static ApiError ApiKeyFormat { get; } = new(401, -2014, "API-key format invalid.");

    /// <summary>-2015.</summary>
    public static ApiError InvalidApiKey { get; } = new(401, -2015, "Invalid API-key, IP, or permissions for action.");

    /// <summary>-1121.</summary>
    public static ApiError InvalidSymbol { get; } = new(400, -1121, "Invalid symbol.");

    /// <summary>-2011 (cancel of an unknown or finished order).</summary>
    public static ApiError UnknownOrder { get; } = new(400, -2011, "Unknown order sent.");

    /// <summary>-2013 (query of an unknown order).</summary>
    public static ApiError OrderDoesNotExist { get; } = new(400, -2013, "Order does not exist.");

    /// <summary>-2010 insufficient balance (also the injected reject).</summary>
    public static ApiError InsufficientBalance { get; } = new(400, -2010, "Account has insufficient balance for requested action.");

    /// <summary>-2010 duplicate client order id (spot).</summary>
    public static ApiError DuplicateOrderSpot { get; } = new(400, -2010, "Duplicate order sent.");

    /// <summary>-4116 duplicate client order id (USD-M).</summary>
    public static ApiError DuplicateOrderFutures { get; } = new(400, -4116, "ClientOrderId is duplicated.");

    /// <summary>-2010 LIMIT_MAKER that would cross (spot).</summary>
    public static ApiError WouldTakeSpot { get; } = new(400, -2010, "Order would immediately match and take.");

    /// <summary>-5022 GTX that would cross (USD-M).</summary>
    public static ApiError WouldTakeFutures { get; } = new(400, -5022, "Due to the order could not be executed as maker, the Post Only order will be rejected.");

    /// <summary>-2019 (USD-M).</summary>
    public static ApiError MarginInsufficient { get; } = new(400, -2019, "Margin is insufficient.");

    /// <summary>-1007 (status unknown).</summary>
    public static ApiError BackendTimeout { get; } = new(503, -1007, "Timeout waiting for response from backend server. Send status unknown; execution status unknown.");

    /// <summary>-1008 (the injected cancel refusal: the venue is overloaded and throttles the request).</summary>
    public static ApiError CancelRefused { get; } = new(400, -1008, "Request throttled by system-level protection. Please try again.");

    /// <summary>-1102.</summary>
    public static ApiError Missing(string name) => new(400, -1102, $"Mandatory parameter '{name}' was not sent, was empty/null, or malformed.");

    /// <summary>-1100.</summary>
    public static ApiError Illegal(string name) => new(400, -1100, $"Illegal characters found in parameter '{name}'; legal range is '^[0-9]{{1,20}}$'.");

    /// <summary>-1116 / -1117 / -1115 style enum errors.</summary>
    public static ApiError InvalidEnum(int code, string what) => new(400, code, $"Invalid {what}.");

    /// <summary>-1013 filter failure (spot).</summary>
    public static ApiError Filter(string filter) => new(400, -1013, $"Filter failure: {filter}");

    /// <summary>HTTP 429 / -1003.</summary>
    public static ApiError TooMany(string what) => new(429, -1003, $"Too many requests; current limit of IP(127.0.0.1) {what}. Please use WebSocket Streams for live updates to avoid polling the API.");

    /// <summary>HTTP 429 / -1015 (order count).</summary>
    public static ApiError TooManyOrders(int limit) => new(429, -1015, $"Too many new orders; current limit is {limit} orders per TEN_SECONDS.");

    /// <summary>HTTP 418 / -1003.</summary>
    public static ApiError BannedUntil(long untilMs) => new(418, -1003, $"Way too many requests; IP(127.0.0.1) banned until {untilMs}. Please use WebSocket Streams for live updates to avoid bans.");

    /// <summary>The REST body <c>{"code":..,"msg":..}</c>.</summary>
    public string Json => $"{{\"code\":{Code},\"msg\":{System.Text.Json.JsonSerializer.Serialize(Message)}}}";
}
