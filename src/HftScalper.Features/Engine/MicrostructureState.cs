using System.Runtime.CompilerServices;
using HftScalper.Core.Events;
using HftScalper.Features.Kernels;
using HftScalper.Native;
using M = HftScalper.Features.Engine.MicroColumns;

namespace HftScalper.Features.Engine;

/// <summary>
/// Per-symbol microstructure state: the latest best bid/ask (from top-of-book events and depth messages, whichever
/// came last), the figures of the last depth message, and the decayed flow sums. Every input event steps the
/// decayed sums in exchange time, whether or not it is a decision, so a row depends only on the event history and
/// never on which events were sampled. Every column is scale-free (schema v2): prices in bps of the mid or relative
/// to the usual spread, sizes relative to the decayed mean top-5 depth, rates per second; nothing reads the
/// symbol's tick, lot size or a notional, so the same market quoted in other units gives the same row.
/// </summary>
internal sealed class MicrostructureState
{
    private const int LOfiFast = 0, LOfiMid = 1, LOfiSlow = 2, LBuyFast = 3, LSellFast = 4, LBuySlow = 5, LSellSlow = 6;
    private const int LTradesFast = 7, LR2Fast = 8, LR2Mid = 9, LR2Slow = 10, LSpread = 11, LSpread2 = 12, LSpreadN = 13;
    private const int LDepth = 14, LDepthN = 15;
    private const double MaxAgeSeconds = 3600, VarianceDust = 1e-12;

    private readonly DecayedSumBank _sums;
    private readonly double _tradeFastS, _volFastS, _volMidS, _volSlowS, _impactSmall, _impactLarge;
    private readonly int _slopeLevels;

    // Latest L1 (price units and lots).
    public long Bid, BidQty, Ask, AskQty;
    public bool HasQuote;
    private bool _tickerSeen;
    private double _prevMid;

    // Figures of the last depth message applied while synced.
    private BookFigures _fig;
    private bool _figValid;
    private double _impBuySmall, _impSellSmall, _impBuyLarge, _impSellLarge, _slopeLogRatio;
    private bool _impPartial, _slopeValid;

    private int _tickDir, _tickRun, _tradeRun;
    private long _lastTradeNs = long.MinValue, _lastBookNs = long.MinValue;

    public MicrostructureState(FeatureEngineOptions o)
    {
        _sums = new DecayedSumBank([o.OfiFastSeconds, o.OfiMidSeconds, o.OfiSlowSeconds,
            o.TradeFastSeconds, o.TradeFastSeconds, o.TradeSlowSeconds, o.TradeSlowSeconds, o.TradeFastSeconds,
            o.VolFastSeconds, o.VolMidSeconds, o.VolSlowSeconds, o.SpreadSeconds, o.SpreadSeconds, o.SpreadSeconds,
            o.OfiMidSeconds, o.OfiMidSeconds]);
        _tradeFastS = o.TradeFastSeconds;
        _volFastS = o.VolFastSeconds;
        _volMidS = o.VolMidSeconds;
        _volSlowS = o.VolSlowSeconds;
        _impactSmall = o.ImpactDepthSmall;
        _impactLarge = o.ImpactDepthLarge;
        _slopeLevels = o.SlopeLevels;
    }

    /// <summary>Mid in price units (0 before a quote).</summary>
    public double Mid => HasQuote ? (Bid + Ask) * 0.5 : 0;

    /// <summary>Whether the last depth figures are usable.</summary>
    public bool FiguresValid => _figValid;

    /// <summary>Folds a best bid/ask. Returns true when any of the four values changed.</summary>
    private bool OnQuote(long bid, long bidQty, long ask, long askQty, long nowNs)
    {
        if (bid <= 0 || ask <= bid || bidQty < 0 || askQty < 0) return false; // crossed or empty: keep the last good one
        _lastBookNs = nowNs;
        bool changed = !HasQuote || bid != Bid || ask != Ask || bidQty != BidQty || askQty != AskQty;
        double mid = (bid + ask) * 0.5;
        if (HasQuote && mid != _prevMid)
        {
            double r = Math.Log(mid / _prevMid) * 1e4;
            double r2 = r * r;
            _sums.Input(LR2Fast) = r2;
            _sums.Input(LR2Mid) = r2;
            _sums.Input(LR2Slow) = r2;
            int dir = mid > _prevMid ? 1 : -1;
            _tickRun = dir == _tickDir ? _tickRun + dir : dir;
            _tickDir = dir;
        }
        _prevMid = mid;
        Bid = bid; BidQty = bidQty; Ask = ask; AskQty = askQty;
        HasQuote = true;
        double spread = ask - bid; // price units: only its ratio to its own mean is written
        _sums.Input(LSpread) = spread;
        _sums.Input(LSpread2) = spread * spread;
        _sums.Input(LSpreadN) = 1;
        return changed;
    }

