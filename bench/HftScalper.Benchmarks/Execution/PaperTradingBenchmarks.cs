using BenchmarkDotNet.Attributes;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Native;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Ledger;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;

namespace HftScalper.Benchmarks.Execution;

/// <summary>
/// The trading tail per market event: book update, paper exchange (arrivals, fills, reports into the order
/// tracker and ledger), ledger mark, and every second event a decision through the risk manager (Kelly-sized,
/// capped at 100 lots) whose order is submitted: alternately long and flat, so each pair of decisions is an IOC
/// round trip at the touch. Per event; the baseline is <see cref="NaivePaperTrading"/>.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class PaperTradingBenchmarks
{
    private const int Events = 4096;
    private const long Bid = 999_900, Ask = 1_000_000, StepNs = 1_000_000, MaxLots = 100;
    private readonly MarketEvent[] _events = new MarketEvent[Events];
    private NativeOrderBook _book = null!;
    private PaperExchange _exchange = null!;
    private PositionLedger _ledger = null!;
    private RiskManager _risk = null!;
    private NaivePaperTrading _naive = null!;
    private long _timeNs, _naiveTimeNs;

    /// <summary>Builds the workload and checks that both loops trade the same fills and realise the same PnL.</summary>
    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < Events; i++)
        {
            // Events 0 and 4 of every 8 refresh a touch level (same quantity), so the exchange's memory of the
            // lots we took there resets, as it would on a live feed; the rest move deeper levels or trade.
            _events[i] = (i & 7) switch
            {
                0 => Delta(Side.Ask, Ask, 1_000_000),
                4 => Delta(Side.Bid, Bid, 1_000_000),
                3 or 7 => new MarketEvent { Kind = MarketEventKind.Trade, Price = Bid, Quantity = 1, Side = Side.Ask },
                _ => (i & 1) == 0 ? Delta(Side.Bid, Bid - 100, 1 + (i % 7)) : Delta(Side.Ask, Ask + 100, 1 + (i % 7)),
            };
        }
        var symbols = new SymbolRegistry();
        symbols.Register("BTCUSDT", "binance-spot", 2, 5);
        _book = new NativeOrderBook(64);
        _book.TrySet(Side.Bid, Bid, 1_000_000);
        _book.TrySet(Side.Ask, Ask, 1_000_000);
        _ledger = new PositionLedger(symbols, 1_000_000_000_000_000);
        var orders = new OrderTracker(256, 1);
        _exchange = new PaperExchange(new ExecutionReportFanout(orders, _ledger), new PaperExchangeOptions
        {
            EntryLatency = LatencyModel.Constant(0), ResponseLatency = LatencyModel.Constant(0), MaxSymbols = 1,
        });
        _risk = new RiskManager(symbols, new RiskOptions
        {
            // Every round trip loses the spread: a prior worth 1e9 round trips keeps Kelly at the prior so risk keeps trading (as the baseline does).
            MaxSizeLots = MaxLots, MaxOrdersPerSecond = 1e6, OrderBurst = 100, MaxOpenOrders = 8, KellyPriorTrades = 1e9,
        }, _ledger, orders);
        _naive = new NaivePaperTrading();

        Ours();
        Baseline();
        long naiveRealized = (long)_naive.Realized;
        if (_ledger.Position(0).FillCount != _naive.Fills || _ledger.RealizedPnl != naiveRealized || _naive.Fills < Events / 4)
            throw new InvalidOperationException($"loops disagree: fills {_ledger.Position(0).FillCount} vs {_naive.Fills}, pnl {_ledger.RealizedPnl} vs {naiveRealized}");
    }

    private static MarketEvent Delta(Side side, long price, long quantity) => new()
    {
        Kind = MarketEventKind.BookDelta, Side = side, Price = price, Quantity = quantity, Flags = MarketEventFlags.LastInMessage,
    };

    /// <summary>Releases the native book.</summary>
    [GlobalCleanup]
    public void Cleanup() => _book.Dispose();

    /// <summary>Strings, objects, Dictionary, LINQ and decimal.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public long Baseline()
    {
        for (int i = 0; i < Events; i++)
        {
            ref var e = ref _events[i];
            e.ExchangeTimeNs = _naiveTimeNs += StepNs;
            _naive.OnEvent(in e, Bid, Ask);
            if ((i & 1) == 1) _naive.Decide((i & 2) == 0, MaxLots);
        }
        return _naive.Fills;
    }

    /// <summary>Book, paper exchange, tracker, ledger and risk manager.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public long Ours()
    {
        for (int i = 0; i < Events; i++)
        {
            ref var e = ref _events[i];
            e.ExchangeTimeNs = _timeNs += StepNs;
            _book.ApplyEvent(in e);
            _exchange.OnMarketEvent(in e, _book);
            _ledger.Mark(0, Bid, Ask, e.ExchangeTimeNs);
            if ((i & 1) == 0) continue;
            var signal = new Signal { SymbolId = 0, Direction = (i & 2) == 0 ? SignalDirection.Long : SignalDirection.Flat, Confidence = 0.6f, Source = SignalSource.Model };
            var view = new RiskMarketView { BookSynced = true, ModelHealthy = true, BidTicks = Bid, AskTicks = Ask, LastEventTimeNs = e.ExchangeTimeNs };
            if (_risk.Evaluate(in signal, in view, e.ExchangeTimeNs, out var order) == RiskVerdict.Accept) _exchange.Submit(in order);
        }
        return _ledger.Position(0).FillCount;
    }
}
