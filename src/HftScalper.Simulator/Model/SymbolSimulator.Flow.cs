namespace HftScalper.Simulator.Model;

// The order flow: what each clock event does to the book. Everything here depends on the book's current state and
// past events only (queue sizes, the side the last sweep cleared): nothing looks ahead.
internal sealed partial class SymbolSimulator
{
    private bool _lastBuy, _hasLastSide, _lastClearedBid, _hasCleared;
    private long _withdrawUntilNs = long.MinValue, _metaUntilNs = long.MinValue;
    private double _metaSign, _flow;
    private long _flowAtNs;
    private bool _holdTop; // inside a market order that publishes one bookTicker after it (LatentValue.HiddenSweepTopShare)

    private enum EventKind
    {
        Book,
        Market,
        Regime,
        Change,
        Value,
    }

    private void Apply(EventKind kind)
    {
        switch (kind)
        {
            case EventKind.Regime:
                _regime.Switch(_rng);
                ScaleClocks();
                break;
            case EventKind.Change:
                ChangeRegime();
                break;
            case EventKind.Value:
                StepValue();
                break;
            case EventKind.Market:
                _marketClock.Fire(_t);
                int cleared = MarketOrder();
                if (cleared > 0)
                {
                    // A sweep excites both flows: makers re-quote in a storm, more aggressors follow.
                    _clock.Kick(_t, _p.SweepQuoteKick);
                    _marketClock.Kick(_t, _p.SweepMarketKick);
                    _nextBookNs = _clock.NextAfter(_t, _rng);
                }
                _nextMarketNs = _marketClock.NextAfter(_t, _rng);
                RequoteAtValue();
                break;
            default:
                _clock.Fire(_t);
                _nextBookNs = _clock.NextAfter(_t, _rng);
                if (_rng.NextDouble() < _cancelShare) Cancel();
                else Limit();
                RequoteAtValue();
                break;
        }
    }

    private void Limit()
    {
        bool bid = _rng.NextDouble() < 0.5;
        int spread = _book.BestAsk - _book.BestBid;
        int index;
        long size = LimitSize();
        if (spread > 1 && _rng.NextDouble() < _p.ImproveWhenWide)
        {
            if (_hasCleared && _rng.NextDouble() < _p.ChaseShare)
            {
                // The side the sweep did not clear follows the price: it re-quotes one tick from the new best.
                bid = !_lastClearedBid;
                index = bid ? _book.BestAsk - 1 : _book.BestBid + 1;
                size = (long)(size * _p.JoinBestSizeFactor);
            }
            else
            {
                int inside = _rng.NextDouble() < _p.CloseSpreadShare ? spread - 1 : 1 + _rng.NextInt(spread - 1);
                index = bid ? _book.BestBid + inside : _book.BestAsk - inside;
            }
        }
        else
        {
            int d = Distance();
            // Makers lean away from the side aggressors have been hitting (it is the side that gets run over).
            if (d == 0) bid = _rng.NextDouble() < 0.5 + 0.5 * _p.QuoteSkew * Math.Tanh(RecentFlow() / 4);
            // Liquidity withdrawal: makers of the side just run over keep away from its touch for a while.
            if (d == 0 && bid == _lastClearedBid && _t < _withdrawUntilNs && _rng.NextDouble() < _p.WithdrawalStrength) bid = !bid;
            if (d == 0) LeadTakes(ref bid, true);
            if (d == 0) ValueTakes(ref bid, true, _value?.JoinLean ?? 0);
            size = d == 0 ? (long)(size * _p.JoinBestSizeFactor) : DeepSize();
            index = bid ? _book.BestBid - d : _book.BestAsk + d;
            if (d > 0) index = AnchorToValue(bid, index);
        }
        if ((uint)index >= PriceLadder.Size) return;
        long[] side = bid ? _book.Bid : _book.Ask;
        Change(bid, index, side[index] + size);
    }