    /// <summary>Folds a trade (aggressor side in <see cref="MarketEvent.Side"/>). A trade of unknown side
    /// (<see cref="Side.None"/>) counts toward the trade rate only: read as either side it would bias every signed
    /// flow feature (it was read as a sell).</summary>
    public void OnTrade(in MarketEvent e, long nowNs)
    {
        _lastTradeNs = nowNs;
        _sums.Input(LTradesFast) = 1;
        if (e.Side == Side.None) return;
        double q = e.Quantity > 0 ? e.Quantity : 0;
        bool buy = e.Side == Side.Bid;
        if (buy) { _sums.Input(LBuyFast) = q; _sums.Input(LBuySlow) = q; }
        else { _sums.Input(LSellFast) = q; _sums.Input(LSellSlow) = q; }
        int s = buy ? 1 : -1;
        _tradeRun = (_tradeRun > 0) == buy && _tradeRun != 0 ? _tradeRun + s : s;
    }

    /// <summary>Computes the book figures after a depth message of a synced book (one native call and a bounded copy).</summary>
    public bool OnDepthMessage(NativeOrderBook book, in BookFigureParameters p, Span<BookLevel> bids, Span<BookLevel> asks, long nowNs)
    {
        book.ComputeFigures(in p, out _fig);
        bool hasBoth = (_fig.Flags & (BookFigureFlags.HasBid | BookFigureFlags.HasAsk)) == (BookFigureFlags.HasBid | BookFigureFlags.HasAsk);
        _figValid = hasBoth && !_fig.IsCrossed;
        if (!_figValid) return false;
        if ((_fig.Flags & BookFigureFlags.OfiValid) != 0)
        {
            double ofi = _fig.OfiTotal;
            _sums.Input(LOfiFast) = ofi;
            _sums.Input(LOfiMid) = ofi;
            _sums.Input(LOfiSlow) = ofi;
        }
        int nb = book.CopyLevels(Side.Bid, bids), na = book.CopyLevels(Side.Ask, asks);
        double depth5 = 0;
        for (int i = 0; i < Math.Min(5, nb); i++) depth5 += bids[i].Quantity;
        for (int i = 0; i < Math.Min(5, na); i++) depth5 += asks[i].Quantity;
        depth5 *= 0.5;
        // Impact of orders sized on the usual depth (the decayed mean before this message; this message's own
        // depth for the first one), in bps of the mid: the same order means the same whatever the lot size.
        double dn = _sums[LDepthN], usual = dn > 0 ? _sums[LDepth] / dn : depth5;
        double mid = (_fig.BidPrice + (double)_fig.AskPrice) * 0.5, toBps = mid > 0 ? 1e4 / mid : 0;
        _impBuySmall = ImpactWalk.Distance(asks[..na], _impactSmall * usual, out _) * toBps;
        _impSellSmall = ImpactWalk.Distance(bids[..nb], _impactSmall * usual, out _) * toBps;
        _impBuyLarge = ImpactWalk.Distance(asks[..na], _impactLarge * usual, out bool pb) * toBps;
        _impSellLarge = ImpactWalk.Distance(bids[..nb], _impactLarge * usual, out bool ps) * toBps;
        _impPartial = pb || ps;
        double bidSlope = Slope(bids[..nb], mid), askSlope = Slope(asks[..na], mid);
        _slopeValid = bidSlope > 0 && askSlope > 0;
        _slopeLogRatio = _slopeValid ? Math.Log(bidSlope / askSlope) : 0;
        _sums.Input(LDepth) = depth5;
        _sums.Input(LDepthN) = 1;
        // A real-time top-of-book stream (bookTicker) is fresher than the batched depth stream (100 ms): once the
        // symbol has one, the L1 columns follow it and depth messages only refresh the depth figures.
        if (_tickerSeen) { _lastBookNs = nowNs; return false; }
        return OnQuote(_fig.BidPrice, _fig.BidQuantity, _fig.AskPrice, _fig.AskQuantity, nowNs);
    }

    // Depth of the first SlopeLevels levels per unit of distance of the last one from the mid (lots per price unit;
    // the log ratio of the two sides cancels both units). The distance is at least half the spread, never 0.
    private double Slope(ReadOnlySpan<BookLevel> levels, double mid)
    {
        int k = Math.Min(levels.Length, _slopeLevels);
        if (k == 0) return 0;
        double depth = 0;
        for (int i = 0; i < k; i++) depth += levels[i].Quantity;
        double distance = Math.Abs(levels[k - 1].Price - mid);
        return distance > 0 ? depth / distance : 0;
    }

    /// <summary>Folds a top-of-book event (the real-time L1 source). Returns true when the quote changed.</summary>
    public bool OnTicker(long bid, long bidQty, long ask, long askQty, long nowNs)
    {
        _tickerSeen = true;
        return OnQuote(bid, bidQty, ask, askQty, nowNs);
    }

