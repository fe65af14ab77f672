namespace HftScalper.Binance.WsApi;

/// <summary>Why a request's outcome is <see cref="WsApiOutcome.Unknown"/> (or why it was not sent).</summary>
public enum WsApiUnknownReason : byte
{
    /// <summary>Not unknown.</summary>
    None = 0,

    /// <summary>No response within the request timeout.</summary>
    Timeout,

    /// <summary>The connection closed or failed with the request in flight.</summary>
    Disconnected,

    /// <summary>Writing to the socket failed part-way: some bytes may have left.</summary>
    SendFailed,

    /// <summary>The exchange answered 5XX or <c>-1007</c> (its own timeout): execution status unknown.</summary>
    ServerUnknown,

    /// <summary>(With <see cref="WsApiOutcome.NotSent"/>) there was no ready session to send on.</summary>
    NotConnected,

    /// <summary>(With <see cref="WsApiOutcome.NotSent"/>) the caller canceled before the request was written.</summary>
    Canceled,
}
