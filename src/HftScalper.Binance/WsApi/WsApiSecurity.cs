namespace HftScalper.Binance.WsApi;

/// <summary>How a WebSocket API request is authenticated.</summary>
public enum WsApiSecurity : byte
{
    /// <summary>No key, no signature (public data, session-level methods).</summary>
    None = 0,

    /// <summary>
    /// SIGNED / USER_DATA / TRADE: <c>timestamp</c> (and <c>recvWindow</c> when configured) always; <c>apiKey</c> and
    /// <c>signature</c> too unless the session is logged on with <c>session.logon</c>.
    /// </summary>
    Signed,
}