    /// <summary>A depth event arrived while the book is not synced, or the feed restarted: figures are stale.</summary>
    public void InvalidateBook() => _figValid = false;

    /// <summary>Decays the flow sums to <paramref name="nowNs"/> and adds this event's inputs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(long nowNs) => _sums.Step(nowNs);

    /// <summary>Writes the block into <paramref name="row"/> (at least <see cref="M.Count"/> long).</summary>
    public void Write(Span<float> row, bool bookPresent, long nowNs)
    {
        bool book = bookPresent && _figValid;
        row[M.BookValid] = book ? 1 : 0;
        double n = _sums[LSpreadN];
        double meanS = n > 0 ? _sums[LSpread] / n : 0, var = n > 0 ? _sums[LSpread2] / n - meanS * meanS : 0;
        // E[s^2] - E[s]^2 of a constant spread is rounding (cv ~3e-8, present or not depending on the price units):
        // a variance under 1e-12 of the squared mean (cv 1e-6, far below one tick's weight in any real window) is 0.
        if (var <= VarianceDust * meanS * meanS) var = 0;
        if (HasQuote)
        {
            double spread = Ask - Bid, mid = (Bid + Ask) * 0.5;
            row[M.SpreadBps] = (float)(spread / mid * 1e4);
            row[M.SpreadRelative] = meanS > 0 ? (float)(spread / meanS) : 0;
            double qSum = (double)BidQty + AskQty;
            row[M.MicropriceMinusMid] = qSum > 0 ? (float)(((Bid * (double)AskQty + Ask * (double)BidQty) / qSum - mid) / mid * 1e4) : 0;
            row[M.Imbalance1] = qSum > 0 ? (float)((BidQty - (double)AskQty) / qSum) : 0;
        }
        else
        {
            row[M.SpreadBps] = 0; row[M.SpreadRelative] = 0; row[M.MicropriceMinusMid] = 0; row[M.Imbalance1] = 0;
        }
        row[M.SpreadVariation] = var > 0 && meanS > 0 ? (float)(Math.Sqrt(var) / meanS) : 0;

        row[M.Imbalance5] = book ? (float)_fig.Imbalance5 : 0;
        row[M.Imbalance10] = book ? (float)_fig.Imbalance10 : 0;
        row[M.Imbalance20] = book ? (float)_fig.Imbalance20 : 0;
        double dn = _sums[LDepthN], depth = dn > 0 ? _sums[LDepth] / dn : 0;
        double perDepth = depth > 0 ? 1 / depth : 0;
        row[M.OfiFast] = (float)(_sums[LOfiFast] * perDepth);
        row[M.OfiMid] = (float)(_sums[LOfiMid] * perDepth);
        row[M.OfiSlow] = (float)(_sums[LOfiSlow] * perDepth);
        row[M.ImpactBuySmall] = book ? (float)_impBuySmall : 0;
        row[M.ImpactSellSmall] = book ? (float)_impSellSmall : 0;
        row[M.ImpactBuyLarge] = book ? (float)_impBuyLarge : 0;
        row[M.ImpactSellLarge] = book ? (float)_impSellLarge : 0;
        row[M.ImpactPartial] = book && _impPartial ? 1 : 0;
        row[M.SlopeLogRatio] = book && _slopeValid ? (float)_slopeLogRatio : 0;

        row[M.TickDirection] = _tickDir;
        row[M.TickRun] = _tickRun;
        row[M.TradeSignRun] = _tradeRun;
        row[M.TradeImbalanceFast] = (float)Ratio(_sums[LBuyFast], _sums[LSellFast]);
        row[M.TradeImbalanceSlow] = (float)Ratio(_sums[LBuySlow], _sums[LSellSlow]);
        row[M.TradeRateFast] = (float)(_sums[LTradesFast] / _tradeFastS);
        row[M.TradeValid] = _lastTradeNs != long.MinValue ? 1 : 0;
        row[M.TimeSinceTrade] = (float)Age(_lastTradeNs, nowNs);
        row[M.TimeSinceBookUpdate] = (float)Age(_lastBookNs, nowNs);
        row[M.RealizedVolFast] = (float)Math.Sqrt(Math.Max(0, _sums[LR2Fast]) / _volFastS);
        row[M.RealizedVolMid] = (float)Math.Sqrt(Math.Max(0, _sums[LR2Mid]) / _volMidS);
        row[M.RealizedVolSlow] = (float)Math.Sqrt(Math.Max(0, _sums[LR2Slow]) / _volSlowS);
    }

    private static double Ratio(double buy, double sell)
    {
        double t = buy + sell;
        return t > 0 ? (buy - sell) / t : 0;
    }

    private static double Age(long thenNs, long nowNs) =>
        thenNs == long.MinValue ? MaxAgeSeconds : Math.Min(MaxAgeSeconds, Math.Max(0, nowNs - thenNs) * 1e-9);
}
