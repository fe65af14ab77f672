using HftScalper.Core.Events;

namespace HftScalper.Recording.Events;

/// <summary>
/// A stream of ready-made <see cref="MarketEvent"/>s in time order, for formats that are not exchange JSON frames
/// (Binance public-data CSVs, Lean ticks, LOBSTER). Frame formats use <see cref="Core.Frames.IRawFrameSource"/>
/// and go through the parser instead. Reading allocates nothing per event in steady state.
/// </summary>
public interface IMarketEventSource : IDisposable
{
    /// <summary>Human-readable description for logs (file names).</summary>
    string Description { get; }

    /// <summary>Rows read, events produced and rows skipped, by reason.</summary>
    EventSourceStats Stats { get; }

    /// <summary>Reads the next event; false at the end. Bad rows are counted in <see cref="Stats"/> and skipped, never thrown.</summary>
    bool TryRead(out MarketEvent ev);
}
