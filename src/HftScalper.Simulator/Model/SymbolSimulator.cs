using HftScalper.Core.Frames;
using HftScalper.Simulator.Wire;

namespace HftScalper.Simulator.Model;

/// <summary>
/// One symbol's limit order book driven by a queue-reactive order flow on two Hawkes clocks (limit/cancel flow and
/// market orders) whose baselines a slow activity regime scales and whose intensities sweeps kick: limit orders
/// (joining the best queue, improving a wide spread, chasing a sweep, or resting deeper as dust), cancels and
/// market orders that sweep the sparse book. The side being hit stays thin (withdrawal, makers' skew) and
/// aggressors persist and prefer thin queues, so the queue imbalance predicts the next mid moves, as in real books
/// (see SymbolSimulator.Flow.cs). Each level change takes one update id; the messages Binance would send for it
/// (trade, bookTicker, and the 100 ms depth diff) are written to a <see cref="MessageArena"/>.
/// </summary>
internal sealed partial class SymbolSimulator
{
    private const long NsPerSecond = 1_000_000_000;
    private const long DiffIntervalNs = 100_000_000;
    private const double WarmupSeconds = 120;
    private const int InitialOrdersPerSide = 4_000;
    private const int CancelReach = 2_048;

    private SymbolProfile _p;        // replaced once at the regime change (_changeNs)
    private readonly Xoshiro256StarStar _rng;
    private readonly HawkesClock _clock;
    private readonly PriceLadder _book;
    private readonly MessageArena _out;
    private readonly long _startEpochNs, _endNs, _snapshotAtNs;
    private readonly HawkesClock _marketClock;
    private readonly ActivityRegime _regime;
    private readonly double _lotScale, _logMaxDistance, _logMinDistance;
    private double _cancelShare;
    private long _changeNs;          // simulated time of the regime change (long.MaxValue = none)
    private long _nextBookNs, _nextMarketNs;

    private long _t;                 // simulated ns since the start epoch (negative during warm-up)
    private long _updateId, _lastDiffU, _tradeId, _nextDiffNs, _lastLocalNs;
    private bool _emitting, _snapshotSent, _finished;
    private long _topBid, _topBidQty, _topAsk, _topAskQty;

    public SymbolSimulator(SymbolProfile profile, ulong seed, long startEpochNs, long durationNs, long regimeChangeNs = long.MaxValue, LatentValue? value = null)
    {
        _p = profile;
        _changeNs = regimeChangeNs;
        value?.Validate();
        _value = value;
        _rng = new Xoshiro256StarStar(seed);
        // Two self-exciting clocks: the limit/cancel flow, and market orders, which cluster far more on the real
        // feed (trade-count Fano factor 116 vs 81 for quotes) than a shared clock could produce.
        _clock = new HawkesClock(profile.EventRate * (1 - profile.MarketShare), profile.Branching, profile.DecayPerSecond);
        _marketClock = new HawkesClock(profile.EventRate * profile.MarketShare, profile.MarketBranching, profile.MarketDecayPerSecond);
        _regime = new ActivityRegime(profile.RegimeCalmScale, profile.RegimeActiveScale, profile.RegimeCalmSeconds, profile.RegimeActiveSeconds);
        _book = new PriceLadder(profile.StartPriceTicks);
        _startEpochNs = startEpochNs;
        _endNs = durationNs;
        _lotScale = profile.SizeScale * Math.Pow(10, profile.QuantityDecimals - 5);
        _logMaxDistance = Math.Log(profile.MaxDistanceTicks);
        _logMinDistance = Math.Log(profile.MinDeepDistanceTicks);
        _cancelShare = profile.CancelShare / (1 - profile.MarketShare);
        _qtyPow10 = Core.Numerics.FixedPoint.PowerOfTen(profile.QuantityDecimals);
        _pricePow10 = Core.Numerics.FixedPoint.PowerOfTen(profile.PriceDecimals);
        InitWire();
        _out = NewArena();
        Seed();
        Warmup();
        // Update ids continue a realistic Binance-sized counter; the first diff's U follows the last id before it.
        _updateId = 50_000_000_000 + (long)(seed % 1_000_000_000);
        _lastDiffU = _updateId;
        _tradeId = 3_700_000_000 + (long)(seed % 100_000_000);
        _nextDiffNs = DiffIntervalNs;
        // The REST snapshot is fetched a few diffs in, at a random moment, so early diffs predate it and one
        // straddles it (the documented sync must drop and bridge them, as with the real recording).
        _snapshotAtNs = 220_000_000 + (long)(_rng.NextDouble() * 90_000_000);
        _book.ClearDirty();
        _emitting = true;
        _t = 0;
    }

    /// <summary>The simulated symbol.</summary>
    public SymbolProfile Profile => _p;

    /// <summary>Events (update ids) generated since the start.</summary>
    public long Events { get; private set; }

