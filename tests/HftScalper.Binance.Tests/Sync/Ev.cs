using HftScalper.Core.Events;

namespace HftScalper.Binance.Tests.Sync;

/// <summary>Hand-made event sequences shaped exactly like the parser's output.</summary>
internal static class Ev
{
    public static MarketEvent[] Depth(int sym, long first, long final, params (Side Side, long Price, long Qty)[] levels) =>
        Message(MarketEventKind.BookDelta, sym, final, levels, (ref MarketEvent e) => e.FirstUpdateId = first);

    public static MarketEvent[] FuturesDepth(int sym, long first, long final, long prev, params (Side Side, long Price, long Qty)[] levels) =>
        Message(MarketEventKind.BookDelta, sym, final, levels, (ref MarketEvent e) =>
        {
            e.FirstUpdateId = first;
            e.PrevUpdateId = prev;
            e.Flags |= MarketEventFlags.HasPrevUpdateId;
        });

    public static MarketEvent[] Snapshot(int sym, long lastUpdateId, params (Side Side, long Price, long Qty)[] levels)
    {
        var events = Message(MarketEventKind.SnapshotLevel, sym, lastUpdateId, levels, (ref MarketEvent _) => { });
        events[0].Flags |= MarketEventFlags.SnapshotStart;
        return events;
    }

    public static MarketEvent[] Status(int sym, FeedStatus status, long timeNs = 0) =>
        [new MarketEvent { Kind = MarketEventKind.Status, SymbolId = sym, UpdateId = (long)status, LocalTimeNs = timeNs, Flags = MarketEventFlags.LastInMessage }];

    public static MarketEvent[] Clock(long timeNs) =>
        [new MarketEvent { Kind = MarketEventKind.Clock, SymbolId = -1, LocalTimeNs = timeNs }];

    public static MarketEvent[] At(this MarketEvent[] events, long timeNs)
    {
        for (int i = 0; i < events.Length; i++) events[i].LocalTimeNs = timeNs;
        return events;
    }

    private static MarketEvent[] Message(MarketEventKind kind, int sym, long final, (Side Side, long Price, long Qty)[] levels, RefAction patch)
    {
        int n = Math.Max(1, levels.Length);
        var events = new MarketEvent[n];
        for (int i = 0; i < n; i++)
        {
            ref var e = ref events[i];
            e.Kind = kind;
            e.SymbolId = sym;
            e.UpdateId = final;
            if (levels.Length == 0) e.Flags |= MarketEventFlags.EmptyMessage;
            else (e.Side, e.Price, e.Quantity) = levels[i];
            patch(ref e);
        }
        events[^1].Flags |= MarketEventFlags.LastInMessage;
        return events;
    }

    internal delegate void RefAction(ref MarketEvent e);
}
