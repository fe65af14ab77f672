using HftScalper.Binance.Live;
using HftScalper.Core.Frames;

namespace HftScalper.Recording.Live;

/// <summary>
/// The tap between the live client and its book sync: every WebSocket frame and every REST snapshot the client
/// hands to the sync is first queued for the journal (<see cref="LiveJournalRecorder"/>), in the order the sync
/// sees them, so a replay of the journal meets the same frames, snapshots and resyncs. Reconnects are counted.
/// </summary>
/// <remarks>Purely additive: the client needs no change, the sync behaves exactly as without the tap.</remarks>
public sealed class RecordingBookSync(ILiveBookSync inner, LiveJournalRecorder recorder) : ILiveBookSync
{
    private readonly ILiveBookSync _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    private readonly LiveJournalRecorder _recorder = recorder ?? throw new ArgumentNullException(nameof(recorder));
    private long _reconnects;

    /// <summary>Symbol reconnects seen (a connection replaced after a break counts once per symbol it carried).</summary>
    public long SymbolReconnects => Interlocked.Read(ref _reconnects);

    /// <inheritdoc />
    public void OnMessage(in RawFrame frame, int symbolId)
    {
        _recorder.Record(in frame);
        _inner.OnMessage(in frame, symbolId);
    }

    /// <inheritdoc />
    public void OnSnapshot(in RawFrame frame)
    {
        _recorder.Record(in frame);
        _inner.OnSnapshot(in frame);
    }

    /// <inheritdoc />
    public void OnReconnect(int symbolId)
    {
        Interlocked.Increment(ref _reconnects);
        _inner.OnReconnect(symbolId);
    }

    /// <inheritdoc />
    public LiveSyncState GetState(int symbolId) => _inner.GetState(symbolId);
}
