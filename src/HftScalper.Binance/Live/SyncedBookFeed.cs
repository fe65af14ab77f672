using HftScalper.Binance.Parsing;
using HftScalper.Binance.Sync;
using HftScalper.Core.Events;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.Live;

/// <summary>
/// The standard <see cref="ILiveBookSync"/>: parses each frame with <see cref="BinanceParser"/> into a reused
/// <see cref="MarketEventBuffer"/>, runs the events through a <see cref="BookSynchronizer"/> (native books), and
/// hands them on to an optional sink (the ring publisher). Runs on the receive loop: one instance per stream
/// group. Reconnects become <see cref="FeedStatus.Reconnected"/> status events, so downstream stages see them too.
/// </summary>
public sealed class SyncedBookFeed : ILiveBookSync, IDisposable
{
    private readonly BinanceParser _parser;
    private readonly MarketEventBuffer _events = new();
    private readonly MarketEventsHandler? _sink;
    private readonly MarketEvent[] _status = new MarketEvent[1];

    /// <summary>Creates the feed.</summary>
    /// <param name="registry">Symbols and their scales.</param>
    /// <param name="market">Decides the sync rule (spot <c>U</c>/<c>u</c>, futures <c>pu</c>).</param>
    /// <param name="sink">Receives every parsed event after the synchronizer saw it (null: none).</param>
    /// <param name="parserOptions">Parser settings (time unit, frame cap).</param>
    public SyncedBookFeed(SymbolRegistry registry, BinanceMarket market, MarketEventsHandler? sink = null, BinanceParserOptions? parserOptions = null)
    {
        _parser = new BinanceParser(registry, parserOptions);
        Synchronizer = new BookSynchronizer(new BookSyncOptions
        {
            Rule = market == BinanceMarket.Spot ? DepthSyncRule.Spot : DepthSyncRule.Futures,
        });
        _sink = sink;
    }

    /// <summary>The books and their sync state.</summary>
    public BookSynchronizer Synchronizer { get; }

    /// <summary>Parse outcomes (malformed frames are counted here by reason).</summary>
    public ParseCounters ParseCounters => _parser.Counters;

    /// <inheritdoc />
    public void OnMessage(in RawFrame frame, int symbolId) => Process(in frame);

    /// <inheritdoc />
    public void OnSnapshot(in RawFrame frame) => Process(in frame);

    /// <inheritdoc />
    public void OnReconnect(int symbolId)
    {
        ref var e = ref _status[0];
        e = default;
        e.Kind = MarketEventKind.Status;
        e.UpdateId = (long)FeedStatus.Reconnected;
        e.SymbolId = symbolId;
        e.Flags = MarketEventFlags.LastInMessage;
        Synchronizer.OnEvent(in e);
        _sink?.Invoke(_status);
    }

    /// <inheritdoc />
    public LiveSyncState GetState(int symbolId)
    {
        if (Synchronizer.IsSnapshotRequested(symbolId)) return LiveSyncState.NeedsSnapshot;
        return Synchronizer.GetState(symbolId) is BookSyncState.Synced or BookSyncState.Stale ? LiveSyncState.Synced : LiveSyncState.Unsynced;
    }

    private void Process(in RawFrame frame)
    {
        _events.Clear();
        if (_parser.Parse(in frame, _events) != ParseResult.Events) return;
        var events = _events.Events;
        for (int i = 0; i < events.Length; i++) Synchronizer.OnEvent(in events[i]);
        _sink?.Invoke(events);
    }

    /// <inheritdoc />
    public void Dispose() => Synchronizer.Dispose();
}
