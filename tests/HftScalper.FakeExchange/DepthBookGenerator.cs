using System.Globalization;
using System.Text;
using HftScalper.Core.Numerics;

namespace HftScalper.FakeExchange;

/// <summary>
/// A deterministic, always-consistent order book for one symbol and the Binance messages that describe it:
/// each <see cref="Step"/> changes a few levels near a fixed mid (never crossing) and returns the depthUpdate;
/// <see cref="SnapshotJson"/> returns the REST body at the current update id. Prices have 2 decimals and
/// quantities 5 (register the symbol with those scales), or whole contracts (0 decimals) for a COIN-M book, whose
/// messages also carry the pair (<c>ps</c>) as Binance's dstream sends them.
/// </summary>
public sealed class DepthBookGenerator
{
    /// <summary>Price decimals of the generated symbol.</summary>
    public const int PriceDecimals = 2;

    /// <summary>Quantity decimals of the generated symbol.</summary>
    public const int QuantityDecimals = 5;

    private const long Mid = 3_000_000; // 30000.00
    private const int Span = 60;

    private readonly Random _rng;
    private readonly bool _futures;
    private readonly string? _pair;
    private readonly SortedDictionary<long, long> _bids = new(Comparer<long>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<long, long> _asks = new();

    /// <summary>Creates the book with 50 levels a side; <paramref name="coinM"/> (with <paramref name="futures"/>): quantities in
    /// whole contracts and the pair in every message.</summary>
    public DepthBookGenerator(string symbol, int seed, bool futures, bool coinM = false)
    {
        Symbol = symbol.ToUpperInvariant();
        _rng = new Random(seed);
        _futures = futures;
        LotDecimals = coinM ? 0 : QuantityDecimals;
        if (coinM) _pair = Symbol.Split('_')[0];
        for (int i = 0; i < 50; i++)
        {
            _bids[Mid - 1 - i] = _rng.Next(1, 100_000);
            _asks[Mid + i] = _rng.Next(1, 100_000);
        }
        LastUpdateId = 1_000_000 + seed % 1000;
    }

    /// <summary>Upper-case symbol.</summary>
    public string Symbol { get; }

    /// <summary>Decimals of the quantities sent: <see cref="QuantityDecimals"/>, 0 (whole contracts) on COIN-M.</summary>
    public int LotDecimals { get; }

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
            long qty = _rng.Next(5) == 0 ? 0 : _rng.Next(1, 100_000);
            long price = bid ? Mid - 1 - offset : Mid + offset;
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
        decimal mid = (_bids.First().Key + _asks.First().Key) / 2m / 100m;
        long next = (eventTimeMs / 28_800_000 + 1) * 28_800_000;
        var c = CultureInfo.InvariantCulture;
        return $"{{\"e\":\"markPriceUpdate\",\"E\":{eventTimeMs},\"s\":\"{Symbol}\",\"p\":\"{(mid + offset).ToString("0.00000000", c)}\"," +
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

    private static string Px(long ticks) => FixedPoint.Format(ticks, PriceDecimals);

    private string Qty(long lots) => FixedPoint.Format(lots, LotDecimals);

    internal static string Invariant(long v) => v.ToString(CultureInfo.InvariantCulture);
}
