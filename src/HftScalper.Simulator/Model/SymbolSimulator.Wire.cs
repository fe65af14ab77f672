using System.Text;
using HftScalper.Core.Frames;
using HftScalper.Simulator.Wire;

namespace HftScalper.Simulator.Model;

// The Binance side of the simulator: every message written exactly as the combined stream delivers it.
internal sealed partial class SymbolSimulator
{
    private const int SnapshotLevels = 1000;
    private const int MaxFillsPerLevel = 50;

    private readonly long _qtyPow10, _pricePow10;
    private byte[] _depthHead = [], _tickerHead = [], _tradeHead = [], _symbolField = [];

    private void InitWire()
    {
        string lower = _p.Symbol.ToLowerInvariant();
        _depthHead = Encoding.ASCII.GetBytes($"{{\"stream\":\"{lower}@depth@100ms\",\"data\":{{\"e\":\"depthUpdate\",\"E\":");
        _tickerHead = Encoding.ASCII.GetBytes($"{{\"stream\":\"{lower}@bookTicker\",\"data\":{{\"u\":");
        _tradeHead = Encoding.ASCII.GetBytes($"{{\"stream\":\"{lower}@trade\",\"data\":{{\"e\":\"trade\",\"E\":");
        _symbolField = Encoding.ASCII.GetBytes($",\"s\":\"{_p.Symbol}\"");
    }

    /// <summary>
    /// The output arena sized for the largest step (one clock event plus the diff/snapshot due before it), so no
    /// step grows it later (a one-off growth would land thousands of decisions into a run, on the hot path):
    /// <list type="bullet">
    /// <item>frames: at most 1 snapshot + 1 diff (after the first diff of a step the dirty set is empty, so later
    /// boundaries write nothing), then a market order sweeping up to <c>MaxSweepLevels</c> levels, each with up to
    /// <see cref="MaxFillsPerLevel"/> trades and one bookTicker; a limit/cancel writes one bookTicker. BTCUSDT
    /// defaults: 2 + 40 x 51 = 2,042 frames (24 B each; seen: over 128 in one step on 10-minute runs, the old table started at 64).</item>
    /// <item>bytes: each trade/bookTicker frame is its stream head, the symbol field, at most 6 numbers (each
    /// written into a span of at most 32 bytes) and under 64 bytes of literals; plus the 2 x 1,000-level snapshot
    /// (each level 2 numbers + 3 bytes) and room for a diff of ~1,300 changed levels (64 KiB; its size follows
    /// the levels changed in 100 ms, unbounded in principle: seen at most 256 per side). Under 1 MB per symbol,
    /// small beside the ladder's 6 MB.</item>
    /// </list>
    /// </summary>
    private MessageArena NewArena()
    {
        int maxFrames = 2 + Math.Max(1, _p.MaxSweepLevels) * (MaxFillsPerLevel + 1);
        int maxFixedFrame = Math.Max(_tradeHead.Length, _tickerHead.Length) + _symbolField.Length + 6 * 32 + 64;
        int snapshot = 64 + 2 * SnapshotLevels * (2 * 32 + 3);
        return new MessageArena(maxFrames, maxFrames * maxFixedFrame + snapshot + (1 << 16));
    }

    /// <summary>Local receive time of a message sent at exchange time <paramref name="exchangeNs"/>: a jittered
    /// feed latency, never earlier than the previous message (one connection delivers in order).</summary>
    private long LocalTime(long exchangeNs)
    {
        long latency = (long)(_p.FeedLatencyNs * 0.8) + (long)_rng.NextExponential(_p.FeedLatencyNs * 0.2);
        long local = _startEpochNs + exchangeNs + latency;
        if (local <= _lastLocalNs) local = _lastLocalNs + 1;
        _lastLocalNs = local;
        return local;
    }

    private long ExchangeMs(long ns) => (_startEpochNs + ns) / 1_000_000;

    // The wire scale (SymbolProfile.TickUnits, LotUnits) multiplies what is written, never what is simulated.
    private void Price(long ticks) => JsonBytes.QuotedDecimal(_out, ticks * _p.TickUnits, _p.PriceDecimals, _pricePow10);

    private void Qty(long lots) => JsonBytes.QuotedDecimal(_out, lots * _p.LotUnits, _p.QuantityDecimals, _qtyPow10);

    private void WriteBookTicker()
    {
        _out.Begin(LocalTime(_t), FrameOrigin.WebSocket);
        JsonBytes.Raw(_out, _tickerHead);
        JsonBytes.Integer(_out, _updateId);
        JsonBytes.Raw(_out, _symbolField);
        JsonBytes.Raw(_out, ",\"b\":"u8); Price(_topBid);
        JsonBytes.Raw(_out, ",\"B\":"u8); Qty(_topBidQty);
        JsonBytes.Raw(_out, ",\"a\":"u8); Price(_topAsk);
        JsonBytes.Raw(_out, ",\"A\":"u8); Qty(_topAskQty);
        JsonBytes.Raw(_out, "}}"u8);
        _out.End();
    }

