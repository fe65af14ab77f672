using System.Runtime.CompilerServices;
using HftScalper.Core.Numerics;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;

namespace HftScalper.Reporting.Fills;

/// <summary>
/// Every fill of a run, for the trades file and the PnL attribution: the mid just before it, the probabilities of the
/// decision that sent its order, and its markouts (the mid at each horizon after the fill, resolved on the event clock
/// as later mids arrive: the last mid at or before fill time + horizon, final once a mid after it is seen). The mid
/// at a fill is the last mid observed at or before its exchange time (its report reaches us later). Exact
/// running sums over all fills (spread captured, markouts, fees, notional, the mid value of the traded quantity) make
/// <see cref="Attribute"/>; the first <see cref="FillRecorderOptions.FillCapacity"/> fills are kept row by row.
/// <para>Zero allocation per call in steady state: a symbol's state is allocated at its first mid, its waiting ring
/// (pre-sized) at its first fill; optional <see cref="FillBuckets"/> grow by doubling as a run spans more time. One
/// thread (the strategy thread): <see cref="ObserveMid"/> once per decision, <see cref="OnOrderSent"/> per order,
/// <see cref="OnFill"/> per fill.</para>
/// </summary>
public sealed class FillRecorder
{
    private readonly FillRecorderOptions _options;
    private readonly SymbolRegistry? _symbols;
    private readonly long[] _horizons;
    private readonly int _attributionHorizon;
    private readonly FillSymbolState?[] _states;
    private readonly FillBuckets? _buckets;
    private readonly FillRecord[] _kept;
    private readonly long[] _slotIds;
    private readonly float[] _slotProbs;
    private readonly int _slotMask;
    private readonly long[] _resolved;
    private readonly long[] _dropped;
    private readonly double[] _sumBps;
    private readonly double[] _sumMidBps;
    private int _keptCount;
    private long _fills, _makerFills, _ignored, _withoutMid, _withProbs, _staleMid;
    private double _notional, _makerNotional, _fees, _spread, _cashAtMid, _adverse;

    private const int HistoryLength = FillSymbolState.HistoryLength;

