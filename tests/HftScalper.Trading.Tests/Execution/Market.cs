using HftScalper.Core.Events;
using HftScalper.Native;
using HftScalper.Trading.Execution;

namespace HftScalper.Trading.Tests.Execution;

/// <summary>Builds market events and books for the execution tests, and feeds them to a paper exchange.</summary>
internal static class Market
{
    public const long Ms = 1_000_000;

    public static NativeOrderBook Book(params (Side Side, long Price, long Qty)[] levels)
    {
        var book = new NativeOrderBook(64);
        foreach (var (side, price, qty) in levels) Assert.True(book.TrySet(side, price, qty));
        return book;
    }

    public static MarketEvent Trade(long timeNs, long price, long qty, Side aggressor, int symbolId = 0) => new()
    {
        ExchangeTimeNs = timeNs, LocalTimeNs = timeNs, Price = price, Quantity = qty, SymbolId = symbolId,
        Kind = MarketEventKind.Trade, Side = aggressor,
    };

    public static MarketEvent Level(long timeNs, Side side, long price, long qty, bool last = true, int symbolId = 0) => new()
    {
        ExchangeTimeNs = timeNs, LocalTimeNs = timeNs, Price = price, Quantity = qty, SymbolId = symbolId,
        Kind = MarketEventKind.BookDelta, Side = side, Flags = last ? MarketEventFlags.LastInMessage : MarketEventFlags.None,
    };

    public static MarketEvent Clock(long timeNs, int symbolId = 0) => new()
    {
        ExchangeTimeNs = timeNs, LocalTimeNs = timeNs, SymbolId = symbolId, Kind = MarketEventKind.Clock,
    };

    /// <summary>Applies the event to the book (as the sync stage would), then feeds the exchange.</summary>
    public static void Feed(PaperExchange exchange, NativeOrderBook book, MarketEvent e)
    {
        book.ApplyEvent(in e);
        exchange.OnMarketEvent(in e, book);
    }

    public static OrderRequest Order(long id, OrderSide side, OrderType type, long price, long qty, long timeNs = 0, int symbolId = 0) => new()
    {
        ClientOrderId = new ClientOrderId(id), SymbolId = symbolId, Side = side, Type = type,
        PriceTicks = price, QuantityLots = qty, TimeNs = timeNs,
    };

    public static PaperExchange Exchange(ReportRecorder sink, long entryNs = 0, long responseNs = 0,
        FeeSchedule? fees = null, QueueCancelModel queue = QueueCancelModel.Never) =>
        new(sink, new PaperExchangeOptions
        {
            EntryLatency = LatencyModel.Constant(entryNs),
            ResponseLatency = LatencyModel.Constant(responseNs),
            Fees = fees ?? FeeSchedule.BinanceSpotDefault,
            QueueModel = queue,
        });
}

/// <summary>Keeps every report (tests only: allocates).</summary>
internal sealed class ReportRecorder : IExecutionReportSink
{
    public List<ExecutionReport> Reports { get; } = [];

    public void OnExecutionReport(in ExecutionReport report) => Reports.Add(report);

    public IEnumerable<ExecutionReport> Fills => Reports.Where(r => r.IsFill);

    public ExecutionReportKind[] Kinds => Reports.Select(r => r.Kind).ToArray();
}
