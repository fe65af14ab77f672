using System.Globalization;
using System.Text;
using HftScalper.Core.Numerics;

namespace HftScalper.FakeExchange;

/// <summary>
/// A deterministic, always-consistent order book for one symbol and the Binance messages that describe it:
/// each <see cref="Step"/> changes a few levels near a fixed mid (never crossing) and returns the depthUpdate;
/// <see cref="SnapshotJson"/> returns the REST body at the current update id. Prices and quantities are on the
/// symbol's <see cref="FakeSymbolSpec"/> grid (BTC-like by default: 2 and 5 decimals, mid 30000), or whole contracts
/// (0 decimals) for a COIN-M book, whose messages also carry the pair (<c>ps</c>) as Binance's dstream sends them.
/// </summary>
public sealed class DepthBookGenerator
{
    /// <summary>Price decimals of a BTC-like generated symbol (the default spec).</summary>
    public const int PriceDecimals = 2;

    /// <summary>Quantity decimals of a BTC-like generated symbol (the default spec).</summary>
    public const int QuantityDecimals = 5;

    private const int Span = 60;
    private readonly long Mid; // the spec's mid in price units (30000.00 = 3,000,000 by default)
    private readonly long _tick; // tickSize in price units
    private readonly long _step; // stepSize in quantity units