    /// <summary>Creates a recorder; <paramref name="symbols"/> gives each symbol's scales (quote currency per tick x lot;
    /// an inverse contract's amounts are coin values, <see cref="FillRecorderOptions.ContractSizes"/>). Without it,
    /// amounts are in ticks x lots. <paramref name="buckets"/>, when given, also sums the fills per bucket of time (markouts
    /// at the first horizon, mark-to-mid gross PnL) for their uncertainty.</summary>
    public FillRecorder(FillRecorderOptions? options = null, SymbolRegistry? symbols = null, FillBuckets? buckets = null)
    {
        _options = options ?? new FillRecorderOptions();
        _symbols = symbols;
        _buckets = buckets;
        _horizons = [.. _options.MarkoutHorizonsNs];
        if (_horizons.Length is < 1 or > 3) throw new ArgumentException("one to three markout horizons", nameof(options));
        for (int h = 0; h < _horizons.Length; h++)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(_horizons[h], 1L, nameof(options));
            if (h > 0 && _horizons[h] <= _horizons[h - 1]) throw new ArgumentException("markout horizons must ascend", nameof(options));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(_options.AttributionHorizon, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(_options.AttributionHorizon, _horizons.Length, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.FillCapacity, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.PendingPerSymbol, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxSymbols, 1, nameof(options));
        if (_options.OrderSlots < 1 || (_options.OrderSlots & (_options.OrderSlots - 1)) != 0)
            throw new ArgumentException("OrderSlots must be a power of two", nameof(options));
        _attributionHorizon = _options.AttributionHorizon;
        _states = new FillSymbolState?[_options.MaxSymbols];
        _kept = new FillRecord[_options.FillCapacity];
        _slotIds = new long[_options.OrderSlots];
        _slotProbs = new float[_options.OrderSlots * 3];
        _slotMask = _options.OrderSlots - 1;
        _resolved = new long[_horizons.Length];
        _dropped = new long[_horizons.Length];
        _sumBps = new double[_horizons.Length];
        _sumMidBps = new double[_horizons.Length];
    }

    /// <summary>The markout horizons in ns.</summary>
    public IReadOnlyList<long> HorizonsNs => _horizons;

    /// <summary>The horizon (ns) of the attribution's adverse-selection term.</summary>
    public long AttributionHorizonNs => _horizons[_attributionHorizon];

    /// <summary>Fills recorded (all of them, kept or not).</summary>
    public long Fills => _fills;

    /// <summary>Fills where we provided liquidity.</summary>
    public long MakerFills => _makerFills;

    /// <summary>Notional of the fills where we provided liquidity, in the attribution's amounts (the account's asset: an
    /// inverse contract's coin value), so a re-pricing at another fee tier charges the same notional the fees were on.</summary>
    public double MakerNotional => _makerNotional;

    /// <summary>Fills ignored: symbol id out of range or unknown to the registry, non-positive price or quantity.</summary>
    public long Ignored => _ignored;

    /// <summary>Fills that came before any mid of their symbol (their mid is taken as the fill price).</summary>
    public long FillsWithoutMid => _withoutMid;

    /// <summary>Fills reported so late that every remembered mid is newer than the fill (the oldest one is used).</summary>
    public long FillsWithStaleMid => _staleMid;

    /// <summary>Fills whose order's decision had model probabilities.</summary>
    public long FillsWithProbabilities => _withProbs;

    /// <summary>Fills recorded but not kept row by row (beyond <see cref="FillRecorderOptions.FillCapacity"/>).</summary>
    public long NotKept => _fills - _keptCount;

    /// <summary>The kept fills, in fill order (markouts NaN where unresolved).</summary>
    public ReadOnlySpan<FillRecord> Kept => _kept.AsSpan(0, _keptCount);

    /// <summary>Fills whose markout at horizon <paramref name="h"/> resolved.</summary>
    public long Resolved(int h) => _resolved[h];

    /// <summary>Fills whose markout at horizon <paramref name="h"/> was given up because the waiting ring was full.</summary>
    public long Dropped(int h) => _dropped[h];

    /// <summary>Mean markout at horizon <paramref name="h"/> in bps of the fill price: side x (mid(t+h) - price) / price
    /// (spread captured included; positive = good for us); NaN when none resolved.</summary>
    public double MeanMarkoutBps(int h) => _resolved[h] == 0 ? double.NaN : _sumBps[h] / _resolved[h];

    /// <summary>Mean mid-to-mid markout at horizon <paramref name="h"/> in bps: side x (mid(t+h) - mid(t)) / mid(t)
    /// (the move alone); NaN when none resolved.</summary>
    public double MeanMidMarkoutBps(int h) => _resolved[h] == 0 ? double.NaN : _sumMidBps[h] / _resolved[h];

    /// <summary>The mid of a decision (with its best bid and ask): resolves the markouts it passes. Zero allocation
    /// after the symbol's first call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ObserveMid(int symbolId, long timeNs, double midTicks, long bidTicks, long askTicks)
    {
        if (!(midTicks > 0) || !double.IsFinite(midTicks)) return;
        var s = State(symbolId);
        if (s is null) return;
        if (s.Head != s.Cursor[^1]) Resolve(s, timeNs);
        if (_buckets is not null && s.Position != 0 && !double.IsNaN(s.LastMid)) _buckets.OnMove(timeNs, s.Position * s.Diff(midTicks, s.LastMid));
        s.LastMid = midTicks;
        int slot = (int)(s.HistCount++ % HistoryLength);
        s.HistTime[slot] = timeNs;
        s.HistMid[slot] = midTicks;
        if (bidTicks > 0 && askTicks > 0)
        {
            s.LastBid = bidTicks;
            s.LastAsk = askTicks;
        }
    }

    /// <summary>An order was sent on a decision whose model row was <paramref name="scores"/> (down, flat, up; empty when
    /// the model did not score it): its fills carry these probabilities.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnOrderSent(long orderId, ReadOnlySpan<float> scores)
    {
        if (orderId == 0) return;
        int slot = (int)(orderId & _slotMask);
        _slotIds[slot] = orderId;
        bool has = scores.Length >= 3;
        _slotProbs[slot * 3] = has ? scores[0] : float.NaN;
        _slotProbs[slot * 3 + 1] = has ? scores[1] : float.NaN;
        _slotProbs[slot * 3 + 2] = has ? scores[2] : float.NaN;
    }

    /// <summary>One fill. Zero allocation once the symbol's first mid was observed.</summary>
    public void OnFill(in ExecutionReport fill)
    {
        if (!fill.IsFill || fill.LastQuantityLots <= 0 || fill.LastPriceTicks <= 0)
        {
            _ignored++;
            return;
        }
        var s = State(fill.SymbolId);
        if (s is null)
        {
            _ignored++;
            return;
        }
        int side = fill.Side == OrderSide.Sell ? -1 : 1;
        long lots = fill.LastQuantityLots;
        double price = fill.LastPriceTicks;
        double mid = MidAt(s, fill.ExchangeTimeNs);
        if (double.IsNaN(mid))
        {
            _withoutMid++;
            mid = price;
        }
        _fills++;
        bool maker = fill.Liquidity == Liquidity.Maker;
        double notional = Math.Abs(s.Value(price)) * lots;
        if (maker)
        {
            _makerFills++;
            _makerNotional += notional;
        }
        _notional += notional;
        _fees += fill.Fee * s.FeeScale;
        _spread += side * s.Diff(mid, price) * lots;
        _cashAtMid -= side * s.Value(mid) * lots;
        s.Position += side * lots;
        // Marked to the mid in force now (a report delivered late: the move since its exchange time is the fill's too).
        _buckets?.OnFill(fill.ExchangeTimeNs, side * s.Diff(double.IsNaN(s.LastMid) ? mid : s.LastMid, price) * lots);

        int kept = -1;
        if (_keptCount < _kept.Length)
        {
            kept = _keptCount++;
            ref var r = ref _kept[kept];
            r.TimeNs = fill.ExchangeTimeNs;
            r.SymbolId = fill.SymbolId;
            r.Side = side;
            r.PriceTicks = fill.LastPriceTicks;
            r.QuantityLots = lots;
            r.Maker = maker;
            r.FeeUnits = fill.Fee;
            r.OrderId = fill.ClientOrderId.Value;
            r.MidTicks = mid;
            r.PositionAfterLots = s.Position;
            r.Mid1 = r.Mid2 = r.Mid3 = double.NaN;
            int slot = (int)(r.OrderId & _slotMask);
            bool known = r.OrderId != 0 && _slotIds[slot] == r.OrderId;
            r.PDown = known ? _slotProbs[slot * 3] : float.NaN;
            r.PFlat = known ? _slotProbs[slot * 3 + 1] : float.NaN;
            r.PUp = known ? _slotProbs[slot * 3 + 2] : float.NaN;
            if (known && !float.IsNaN(r.PUp)) _withProbs++;
        }
        Enqueue(s, new PendingMarkout { TimeNs = fill.ExchangeTimeNs, Lots = lots, Mid = mid, Price = price, Side = side, Kept = kept });
    }

    /// <summary>
    /// The run's PnL split into terms that sum to the net PnL the ledger marks (see <see cref="PnlAttribution"/>):
    /// open positions valued at each symbol's last mid, then at the price the ledger marks them at (bid for a long,
    /// ask for a short). <paramref name="pnl"/> is the run's reported PnL (the residual is pnl minus the terms);
    /// <paramref name="funding"/> the funding the ledger booked (USD-M), which moved equity without a fill.
    /// Call after the run.
    /// </summary>
    public PnlAttribution Attribute(double pnl, double funding = 0)
    {
        double atMid = _cashAtMid, closeOut = 0;
        foreach (var s in _states)
        {
            if (s is null || s.Position == 0 || double.IsNaN(s.LastMid)) continue;
            atMid += s.Position * s.Value(s.LastMid);
            double mark = s.Position > 0 ? s.LastBid : s.LastAsk;
            if (mark > 0) closeOut += s.Position * s.Diff(mark, s.LastMid);
        }
        double inventory = atMid - _adverse;
        double gross = pnl + _fees - funding;
        return new PnlAttribution
        {
            Pnl = pnl,
            SpreadCaptured = _spread,
            AdverseSelection = _adverse,
            Inventory = inventory,
            CloseOut = closeOut,
            Fees = -_fees,
            Funding = funding,
            AdverseSelectionHorizonSeconds = AttributionHorizonNs / 1e9,
            FeesPaid = _fees,
            GrossPnl = gross,
            Notional = _notional,
            Fills = _fills,
            MakerFills = _makerFills,
            FeeRate = _notional > 0 ? _fees / _notional : 0,
            BreakEvenFeeRate = _notional > 0 ? gross / _notional : 0,
        };
    }

    /// <summary>Mean markouts per horizon (see <see cref="MarkoutSummary"/>).</summary>
    public List<MarkoutSummary> Markouts()
    {
        var list = new List<MarkoutSummary>(_horizons.Length);
        for (int h = 0; h < _horizons.Length; h++)
        {
            list.Add(new MarkoutSummary
            {
                HorizonSeconds = _horizons[h] / 1e9,
                Resolved = _resolved[h],
                Unresolved = _fills - _resolved[h],
                Dropped = _dropped[h],
                MeanBps = Known(MeanMarkoutBps(h)),
                MeanMidBps = Known(MeanMidMarkoutBps(h)),
            });
        }
        return list;
    }

    // No resolved fill (NaN) is no value, not a mean of 0 (the --json convention: null, as minLiquidationDistanceBps).
    private static double? Known(double v) => double.IsFinite(v) ? v : null;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private FillSymbolState? State(int symbolId)
    {
        if ((uint)symbolId >= (uint)_states.Length) return null;
        return _states[symbolId] ?? NewState(symbolId);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private FillSymbolState? NewState(int symbolId)
    {
        double scale = 1, inverse = 0, feeScale = 0;
        if (_symbols is not null)
        {
            if (symbolId >= _symbols.Count) return null;
            var info = _symbols[symbolId];
            scale = 1.0 / FixedPoint.PowerOfTen(info.PriceDecimals + info.QuantityDecimals);
            if (InverseContracts.IsInverse(info))
            {
                inverse = InverseContracts.ContractSizeUsd(info.Name, _options.ContractSizes) * Math.Pow(10, info.PriceDecimals - info.QuantityDecimals);
                feeScale = Math.Pow(10, -InverseContracts.AmountDecimals);
            }
        }
        // The markout ring is allocated with the state, on the symbol's first mid (warm-up), never on its first fill,
        // which may land long after warm-up on the hot path.
        return _states[symbolId] = new FillSymbolState(scale, _horizons.Length, inverse, feeScale) { Ring = new PendingMarkout[_options.PendingPerSymbol] };
    }

    // The last mid observed at or before timeNs (NaN when none was).
    private double MidAt(FillSymbolState s, long timeNs)
    {
        long n = Math.Min(s.HistCount, HistoryLength);
        for (long i = 1; i <= n; i++)
        {
            int slot = (int)((s.HistCount - i) % HistoryLength);
            if (s.HistTime[slot] <= timeNs) return s.HistMid[slot];
        }
        if (n == 0) return double.NaN;
        if (n == HistoryLength) _staleMid++;
        else return double.NaN; // the fill came before the symbol's first mid
        return s.HistMid[(int)(s.HistCount % HistoryLength)];
    }

    private void Enqueue(FillSymbolState s, in PendingMarkout p)
    {
        int capacity = s.Ring.Length;
        var cursor = s.Cursor;
        if (s.Head - cursor[^1] == capacity)
        {
            // Full: the oldest fill gives up its markouts still waiting (counted), so the newest are kept.
            long tail = cursor[^1];
            for (int h = 0; h < cursor.Length; h++)
            {
                if (cursor[h] != tail) continue;
                cursor[h]++;
                _dropped[h]++;
            }
        }
        s.Ring[(int)(s.Head % capacity)] = p;
        s.Head++;
    }

    private void Resolve(FillSymbolState s, long timeNs)
    {
        var ring = s.Ring;
        int capacity = ring.Length;
        var cursor = s.Cursor;
        double mid = s.LastMid; // the last mid at or before fill time + horizon (this one came after it)
        for (int h = 0; h < cursor.Length; h++)
        {
            long horizon = _horizons[h];
            while (cursor[h] < s.Head)
            {
                ref var p = ref ring[(int)(cursor[h] % capacity)];
                if (p.TimeNs + horizon >= timeNs) break;
                cursor[h]++;
                if (double.IsNaN(mid)) continue;
                if (p.Kept >= 0) _kept[p.Kept].SetMidAt(h, mid);
                _resolved[h]++;
                double bps = p.Side * (mid - p.Price) / p.Price * 1e4;
                _sumBps[h] += bps;
                if (h == 0) _buckets?.OnMarkout(p.TimeNs, bps);
                _sumMidBps[h] += p.Side * (mid - p.Mid) / p.Mid * 1e4;
                if (h == _attributionHorizon) _adverse += p.Side * s.Diff(mid, p.Mid) * p.Lots;
            }
        }
    }
}
