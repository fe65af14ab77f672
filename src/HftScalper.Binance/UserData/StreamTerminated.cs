namespace HftScalper.Binance.UserData;

/// <summary>
/// Spot <c>eventStreamTerminated</c>: the WebSocket API user data subscription ended (logout, key change). Events
/// may have been missed: subscribe again and reconcile.
/// </summary>
/// <param name="EventTimeMs">Event time <c>E</c>.</param>
public sealed record StreamTerminated(long EventTimeMs) : UserDataEvent(EventTimeMs);
