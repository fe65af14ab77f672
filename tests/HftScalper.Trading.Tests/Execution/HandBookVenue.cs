using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Native;
using HftScalper.Trading.Execution;

namespace HftScalper.Trading.Tests.Execution;

/// <summary>
/// The desk tests' venue: a real <see cref="PaperExchange"/> over one hand-built native book. Each market event is
/// applied to the book (as the engine's paper venue's synchronizer would) and then fed to the exchange, like
/// <see cref="Market.Feed"/>; the engine's <c>PaperVenue</c> needs a Binance-synced book, which these tests do not build.
/// Like the engine's venue it shows the desk its touch (<see cref="ITouchSource"/>), for the quote manager.
/// </summary>
/// With <c>withSymbols</c> the exchange knows the symbols (spot sells only what is held; inverse fees in the coin).
internal sealed class HandBookVenue(NativeOrderBook book, PaperExchangeOptions? options = null, bool withSymbols = false) : IExecutionGatewayFactory
{
    /// <summary>The exchange the desk got (after it was built).</summary>
    public PaperExchange? Exchange { get; private set; }

    public IExecutionGateway Create(SymbolRegistry symbols, IExecutionReportSink reports)
    {
        Exchange = new PaperExchange(reports, options, withSymbols ? symbols : null);
        return new Gateway(Exchange, book);
    }

    private sealed class Gateway(PaperExchange exchange, NativeOrderBook book) : ISimulatedGateway, ITouchSource
    {
        public bool TryGetTouch(int symbolId, out long bidTicks, out long bidLots, out long askTicks, out long askLots)
        {
            bool ok = book.TryGetTop(out var top);
            (bidTicks, bidLots, askTicks, askLots) = (top.BidPrice, top.BidQuantity, top.AskPrice, top.AskQuantity);
            return ok;
        }

        public void OnMarketEvent(in MarketEvent e)
        {
            book.ApplyEvent(in e);
            exchange.OnMarketEvent(in e, book);
        }

        public void FlushReports() => exchange.FlushReports();

        public bool Submit(in OrderRequest request) => exchange.Submit(in request);

        public bool Cancel(ClientOrderId clientOrderId, int symbolId, long nowNs) => exchange.Cancel(clientOrderId, symbolId, nowNs);

        public bool Replace(ClientOrderId original, in OrderRequest replacement) => exchange.Replace(original, in replacement);
    }
}
