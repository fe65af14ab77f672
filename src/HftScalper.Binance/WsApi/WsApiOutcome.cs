namespace HftScalper.Binance.WsApi;

/// <summary>What is known about a WebSocket API request after it completed.</summary>
public enum WsApiOutcome : byte
{
    /// <summary>Status 200: the exchange did it; the result is in <see cref="WsApiResponse.ResultJson"/>.</summary>
    Ok = 0,

    /// <summary>A 4XX error (<c>{"status":400,"error":{"code":-2010,...}}</c>): the exchange did not do it.</summary>
    Rejected,

    /// <summary>
    /// The request may or may not have been executed: no response before the timeout, the connection dropped with the
    /// request in flight, the send failed part-way, or the exchange answered 5XX / <c>-1007</c>. Resolve by a query or
    /// the user data stream; never by sending the request again.
    /// </summary>
    Unknown,

    /// <summary>Not written to the socket (no ready session, or canceled before sending): safe to send later.</summary>
    NotSent,
}
