namespace HftScalper.Binance.Live;

/// <summary>What <see cref="FrameSniffer"/> recognised a WebSocket message as.</summary>
internal enum FrameClass : byte
{
    Malformed = 0,
    Stream = 1,
    ControlResponse = 2,
    ServerShutdown = 3,
}