    /// <summary>One market order's fills at one price: one trade message per resting order it hits.</summary>
    private void WriteFills(long price, long fill, bool buyerIsMaker)
    {
        // The level's queue as a sequence of resting orders, each either dust or a maker's order: a market order
        // fills them in turn, so a large one produces many trades, most of them maker-sized, and a small one a few
        // dust fills. This is what makes real trade sizes so skewed (median 0.0007 BTC, p90 0.058 BTC).
        long ms = ExchangeMs(_t);
        long remaining = fill;
        for (int i = 0; remaining > 0; i++)
        {
            double median = _rng.NextDouble() < _p.DustFillShare ? _p.DustFillMedianLots : _p.MakerFillMedianLots;
            long piece = i == MaxFillsPerLevel - 1 ? remaining
                : Math.Min(remaining, Math.Max(1, (long)(_rng.NextLogNormal(median, 1.5) * _lotScale)));
            remaining -= piece;
            _out.Begin(LocalTime(_t), FrameOrigin.WebSocket);
            JsonBytes.Raw(_out, _tradeHead);
            JsonBytes.Integer(_out, ms);
            JsonBytes.Raw(_out, _symbolField);
            JsonBytes.Raw(_out, ",\"t\":"u8); JsonBytes.Integer(_out, _tradeId++);
            JsonBytes.Raw(_out, ",\"p\":"u8); Price(price);
            JsonBytes.Raw(_out, ",\"q\":"u8); Qty(piece);
            JsonBytes.Raw(_out, ",\"T\":"u8); JsonBytes.Integer(_out, ms);
            JsonBytes.Raw(_out, ",\"m\":"u8); JsonBytes.Bool(_out, buyerIsMaker);
            JsonBytes.Raw(_out, ",\"M\":true}}"u8);
            _out.End();
        }
    }

    // Span.Sort() with no comparer allocates a Comparison delegate per call in the Native AOT build (its sort helper
    // for long is the comparer-based one: 64 B per diff, ~1.3 B per event in the measured window); a cached delegate
    // sorts the same way with no allocation in either build.
    private static readonly Comparison<long> Ascending = static (a, b) => a.CompareTo(b);

    /// <summary>The 100 ms diff: every level changed since the previous one with its final quantity, bids
    /// descending and asks ascending; U = previous u + 1. No message when nothing changed (as on Binance).</summary>
    private void WriteDiff(long boundaryNs)
    {
        if (_book.DirtyBidCount + _book.DirtyAskCount == 0) return;
        var bids = _book.DirtyBids;
        var asks = _book.DirtyAsks;
        bids.Sort(Ascending);
        asks.Sort(Ascending);
        _out.Begin(LocalTime(boundaryNs), FrameOrigin.WebSocket);
        JsonBytes.Raw(_out, _depthHead);
        JsonBytes.Integer(_out, ExchangeMs(boundaryNs));
        JsonBytes.Raw(_out, _symbolField);
        JsonBytes.Raw(_out, ",\"U\":"u8); JsonBytes.Integer(_out, _lastDiffU + 1);
        JsonBytes.Raw(_out, ",\"u\":"u8); JsonBytes.Integer(_out, _updateId);
        JsonBytes.Raw(_out, ",\"b\":["u8);
        WriteLevels(bids, bid: true, descending: true);
        JsonBytes.Raw(_out, "],\"a\":["u8);
        WriteLevels(asks, bid: false, descending: false);
        JsonBytes.Raw(_out, "]}}"u8);
        _out.End();
        _lastDiffU = _updateId;
        _book.ClearDirty();
    }

    private void WriteLevels(ReadOnlySpan<long> ascending, bool bid, bool descending)
    {
        for (int k = 0; k < ascending.Length; k++)
        {
            long price = ascending[descending ? ascending.Length - 1 - k : k];
            if (k > 0) JsonBytes.Raw(_out, ","u8);
            JsonBytes.Raw(_out, "["u8); Price(price);
            JsonBytes.Raw(_out, ","u8); Qty(_book.QuantityAt(bid, price));
            JsonBytes.Raw(_out, "]"u8);
        }
    }

    /// <summary>The REST depth snapshot (limit 1000) as the bare body <c>GET /api/v3/depth</c> returns. It
    /// reflects the book at <paramref name="atNs"/>; the diff covering that moment arrives after it (it
    /// is sent at the next 100 ms boundary), so that diff straddles the snapshot as on the real feed.</summary>
    private void WriteSnapshot(long atNs)
    {
        _out.Begin(LocalTime(atNs), FrameOrigin.RestSnapshot);
        JsonBytes.Raw(_out, "{\"lastUpdateId\":"u8);
        JsonBytes.Integer(_out, _updateId);
        JsonBytes.Raw(_out, ",\"bids\":["u8);
        int n = 0;
        for (int i = _book.BestBid; i >= 0 && n < SnapshotLevels; i--)
        {
            if (_book.Bid[i] == 0) continue;
            if (n++ > 0) JsonBytes.Raw(_out, ","u8);
            JsonBytes.Raw(_out, "["u8); Price(_book.Base + i); JsonBytes.Raw(_out, ","u8); Qty(_book.Bid[i]); JsonBytes.Raw(_out, "]"u8);
        }
        JsonBytes.Raw(_out, "],\"asks\":["u8);
        n = 0;
        for (int i = _book.BestAsk; i < PriceLadder.Size && n < SnapshotLevels; i++)
        {
            if (_book.Ask[i] == 0) continue;
            if (n++ > 0) JsonBytes.Raw(_out, ","u8);
            JsonBytes.Raw(_out, "["u8); Price(_book.Base + i); JsonBytes.Raw(_out, ","u8); Qty(_book.Ask[i]); JsonBytes.Raw(_out, "]"u8);
        }
        JsonBytes.Raw(_out, "]}"u8);
        _out.End();
    }
}