    /// <summary>Whether the end time was reached and every frame taken.</summary>
    public bool Done => _finished && _out.Pending == 0;

    /// <summary>Makes sure a frame is pending (steps the book as needed). False when the run is over.</summary>
    public bool TryPeek(out long localTimeNs)
    {
        if (_out.Pending == 0)
        {
            _out.Reset();
            while (_out.Pending == 0 && !_finished) Step();
            if (_out.Pending == 0)
            {
                localTimeNs = 0;
                return false;
            }
        }
        localTimeNs = _out.PeekTime;
        return true;
    }

    /// <summary>Takes the pending frame (after a successful <see cref="TryPeek"/>).</summary>
    public RawFrame Take(int symbolId) => _out.Take(symbolId, 0);

    private void Seed()
    {
        long start = _p.StartPriceTicks - _book.Base;
        _book.BestBid = (int)start;
        _book.BestAsk = (int)start + 1;
        _book.Set(true, _book.BestBid, LimitSize(), false);
        _book.Set(false, _book.BestAsk, LimitSize(), false);
        for (int i = 0; i < InitialOrdersPerSide; i++)
        {
            int d = 1 + (int)Math.Exp(_rng.NextDouble() * _logMaxDistance);
            long bidSize = DeepSize(); // drawn whether placed or not: the random stream stays that of every profile
            if (_book.Base + _book.BestBid - d >= 1) _book.Bid[_book.BestBid - d] += bidSize; // never at or below zero
            _book.Ask[_book.BestAsk + d] += DeepSize();
        }
        _book.RebuildBits();
    }

    private void Warmup()
    {
        _t = -(long)(WarmupSeconds * NsPerSecond);
        _regime.Start(_t, _rng);
        StartValue();
        ScaleClocks();
        while (_t < 0)
        {
            _t = NextEvent(out var kind);
            Apply(kind);
        }
    }

    private void Step()
    {
        long next = NextEvent(out var kind);
        while (true)
        {
            bool snapshotFirst = !_snapshotSent && _snapshotAtNs <= _nextDiffNs;
            long due = snapshotFirst ? _snapshotAtNs : _nextDiffNs;
            if (due > next || due > _endNs) break;
            if (snapshotFirst)
            {
                WriteSnapshot(_snapshotAtNs);
                _snapshotSent = true;
            }
            else
            {
                WriteDiff(_nextDiffNs);
                _nextDiffNs += DiffIntervalNs;
            }
        }
        if (next > _endNs)
        {
            _finished = true;
            return;
        }
        _t = next;
        Apply(kind);
        if (_book.NeedsRecentre) Recentre();
    }

    /// <summary>The next of the event sources: the limit/cancel flow, market orders, an activity switch, a latent value step, the regime change.</summary>
    private long NextEvent(out EventKind kind)
    {
        kind = _nextMarketNs < _nextBookNs ? EventKind.Market : EventKind.Book;
        long at = Math.Min(_nextMarketNs, _nextBookNs);
        if (_regime.NextSwitchNs < at)
        {
            kind = EventKind.Regime;
            at = _regime.NextSwitchNs;
        }
        if (_nextValueNs < at)
        {
            kind = EventKind.Value;
            at = _nextValueNs;
        }
        if (_changeNs < at)
        {
            kind = EventKind.Change;
            at = _changeNs;
        }
        return at;
    }

    /// <summary>The regime change: the flow continues under <see cref="SymbolProfile.AfterRegimeChange"/> (clocks redrawn).</summary>
    private void ChangeRegime()
    {
        _changeNs = long.MaxValue;
        _p = _p.AfterRegimeChange();
        _cancelShare = _p.CancelShare / (1 - _p.MarketShare);
        ScaleClocks();
    }

    /// <summary>Applies the regime's baseline scale and redraws both clocks from now (exact: Markov state).</summary>
    private void ScaleClocks()
    {
        _clock.SetBaselineScale(_regime.Scale * _p.ActivityScale);
        _marketClock.SetBaselineScale(_regime.Scale * _p.ActivityScale * _p.MarketScale);
        _nextBookNs = _clock.NextAfter(_t, _rng);
        _nextMarketNs = _marketClock.NextAfter(_t, _rng);
    }

    /// <summary>Slow path: zero the levels about to leave the window (so clients drop them too), then move it.</summary>
    private void Recentre()
    {
        int shift = (_book.BestBid + _book.BestAsk) / 2 - PriceLadder.Size / 2;
        int from = shift > 0 ? 0 : PriceLadder.Size + shift, to = shift > 0 ? shift : PriceLadder.Size;
        for (int i = from; i < to; i++)
        {
            if (_book.Bid[i] != 0) { _book.Set(true, i, 0, _emitting); _updateId++; }
            if (_book.Ask[i] != 0) { _book.Set(false, i, 0, _emitting); _updateId++; }
        }
        _book.Recentre();
    }
}
