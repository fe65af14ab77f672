using HftScalper.Core.Events;

namespace HftScalper.Binance.Live;

/// <summary>Receives the events parsed from one frame (borrowed: copy them into ring slots before returning).</summary>
public delegate void MarketEventsHandler(ReadOnlySpan<MarketEvent> events);
