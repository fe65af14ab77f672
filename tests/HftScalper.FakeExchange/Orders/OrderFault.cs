namespace HftScalper.FakeExchange.Orders;

/// <summary>A fault applied to an order request (REST or WebSocket API) or to the user data it causes.</summary>
public enum OrderFault
{
    /// <summary>Handle normally.</summary>
    None = 0,

    /// <summary>Reject the order: -2010 "Account has insufficient balance for requested action." (nothing placed).</summary>
    Reject,

    /// <summary>Place the order, answer after <see cref="FakeExchangeOptions.DelayedAck"/>.</summary>
    DelayedAck,

    /// <summary>Place the order and never answer (the request hangs until the client gives up).</summary>
    LostAck,

    /// <summary>Place the order and drop the connection (REST: abort the TCP connection; WebSocket API: abort the socket).</summary>
    Disconnect,

    /// <summary>Send every user-data event of the order twice.</summary>
    DuplicateReports,

    /// <summary>Hold the order's first user-data event back and send it after the next one.</summary>
    OutOfOrderReports,

    /// <summary>Answer HTTP 429 / -1003 with <c>Retry-After</c> (nothing placed).</summary>
    TooManyRequests,

    /// <summary>Answer HTTP 418 / -1003 (IP banned) with <c>Retry-After</c> (nothing placed).</summary>
    Banned,

    /// <summary>Answer -1021 "Timestamp for this request is outside of the recvWindow." (nothing placed).</summary>
    TimestampOutsideRecvWindow,

    /// <summary>Place the order but answer -1007 (HTTP 503 on REST): "Send status unknown; execution status unknown."</summary>
    BackendTimeout,

    /// <summary>Place the order; from then on user-data events are dropped until <see cref="FakeBinanceExchange.ResumeUserStream"/>.</summary>
    UserStreamSilence,

    /// <summary>The request reaches the matching engine only after <see cref="FakeExchangeOptions.ArrivalDelay"/> (then it
    /// is placed and answered): requests sent after it on the same connection overtake it, and until it arrives the
    /// exchange does not know the order (a query answers -2013, a cancel-all does not see it).</summary>
    DelayedArrival,
}
