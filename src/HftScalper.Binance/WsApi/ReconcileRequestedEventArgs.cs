namespace HftScalper.Binance.WsApi;

/// <summary>"Reconcile now": raised by <see cref="WsApiClient"/> and the USD-M listenKey stream.</summary>
/// <param name="reason">Why.</param>
/// <param name="generation">The connection generation (1 for the first connection, +1 per reconnect).</param>
public sealed class ReconcileRequestedEventArgs(ReconcileReason reason, long generation) : EventArgs
{
    /// <summary>Why a reconcile is needed.</summary>
    public ReconcileReason Reason { get; } = reason;

    /// <summary>The connection generation the request belongs to.</summary>
    public long Generation { get; } = generation;
}
