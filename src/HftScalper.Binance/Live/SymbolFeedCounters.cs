namespace HftScalper.Binance.Live;

/// <summary>
/// Live counters of one symbol, written by the receive loop with plain/Volatile stores (one writer at a time)
/// and read by the metrics sampler. No allocation per message.
/// </summary>
internal sealed class SymbolFeedCounters
{
    public long Messages;
    public long Duplicates;
    public long Gaps;
    public long Resyncs;
    public long Snapshots;
    public long LastMessageNs;
    public long LastLatencyNs;
    public long LatencySumNs;
    public long LatencyCount;
    public long MaxLatencyNs;
    public int State;

    // Sampler-side memory for messages/s (only the sampler touches these).
    public long SampledMessages;
    public long SampledAtNs;
}
