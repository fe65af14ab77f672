using HftScalper.Core.Feeds;

namespace HftScalper.Recording.Events;

/// <summary>An <see cref="IMarketEventSource"/> of recorded rows that counts what it read and skipped.</summary>
public interface ICountedEventSource : IMarketEventSource
{
    /// <summary>Rows read, events produced and rows skipped, by reason.</summary>
    EventSourceStats Stats { get; }
}
