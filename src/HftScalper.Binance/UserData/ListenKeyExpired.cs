namespace HftScalper.Binance.UserData;

/// <summary>USD-M <c>listenKeyExpired</c>: the stream's key died; get a new key, reconnect and reconcile.</summary>
/// <param name="EventTimeMs">Event time <c>E</c> (sent as a number or a string).</param>
public sealed record ListenKeyExpired(long EventTimeMs) : UserDataEvent(EventTimeMs);
