namespace HftScalper.Core.Events;

/// <summary>Payload of a <see cref="MarketEventKind.Status"/> event, stored in <see cref="MarketEvent.UpdateId"/>.</summary>
public enum FeedStatus : long
{
    /// <summary>The connection was lost; the book is not trustworthy until resynced.</summary>
    Disconnected = 1,

    /// <summary>A new connection is up; a resync follows.</summary>
    Reconnected = 2,

    /// <summary>No update arrived for longer than the configured staleness limit.</summary>
    Stale = 3,

    /// <summary>The venue announced a shutdown of this connection.</summary>
    ServerShutdown = 4,

    /// <summary>Update ids skipped: the book is discarded and rebuilt.</summary>
    Gap = 5,
}
