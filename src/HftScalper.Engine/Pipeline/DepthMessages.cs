using System.Runtime.CompilerServices;
using HftScalper.Core.Events;
using HftScalper.Disruptor;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// Finds a whole depth message in the ring so a stage can take it at once: the levels of one exchange message sit in
/// consecutive slots (the feeder publishes a message in one claim), so from its first level a stage can see whether the
/// rest, up to the level flagged last-in-message, is already published and lies in one stretch of the pinned ring.
/// </summary>
internal static class DepthMessages
{
    /// <summary>
    /// True when <paramref name="first"/> (at <paramref name="sequence"/>) opens a depth message of two or more
    /// <see cref="MarketEventKind.BookDelta"/> levels of one symbol, receive time and exchange time (so taking them at once
    /// is the same as one by one for every clock downstream) that ends at or before <paramref name="available"/>
    /// and does not wrap around the ring's end; <paramref name="message"/> is then its slots, first to last. Reads each
    /// level's kind, symbol and flags once; no allocation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryGet(RingBuffer<MarketEvent> ring, ref MarketEvent first, long sequence, long available, out ReadOnlySpan<MarketEvent> message)
    {
        message = default;
        if (first.Kind != MarketEventKind.BookDelta || first.IsLastInMessage) return false;
        return Scan(ring, in first, sequence, available, out message);
    }

    private static bool Scan(RingBuffer<MarketEvent> ring, in MarketEvent first, long sequence, long available, out ReadOnlySpan<MarketEvent> message)
    {
        message = default;
        for (long q = sequence + 1; q <= available; q++)
        {
            ref readonly var e = ref ring[q];
            if (e.Kind != MarketEventKind.BookDelta || e.SymbolId != first.SymbolId
                || e.LocalTimeNs != first.LocalTimeNs || e.ExchangeTimeNs != first.ExchangeTimeNs) return false;
            if (!e.IsLastInMessage) continue;
            if (q - sequence >= ring.BufferSize) return false;
            message = ring.Slots(sequence, (int)(q - sequence + 1));
            return !message.IsEmpty;
        }
        return false;
    }
}