    private void Cancel()
    {
        bool bid = _rng.NextDouble() < 0.5;
        long[] side = bid ? _book.Bid : _book.Ask;
        int index;
        bool whole;
        if (_rng.NextDouble() < _p.CancelBestShare)
        {
            if (_p.PullShare > 0 && _t >= _withdrawUntilNs && _rng.NextDouble() < _p.PullShare)
            {
                Pull();
                return;
            }
            // Queue depletion: the thinner best queue loses its makers first (the side about to be run over).
            double qb = _book.Bid[_book.BestBid], qa = _book.Ask[_book.BestAsk];
            bid = _rng.NextDouble() < 0.5 - 0.5 * _p.CancelThinBias * (qb - qa) / Math.Max(1, qb + qa);
            LeadTakes(ref bid, false);
            ValueTakes(ref bid, false, _value?.CancelLean ?? 0);
            side = bid ? _book.Bid : _book.Ask;
            index = bid ? _book.BestBid : _book.BestAsk;
            whole = false;
        }
        else
        {
            int d = Math.Max(1, Distance());
            // Bounded search: a cancel aimed beyond the deepest order is a no-op, not a scan of the window.
            index = bid ? _book.NextBidDown(Math.Max(0, _book.BestBid - d), CancelReach)
                : _book.NextAskUp(Math.Min(PriceLadder.Size - 1, _book.BestAsk + d), CancelReach);
            if (index < 0) return;
            whole = _rng.NextDouble() < 0.5;
        }
        long q = side[index];
        // Queue-reactive: every resting order cancels at its own rate, so a larger queue loses more per event.
        // The smallest cancel is one typical resting order (mostly dust), so a thin touch is not wiped by one event.
        long take = Math.Max(DeepSize(), (long)(q * _rng.NextDouble() * _p.CancelQueueFraction));
        long left = whole ? 0 : Math.Max(0, q - take);
        // Never let a side run empty: the last visible level keeps one lot (a real book is never one-sided).
        if (left == 0 && index == (bid ? _book.BestBid : _book.BestAsk) && NextLevel(bid, index) < 0) left = 1;
        Change(bid, index, left);
    }

    /// <summary>The thicker best queue is pulled whole (bait withdrawn): its side's price falls back to the level
    /// behind it, and the other side chases the move as after a sweep.</summary>
    private void Pull()
    {
        bool bid = _book.Bid[_book.BestBid] >= _book.Ask[_book.BestAsk];
        int index = bid ? _book.BestBid : _book.BestAsk;
        if (NextLevel(bid, index) < 0) return; // never empty a side
        Change(bid, index, 0);
        _lastClearedBid = bid;
        _hasCleared = true;
        _withdrawUntilNs = _t + (long)_rng.NextExponential(_p.WithdrawalMeanMs * 1e6);
    }

    /// <summary>One market order; returns how many price levels it cleared (the touch moved that often).</summary>
    private int MarketOrder()
    {
        bool buy = MarketSide();
        long remaining = MarketSize();
        // The real feed mostly publishes the book after a sweep, not each level it cleared (LatentValue.HiddenSweepTopShare);
        // opt-in so that the stream without the option is unchanged.
        _holdTop = _emitting && _value is { HiddenSweepTopShare: > 0 } v && _rng.NextDouble() < v.HiddenSweepTopShare;
        if (_p.ClearTouchShare > 0 && _rng.NextDouble() < _p.ClearTouchShare)
            remaining += buy ? _book.Ask[_book.BestAsk] : _book.Bid[_book.BestBid];
        int cleared = 0;
        for (int level = 0; level < _p.MaxSweepLevels && remaining > 0; level++)
        {
            bool bidSide = !buy;
            int index = bidSide ? _book.BestBid : _book.BestAsk;
            long[] side = bidSide ? _book.Bid : _book.Ask;
            long q = side[index];
            long fill = Math.Min(remaining, q);
            if (fill == q && NextLevel(bidSide, index) < 0) fill = q - 1;
            if (fill <= 0) break;
            if (_emitting) WriteFills(_book.Base + index, fill, buyerIsMaker: !buy);
            remaining -= fill;
            Change(bidSide, index, q - fill);
            if (fill == q)
            {
                cleared++;
                _lastClearedBid = bidSide;
                _hasCleared = true;
                _withdrawUntilNs = _t + (long)_rng.NextExponential(_p.WithdrawalMeanMs * 1e6);
            }
        }
        if (_holdTop)
        {
            _holdTop = false;
            PublishTop();
        }
        return cleared;
    }