    private readonly Random _rng;
    private readonly bool _futures;
    private readonly string? _pair;
    private readonly SortedDictionary<long, long> _bids = new(Comparer<long>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<long, long> _asks = new();

    /// <summary>Creates the book with 50 levels a side; <paramref name="coinM"/> (with <paramref name="futures"/>): quantities in
    /// whole contracts and the pair in every message.</summary>
    public DepthBookGenerator(string symbol, int seed, bool futures, bool coinM = false, FakeSymbolSpec? spec = null)
    {
        Symbol = symbol.ToUpperInvariant();
        _rng = new Random(seed);
        _futures = futures;
        spec ??= FakeSymbolSpec.BtcLike;
        TickDecimals = spec.PriceDecimals;
        LotDecimals = coinM ? 0 : spec.QuantityDecimals;
        PriceScale = FixedPoint.PowerOfTen(TickDecimals);
        LotScale = FixedPoint.PowerOfTen(LotDecimals);
        Mid = (long)(spec.Mid * PriceScale);
        _tick = Math.Max(1, (long)(spec.TickSize * PriceScale));
        _step = coinM ? 1 : Math.Max(1, (long)(spec.StepSize * LotScale));
        if (coinM) _pair = Symbol.Split('_')[0];
        for (int i = 0; i < 50; i++)
        {
            _bids[Mid - (1 + i) * _tick] = _rng.Next(1, 100_000) * _step;
            _asks[Mid + i * _tick] = _rng.Next(1, 100_000) * _step;
        }
        LastUpdateId = 1_000_000 + seed % 1000;
    }

    /// <summary>Upper-case symbol.</summary>
    public string Symbol { get; }

    /// <summary>Decimals of the quantities sent: the spec's step, 0 (whole contracts) on COIN-M.</summary>
    public int LotDecimals { get; }

    /// <summary>Decimals of the prices sent: the spec's tick.</summary>
    public int TickDecimals { get; }

    /// <summary>Price units per 1 of the quote asset (10^<see cref="TickDecimals"/>).</summary>
    public decimal PriceScale { get; }

    /// <summary>Quantity units per 1 of the base asset (or per contract).</summary>
    public decimal LotScale { get; }

    /// <summary>Final update id of the last step (the book is consistent at it).</summary>
    public long LastUpdateId { get; private set; }

    /// <summary>Changes 1-4 levels and returns the depthUpdate payload (the <c>data</c> object) for them.</summary>
    public string Step(long eventTimeMs)
    {
        int n = _rng.Next(1, 5);
        var bids = new List<(long, long)>();
        var asks = new List<(long, long)>();
        for (int i = 0; i < n; i++)
        {
            bool bid = _rng.Next(2) == 0;
            int offset = _rng.Next(Span);
            long qty = _rng.Next(5) == 0 ? 0 : _rng.Next(1, 100_000) * _step;
            long price = bid ? Mid - (1 + offset) * _tick : Mid + offset * _tick;
            var list = bid ? bids : asks;
            if (list.Exists(l => l.Item1 == price)) continue;
            list.Add((price, qty));
            var side = bid ? _bids : _asks;
            if (qty == 0) side.Remove(price);
            else side[price] = qty;
        }
        long prev = LastUpdateId;
        long first = prev + 1;
        LastUpdateId = prev + n;
        var b = new StringBuilder(256);
        b.Append("{\"e\":\"depthUpdate\",\"E\":").Append(eventTimeMs);
        if (_futures) b.Append(",\"T\":").Append(eventTimeMs);
        b.Append(",\"s\":\"").Append(Symbol);
        if (_pair is not null) b.Append("\",\"ps\":\"").Append(_pair);
        b.Append("\",\"U\":").Append(first).Append(",\"u\":").Append(LastUpdateId);
        if (_futures) b.Append(",\"pu\":").Append(prev);
        b.Append(",\"b\":");
        AppendLevels(b, bids);
        b.Append(",\"a\":");
        AppendLevels(b, asks);
        return b.Append('}').ToString();
    }

    /// <summary>The bookTicker payload for the current best levels.</summary>
    public string BookTickerJson()
    {
        var (bp, bq) = _bids.First();
        var (ap, aq) = _asks.First();
        string pair = _pair is null ? "" : $",\"ps\":\"{_pair}\"";
        return $"{{\"u\":{LastUpdateId},\"s\":\"{Symbol}\"{pair},\"b\":\"{Px(bp)}\",\"B\":\"{Qty(bq)}\",\"a\":\"{Px(ap)}\",\"A\":\"{Qty(aq)}\"}}";
    }

    /// <summary>The USD-M <c>markPriceUpdate</c> payload: mark = mid + <paramref name="offset"/>, index = mid, 8 decimals as
    /// Binance sends them, the next funding time the next 8-hour boundary of UTC.</summary>
    public string MarkPriceJson(long eventTimeMs, decimal offset, decimal fundingRate)
    {
        decimal mid = (_bids.First().Key + _asks.First().Key) / 2m / PriceScale;
        long next = (eventTimeMs / 28_800_000 + 1) * 28_800_000;
        var c = CultureInfo.InvariantCulture;
        return $"{{\"e\":\"markPriceUpdate\",\"E\":{eventTimeMs},\"s\":\"{Symbol}\",\"p\":\"{(mid + offset > 0 ? mid + offset : mid).ToString("0.00000000", c)}\"," +
               $"\"i\":\"{mid.ToString("0.00000000", c)}\",\"P\":\"{mid.ToString("0.00000000", c)}\",\"r\":\"{fundingRate.ToString("0.00000000", c)}\",\"T\":{next}}}";
    }

    /// <summary>The REST snapshot body with the top <paramref name="limit"/> levels a side.</summary>
    public string SnapshotJson(int limit, long nowMs)
    {
        var b = new StringBuilder(4096);
        b.Append("{\"lastUpdateId\":").Append(LastUpdateId);
        if (_futures) b.Append(",\"E\":").Append(nowMs).Append(",\"T\":").Append(nowMs);
        b.Append(",\"bids\":");
        AppendLevels(b, _bids.Take(limit).Select(kv => (kv.Key, kv.Value)));
        b.Append(",\"asks\":");
        AppendLevels(b, _asks.Take(limit).Select(kv => (kv.Key, kv.Value)));
        return b.Append('}').ToString();
    }

    // The live sides, for the order matcher (read only, under the exchange's lock).
    internal SortedDictionary<long, long> Bids => _bids;

    internal SortedDictionary<long, long> Asks => _asks;

    /// <summary>Top <paramref name="depth"/> bids (best first) as (price ticks, quantity lots).</summary>
    public (long Price, long Quantity)[] TopBids(int depth) => _bids.Take(depth).Select(kv => (kv.Key, kv.Value)).ToArray();

    /// <summary>Top <paramref name="depth"/> asks (best first) as (price ticks, quantity lots).</summary>
    public (long Price, long Quantity)[] TopAsks(int depth) => _asks.Take(depth).Select(kv => (kv.Key, kv.Value)).ToArray();

    private void AppendLevels(StringBuilder b, IEnumerable<(long, long)> levels)
    {
        b.Append('[');
        bool first = true;
        foreach (var (p, q) in levels)
        {
            if (!first) b.Append(',');
            first = false;
            b.Append("[\"").Append(Px(p)).Append("\",\"").Append(Qty(q)).Append("\"]");
        }
        b.Append(']');
    }

    private string Px(long ticks) => FixedPoint.Format(ticks, TickDecimals);

    private string Qty(long lots) => FixedPoint.Format(lots, LotDecimals);

    internal static string Invariant(long v) => v.ToString(CultureInfo.InvariantCulture);
}
