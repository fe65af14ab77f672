namespace HftScalper.Binance.WsApi;

/// <summary>Why a user data source asks its owner to reconcile orders, balances and positions with the exchange.</summary>
public enum ReconcileReason : byte
{
    /// <summary>The first session is ready: reconcile before trading.</summary>
    Started = 0,

    /// <summary>The connection came back (logged on and resubscribed): events may have been missed.</summary>
    Reconnected,

    /// <summary>Spot <c>eventStreamTerminated</c>: the subscription ended (resubscribed since).</summary>
    StreamTerminated,

    /// <summary>USD-M <c>listenKeyExpired</c>: a new key was taken and the stream reopened.</summary>
    ListenKeyExpired,

    /// <summary>A user data message could not be parsed: its content may be missing from the ledger.</summary>
    MalformedUserData,
}
