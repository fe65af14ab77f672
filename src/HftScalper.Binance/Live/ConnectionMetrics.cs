namespace HftScalper.Binance.Live;

/// <summary>One stream group's connection health at the time of a <see cref="LiveMetricsSnapshot"/>.</summary>
/// <param name="Group">Group index (one connection, up to 1024 streams).</param>
/// <param name="ConnectionId">Id of the current connection (the <c>StreamId</c> of its frames).</param>
/// <param name="Connected">Whether a connection is up.</param>
/// <param name="Streams">Streams subscribed.</param>
/// <param name="Messages">Messages received.</param>
/// <param name="MessagesPerSecond">Rate since the previous snapshot.</param>
/// <param name="Malformed">Messages that could not be routed (counted and dropped).</param>
/// <param name="Oversized">Messages over the frame cap (counted and dropped).</param>
/// <param name="UnknownSymbol">Messages for symbols the registry does not hold.</param>
/// <param name="Reconnects">Connections replaced after a break.</param>
/// <param name="Rotations">Make-before-break rotations (age limit, <c>serverShutdown</c>).</param>
/// <param name="ServerShutdowns"><c>serverShutdown</c> events received.</param>
/// <param name="StaleDisconnects">Connections dropped for silence.</param>
/// <param name="ConnectionAge">Age of the current connection.</param>
/// <param name="SinceLastMessage">Time since the last message (null before the first).</param>
public sealed record ConnectionMetrics(
    int Group, int ConnectionId, bool Connected, int Streams, long Messages, double MessagesPerSecond, long Malformed,
    long Oversized, long UnknownSymbol, long Reconnects, long Rotations, long ServerShutdowns, long StaleDisconnects,
    TimeSpan ConnectionAge, TimeSpan? SinceLastMessage);
