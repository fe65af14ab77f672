namespace HftScalper.Binance.Live;

/// <summary>Counters of one stream group (its successive connections), written by the receive loop and the
/// group's supervisor, read by the metrics sampler.</summary>
internal sealed class ConnectionCounters
{
    public long Messages;
    public long Malformed;
    public long UnknownSymbol;
    public long ControlResponses;
    public long ServerShutdowns;
    public long Reconnects;
    public long Rotations;
    public long StaleDisconnects;
    public long HandoverBuffered;
    public long LastMessageNs;
    public long ConnectedAtNs;
    public int ConnectionId;
    public int Connected;

    public long SampledMessages;
    public long SampledAtNs;
}
