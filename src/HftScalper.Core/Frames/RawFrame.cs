namespace HftScalper.Core.Frames;

/// <summary>
/// One raw exchange frame exactly as received (JSON bytes), with its local receive time. Live feeds, the journal
/// and every replay source hand these to the same parser, which is what makes replay exercise the live code.
/// </summary>
/// <remarks>The payload is borrowed: it is valid only until the source's next read.</remarks>
public readonly struct RawFrame
{
    /// <summary>Creates a frame.</summary>
    /// <param name="localTimeNs">Local receive time, ns since the Unix epoch (0 when unknown).</param>
    /// <param name="origin">WebSocket message or REST snapshot.</param>
    /// <param name="symbolId">Symbol the frame belongs to when the payload does not say (a REST snapshot
    /// carries no symbol), else -1.</param>
    /// <param name="streamId">Which connection or recorded stream it came from (0 when there is one).</param>
    /// <param name="payload">The frame's bytes (borrowed).</param>
    public RawFrame(long localTimeNs, FrameOrigin origin, int symbolId, int streamId, ReadOnlyMemory<byte> payload)
    {
        LocalTimeNs = localTimeNs;
        Origin = origin;
        SymbolId = symbolId;
        StreamId = streamId;
        Payload = payload;
    }

    /// <summary>Local receive time, ns since the Unix epoch (0 when unknown).</summary>
    public long LocalTimeNs { get; }

    /// <summary>WebSocket message or REST snapshot.</summary>
    public FrameOrigin Origin { get; }

    /// <summary>Symbol id when the payload does not name it (REST snapshots), else -1.</summary>
    public int SymbolId { get; }

    /// <summary>Connection or recorded-stream id.</summary>
    public int StreamId { get; }

    /// <summary>The frame's bytes; valid until the source's next read.</summary>
    public ReadOnlyMemory<byte> Payload { get; }
}
