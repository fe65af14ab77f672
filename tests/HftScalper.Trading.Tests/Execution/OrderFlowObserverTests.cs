using System.Diagnostics;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Native;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;
using static HftScalper.Trading.Tests.Execution.Market;

namespace HftScalper.Trading.Tests.Execution;

public sealed class OrderFlowObserverTests
{
    private const long T0 = 1_000_000_000_000;

    // A real observer that keeps what it is told, in order.
    private sealed class FlowLog : IOrderFlowObserver
    {
        public List<string> Entries { get; } = [];
        public List<OrderRequest> Submitted { get; } = [];
        public List<ExecutionReport> Reports { get; } = [];

        public void OnSubmit(in OrderRequest request) { Entries.Add("submit"); Submitted.Add(request); }
        public void OnCancel(ClientOrderId clientOrderId, int symbolId, long nowNs) => Entries.Add("cancel");
        public void OnReplace(ClientOrderId original, in OrderRequest replacement) => Entries.Add("replace");
        public void OnExecutionReport(in ExecutionReport report) { Entries.Add("report"); Reports.Add(report); }
    }

    private static SymbolRegistry Btc()
    {
        var symbols = new SymbolRegistry();
        symbols.Register("BTCUSDT", "binance-spot", 2, 5);
        return symbols;
    }

    [Fact]
    public void The_observer_sees_each_request_before_the_gateway_and_every_report_after()
    {
        using var book = Book((Side.Bid, 999_900, 1_000_000), (Side.Ask, 1_000_000, 1_000_000));
        var flow = new FlowLog();
        var venue = new HandBookVenue(book);
        using var desk = new TradingDesk(Btc(), new TradingDeskOptions { InitialEquity = 1000 }, venue, orderFlow: flow);
        void Event(long t) { var e = Level(t, Side.Bid, 999_800, 1); desk.OnMarketEvent(in e); }
        Event(T0);
        var view = new RiskMarketView { BookSynced = true, ModelHealthy = true, BidTicks = 999_900, AskTicks = 1_000_000, LastEventTimeNs = T0 };
        var signal = new Signal { SymbolId = 0, Direction = SignalDirection.Long, Confidence = 0.6f, Source = SignalSource.Model, TimeNs = T0 };
        long ingress = Stopwatch.GetTimestamp();

        Assert.Equal(RiskVerdict.Accept, desk.Decide(in signal, in view, T0, out var order, ingress));
        Assert.Equal(["submit"], flow.Entries);                      // told before the venue could answer
        Assert.Equal(1, venue.Exchange!.InFlightRequests);           // and the request still reached the venue
        Assert.Equal((order.ClientOrderId, ingress), (flow.Submitted[0].ClientOrderId, flow.Submitted[0].IngressTicks));
        desk.Gateway.Cancel(new ClientOrderId(12345), 0, T0);        // anyone sending through desk.Gateway is seen too

        Event(T0 + 5 * Ms);
        Event(T0 + 10 * Ms);
        desk.Finish();

        Assert.Equal(["submit", "cancel"], flow.Entries.Take(2));
        Assert.Contains(flow.Reports, r => r.ClientOrderId == order.ClientOrderId && r.Kind == ExecutionReportKind.Fill);
        Assert.Equal(500L, desk.Ledger.Position(0).PositionLots);   // the ledger still got its reports
        Assert.Equal(1, desk.TickToOrder.Count);                     // a simulated venue: submitting is sending
    }

    [Fact]
    public void Without_an_observer_the_desk_hands_out_the_factory_gateway_itself()
    {
        using var book = Book((Side.Bid, 999_900, 1_000_000), (Side.Ask, 1_000_000, 1_000_000));
        var venue = new HandBookVenue(book);
        using var plain = new TradingDesk(Btc(), new TradingDeskOptions { InitialEquity = 1000 }, venue);
        Assert.IsNotType<ObservedGateway>(plain.Gateway);
        using var observed = new TradingDesk(Btc(), new TradingDeskOptions { InitialEquity = 1000 }, venue, orderFlow: new FlowLog());
        Assert.IsType<ObservedGateway>(observed.Gateway);
    }
}
