using HftScalper.Core.Frames;

namespace HftScalper.Binance.Live;

/// <summary>
/// The seam between the live client and the parser + order-book sync state machine. The client calls it from
/// one connection's receive loop at a time per stream group (never concurrently for one symbol), with messages
/// in arrival order, deduplicated across overlapping connections by update id.
/// </summary>
public interface ILiveBookSync
{
    /// <summary>One WebSocket message (combined-stream envelope) for <paramref name="symbolId"/>. The payload is
    /// borrowed until the call returns.</summary>
    void OnMessage(in RawFrame frame, int symbolId);

    /// <summary>A REST depth snapshot for <see cref="RawFrame.SymbolId"/>, fetched because
    /// <see cref="GetState"/> said <see cref="LiveSyncState.NeedsSnapshot"/>.</summary>
    void OnSnapshot(in RawFrame frame);

    /// <summary>The connection carrying <paramref name="symbolId"/> was replaced after a break: discard the book
    /// and buffered diffs; a resync follows.</summary>
    void OnReconnect(int symbolId);

    /// <summary>The symbol's current state (read after every depth message; must not allocate).</summary>
    LiveSyncState GetState(int symbolId);
}
