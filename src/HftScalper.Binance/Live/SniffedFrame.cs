namespace HftScalper.Binance.Live;

/// <summary>The routing facts of one message: its class, stream kind, symbol slice and ids.</summary>
internal struct SniffedFrame
{
    public FrameClass Class;
    public StreamKind Kind;
    public int SymbolStart;
    public int SymbolLength;
    public long FirstId;
    public long Id;
    public long EventTime;
    public bool HasId;
}