    /// <summary>The aggressor side: the previous one again (order splitting, momentum), else drawn with a lean to
    /// the thinner best queue (queue-reactive: the cheapest side to move).</summary>
    private bool MarketSide()
    {
        bool buy;
        if (_hasLastSide && _rng.NextDouble() < _p.MarketSidePersistence) buy = _lastBuy;
        else
        {
            double qb = _book.Bid[_book.BestBid], qa = _book.Ask[_book.BestAsk];
            double imbalance = (qb - qa) / Math.Max(1, qb + qa);
            if (_t >= _metaUntilNs)
            {
                // A new metaorder: its direction is a coin flip, unrelated to the book (nothing scripted).
                _metaSign = _rng.NextDouble() < 0.5 ? -1 : 1;
                _metaUntilNs = _t + (long)_rng.NextExponential(_p.MetaorderSeconds * NsPerSecond);
            }
            // A thick bid and a thin ask (imbalance > 0): buying moves the price up at the least cost.
            buy = _rng.NextDouble() < 0.5 + 0.5 * _p.ThinSideBias * imbalance + _p.MetaorderBias * _metaSign;
            // Informed aggressors: a fresh side leans toward the latent value (opt-in; 0 in the calibrated setting).
            ValueTakes(ref buy, true, _value?.AggressorLean ?? 0);
        }
        LeadTakes(ref buy, true);
        _lastBuy = buy;
        _hasLastSide = true;
        _flow = RecentFlow() + (buy ? 1 : -1);
        _flowAtNs = _t;
        return buy;
    }

    /// <summary>Signed count of market orders (buy +1, sell -1) decayed to now: what makers have seen.</summary>
    private double RecentFlow() =>
        _flow == 0 ? 0 : _flow * Math.Exp(-(_t - _flowAtNs) / (_p.FlowMemorySeconds * NsPerSecond));

    /// <summary>Applies one level change: one update id, the best prices kept current, a bookTicker when the top
    /// of the book changed.</summary>
    private void Change(bool bid, int index, long qty)
    {
        // No order rests at a price of zero or below: a low-priced busy profile's dust (up to MaxDistanceTicks deep)
        // reached past zero and was written as "0.-58000000". Such an order is not placed (nothing drawn here, so
        // the random stream, and every profile whose book never gets there, is unchanged).
        if (qty > 0 && _book.Base + index < 1) return;
        _book.Set(bid, index, qty, _emitting);
        if (bid)
        {
            if (qty > 0 && index > _book.BestBid) _book.BestBid = index;
            else if (qty == 0 && index == _book.BestBid) _book.BestBid = _book.NextBidDown(index - 1);
        }
        else
        {
            if (qty > 0 && index < _book.BestAsk) _book.BestAsk = index;
            else if (qty == 0 && index == _book.BestAsk) _book.BestAsk = _book.NextAskUp(index + 1);
        }
        _updateId++;
        if (!_emitting) return;
        Events++;
        if (!_holdTop) PublishTop();
    }

    /// <summary>A bookTicker when the top of the book changed since the last one.</summary>
    private void PublishTop()
    {
        long bp = _book.Base + _book.BestBid, bq = _book.Bid[_book.BestBid];
        long ap = _book.Base + _book.BestAsk, aq = _book.Ask[_book.BestAsk];
        if (bp != _topBid || bq != _topBidQty || ap != _topAsk || aq != _topAskQty)
        {
            _topBid = bp; _topBidQty = bq; _topAsk = ap; _topAskQty = aq;
            WriteBookTicker();
        }
    }

    private int NextLevel(bool bid, int index) => bid ? _book.NextBidDown(index - 1) : _book.NextAskUp(index + 1);

    // 0 (join the best queue) or log-uniform in [MinDeepDistance, MaxDistance): density ~ 1/distance.
    private int Distance() =>
        _rng.NextDouble() < _p.JoinBestShare ? 0 : (int)Math.Exp(_logMinDistance + _rng.NextDouble() * (_logMaxDistance - _logMinDistance));

    private long LimitSize() => Math.Max(1, (long)(_rng.NextLogNormal(_p.LimitSizeMedianLots, _p.LimitSizeSigma) * _lotScale));

    private long DeepSize() => Math.Max(1, (long)(_rng.NextLogNormal(_p.DeepSizeMedianLots, _p.DeepSizeSigma) * _lotScale));

    private long MarketSize() => Math.Max(1, (long)(_rng.NextLogNormal(_p.MarketSizeMedianLots, _p.MarketSizeSigma) * _lotScale));
}
