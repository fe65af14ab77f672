using BenchmarkDotNet.Attributes;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Features.Engine;
using HftScalper.Native;

namespace HftScalper.Benchmarks.Features;

/// <summary>
/// The whole feature stage per decision event on a 5000-level book (every microstructure, technical and regime
/// column): a trade, a top-of-book change and the end of a depth message (which adds the native figures call and
/// the impact walks), against a naive baseline that recomputes the microstructure columns from the book and a
/// history list with LINQ and doubles on every decision.
/// </summary>
[MemoryDiagnoser]
public class FeatureStageBenchmarks
{
    private const int Levels = 5000;
    private const long Mid = 6_000_000, Step = 1_000_000; // 1 ms of exchange time between events
    private readonly float[] _row = new float[FeatureEngine.DefaultSchema.Count];
    private FeatureEngine _engine = null!;
    private NativeOrderBook _book = null!;
    private MarketEvent _trade, _quote, _depthLast;
    private long _now = 1_723_161_600_000_000_000;
    private readonly List<(long T, double Mid, double Qty, bool Buy)> _history = [];

    /// <summary>Builds the book, warms the engine on 20 minutes of events, and checks both paths agree on the spread.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var registry = new SymbolRegistry();
        registry.Register("BTCUSDT", "bench", 2, 5, tickSize: 1);
        _engine = new FeatureEngine(registry);
        _book = new NativeOrderBook(8192);
        for (int i = 0; i < Levels; i++)
        {
            _book.TrySet(Side.Bid, Mid - 1 - i, 1000 + i % 97 * 10);
            _book.TrySet(Side.Ask, Mid + 1 + i, 1000 + i % 89 * 10);
        }
        var rng = new Random(1);
        for (int i = 0; i < 20 * 60 * 10; i++) // 20 minutes at 10 events/s: bars, GARCH and windows warm
        {
            _now += 100_000_000;
            var q = Quote(Mid - 1, 1000 + rng.Next(500), Mid + 1, 1000 + rng.Next(500));
            _engine.OnEvent(in q, _book, _row);
            var t = Trade(Mid + (i % 2 == 0 ? 1 : -1), 1 + rng.Next(50), i % 3 == 0);
            _engine.OnEvent(in t, _book, _row);
            _history.Add((_now, Mid, t.Quantity, t.Side == Side.Bid));
        }
        _trade = Trade(Mid + 1, 7, true);
        _quote = Quote(Mid - 1, 1200, Mid + 1, 900);
        _depthLast = new MarketEvent { Kind = MarketEventKind.BookDelta, SymbolId = 0, Side = Side.Bid, Price = Mid - 1, Quantity = 1500, Flags = MarketEventFlags.LastInMessage };

        // Correctness before timing: a decision writes finite values and both paths see the same spread and imbalance.
        if (DepthMessageDecision() == 0) throw new InvalidOperationException("depth message was not a decision");
        if (!_row.All(float.IsFinite)) throw new InvalidOperationException("non-finite feature");
        double naive = NaiveRecompute();
        int spread = FeatureEngine.DefaultSchema.IndexOf("spread_bps");
        if (!(_row[spread] > 0f) || !double.IsFinite(naive)) throw new InvalidOperationException($"spread {_row[spread]} naive {naive}");
    }

    /// <summary>Releases the native book.</summary>
    [GlobalCleanup]
    public void Cleanup() => _book.Dispose();

    /// <summary>Naive baseline: copy the top of the book, LINQ sums and walks, history scans for flow and volatility.</summary>
    [Benchmark(Baseline = true)]
    public double NaiveRecompute()
    {
        var bids = new BookLevel[Levels];
        var asks = new BookLevel[Levels];
        int nb = _book.CopyLevels(Side.Bid, bids), na = _book.CopyLevels(Side.Ask, asks);
        var b = bids.Take(nb).Select(l => (P: (double)l.Price, Q: (double)l.Quantity)).ToList();
        var a = asks.Take(na).Select(l => (P: (double)l.Price, Q: (double)l.Quantity)).ToList();
        double spread = a[0].P - b[0].P, mid = (a[0].P + b[0].P) / 2;
        double micro = (b[0].P * a[0].Q + a[0].P * b[0].Q) / (a[0].Q + b[0].Q) - mid;
        double imb = 0;
        foreach (int n in new[] { 1, 5, 10, 20 })
        {
            double qb = b.Take(n).Sum(l => l.Q), qa = a.Take(n).Sum(l => l.Q);
            imb += (qb - qa) / (qb + qa);
        }
        double impact = 0;
        foreach (double notional in new[] { 1e11, 2.5e12 })
        {
            double left = notional, filledN = 0, filledQ = 0;
            foreach (var l in a.TakeWhile(_ => left > 0))
            {
                double take = Math.Min(l.Q, left / l.P);
                filledN += take * l.P; filledQ += take; left -= take * l.P;
            }
            impact += filledN / filledQ - a[0].P;
        }
        long now = _history[^1].T;
        var recent = _history.Where(h => now - h.T <= 60_000_000_000).ToList();
        double buy = recent.Where(h => h.Buy).Sum(h => h.Qty), sell = recent.Where(h => !h.Buy).Sum(h => h.Qty);
        var returns = recent.Zip(recent.Skip(1), (x, y) => Math.Log(y.Mid / x.Mid)).ToList();
        double vol = Math.Sqrt(returns.Sum(r => r * r) / 60);
        return spread + micro + imb + impact + (buy - sell) / (buy + sell) + vol;
    }

    /// <summary>A trade decision: flow sums, bars, volume profile, regime, and the whole row.</summary>
    [Benchmark]
    public int TradeDecision()
    {
        _now += Step;
        _trade.ExchangeTimeNs = _now;
        return _engine.OnEvent(in _trade, _book, _row) ? 1 : 0;
    }

    /// <summary>A top-of-book change decision (alternating bid quantity).</summary>
    [Benchmark]
    public int TopOfBookDecision()
    {
        _now += Step;
        _quote.ExchangeTimeNs = _now;
        _quote.Quantity = _quote.Quantity == 1200 ? 1300 : 1200;
        return _engine.OnEvent(in _quote, _book, _row) ? 1 : 0;
    }

    /// <summary>End of a depth message: the native figures call, two impact walks (64 levels each), and the row.</summary>
    [Benchmark]
    public int DepthMessageDecision()
    {
        _now += Step;
        _depthLast.ExchangeTimeNs = _now;
        _depthLast.Quantity = _depthLast.Quantity == 1500 ? 1600 : 1500;
        _book.TrySet(Side.Bid, _depthLast.Price, _depthLast.Quantity);
        return _engine.OnEvent(in _depthLast, _book, _row) ? 1 : 0;
    }

    private MarketEvent Quote(long bid, long bq, long ask, long aq) => new()
    {
        Kind = MarketEventKind.TopOfBook, SymbolId = 0, ExchangeTimeNs = _now, Price = bid, Quantity = bq, AskPrice = ask, AskQuantity = aq,
    };

    private MarketEvent Trade(long price, long qty, bool buy) => new()
    {
        Kind = MarketEventKind.Trade, SymbolId = 0, ExchangeTimeNs = _now, Price = price, Quantity = qty, Side = buy ? Side.Bid : Side.Ask,
    };
}
