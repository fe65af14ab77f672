using System.Text;
using HftScalper.Binance.Rules;
using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;
using BinanceStatus = HftScalper.Binance.UserData.OrderStatus;
using CoreSide = HftScalper.Core.Events.Side;

namespace HftScalper.Live.Tests;

/// <summary>
/// The order path both Binance gateways share (<see cref="VenueOrderBook"/>, <see cref="OrderReportEmitter"/>,
/// <see cref="OrderOutcomes"/>), without a network: user data order reports and status answers in, execution reports
/// out. Spot and USD-M reports must come out the same.
/// </summary>
public sealed class VenueOrderBookTests
{
    private const string Symbol = "BTCUSDT";
    private const long Lots = 1000;
    private const long Price = 5_000_000; // 50000.00

    [Theory]
    [InlineData(UserDataMarket.Spot)]
    [InlineData(UserDataMarket.UsdM)]
    public void Ack_partial_fill_and_fill_are_reported_once_each_and_a_duplicate_or_late_report_adds_nothing(UserDataMarket market)
    {
        var f = new Fixture();
        var order = f.Place(id: 1);

        f.Feed(market, order, ExecutionType.New, BinanceStatus.New, cum: 0);
        f.Feed(market, order, ExecutionType.Trade, BinanceStatus.PartiallyFilled, cum: 400, tradeId: 10);
        f.Feed(market, order, ExecutionType.Trade, BinanceStatus.PartiallyFilled, cum: 400, tradeId: 10); // re-sent after a reconnect
        f.Feed(market, order, ExecutionType.Trade, BinanceStatus.Filled, cum: Lots, tradeId: 11);
        f.Feed(market, order, ExecutionType.Canceled, BinanceStatus.Canceled, cum: Lots, orderId: 78); // another venue order id: not a duplicate

        var reports = f.Deliver();
        Assert.Equal([ExecutionReportKind.Ack, ExecutionReportKind.PartialFill, ExecutionReportKind.Fill], reports.Select(r => r.Kind));
        Assert.Equal([0L, 400, Lots], reports.Select(r => r.CumulativeQuantityLots));
        Assert.Equal([Lots, 600, 0L], reports.Select(r => r.LeavesQuantityLots));
        Assert.Equal([0L, 400, 600], reports.Select(r => r.LastQuantityLots));
        Assert.Equal((1, 1, 0), (f.Book.DuplicateReports, f.Book.LateReports, f.Book.CoveredFills));
        Assert.True(f.Book.TryGetState(new ClientOrderId(1), out var state));
        Assert.Equal(VenueOrderState.Done, state);
    }

    [Fact]
    public void Spot_and_usdm_order_updates_map_to_the_same_report_sequence()
    {
        ExecutionReport[] Run(UserDataMarket market)
        {
            var f = new Fixture();
            var resting = f.Place(id: 1);
            var ioc = f.Place(id: 2, type: OrderType.Ioc);
            var cancelled = f.Place(id: 3);
            lock (cancelled) cancelled.CancelRequested = true;
            f.Feed(market, resting, ExecutionType.New, BinanceStatus.New, cum: 0);
            f.Feed(market, resting, ExecutionType.Trade, BinanceStatus.PartiallyFilled, cum: 250, tradeId: 1, commission: 2_000_000);
            f.Feed(market, ioc, ExecutionType.New, BinanceStatus.New, cum: 0, orderId: 2);
            f.Feed(market, ioc, ExecutionType.Trade, BinanceStatus.PartiallyFilled, cum: 100, tradeId: 2, orderId: 2);
            f.Feed(market, ioc, ExecutionType.Expired, BinanceStatus.Expired, cum: 100, orderId: 2);
            f.Feed(market, cancelled, ExecutionType.New, BinanceStatus.New, cum: 0, orderId: 3);
            f.Feed(market, cancelled, ExecutionType.Canceled, BinanceStatus.Canceled, cum: 0, orderId: 3);
            f.Feed(market, resting, ExecutionType.Trade, BinanceStatus.Filled, cum: Lots, tradeId: 3);
            return f.Deliver();
        }

        var spot = Run(UserDataMarket.Spot);
        var usdm = Run(UserDataMarket.UsdM);

        Assert.Equal(spot, usdm);
        Assert.Equal(
            [ExecutionReportKind.Ack, ExecutionReportKind.PartialFill, ExecutionReportKind.Ack, ExecutionReportKind.PartialFill,
                ExecutionReportKind.Cancelled, ExecutionReportKind.Ack, ExecutionReportKind.Cancelled, ExecutionReportKind.Fill],
            spot.Select(r => r.Kind));
        Assert.Equal(200_000, spot[1].Fee); // 0.02 USDT in quote units (ticks x lots)
        Assert.Equal([ExecutionReason.IocRemainder, ExecutionReason.CancelRequested],
            spot.Where(r => r.Kind == ExecutionReportKind.Cancelled).Select(r => r.Reason));
    }

    [Fact]
    public void A_fill_a_query_reported_first_is_counted_covered_when_the_stream_brings_it()
    {
        var f = new Fixture();
        var order = f.Place(id: 1);
        var outcomes = f.Outcomes(f.SpotApi());
        outcomes.ApplyQuery(order, Answer("""{"status":"PARTIALLY_FILLED","executedQty":"0.00400","cummulativeQuoteQty":"200.00000000"}"""));

        f.Feed(UserDataMarket.Spot, order, ExecutionType.Trade, BinanceStatus.PartiallyFilled, cum: 400, tradeId: 1);

        var reports = f.Deliver();
        Assert.Equal([ExecutionReportKind.Ack, ExecutionReportKind.PartialFill], reports.Select(r => r.Kind));
        Assert.Equal(Price, reports[1].LastPriceTicks); // 200 USDT / 0.004 BTC
        Assert.Equal(1, f.Book.CoveredFills);
    }

    [Fact]
    public void A_query_prices_the_new_lots_by_the_cumulative_quote_where_given_else_by_the_average_price()
    {
        var spot = new Fixture();
        var spotOrder = spot.Place(id: 1);
        spot.Feed(UserDataMarket.Spot, spotOrder, ExecutionType.Trade, BinanceStatus.PartiallyFilled, cum: 400, tradeId: 1);
        spot.Outcomes(spot.SpotApi()).ApplyQuery(spotOrder,
            Answer("""{"status":"FILLED","executedQty":"0.01000","cummulativeQuoteQty":"506.00000000"}""")); // 200 + 0.006 x 51000

        var usdm = new Fixture();
        var usdmOrder = usdm.Place(id: 1);
        usdm.Feed(UserDataMarket.UsdM, usdmOrder, ExecutionType.Trade, BinanceStatus.PartiallyFilled, cum: 400, tradeId: 1);
        usdm.Outcomes(usdm.UsdmApi()).ApplyQuery(usdmOrder,
            Answer("""{"status":"FILLED","executedQty":"0.01000","avgPrice":"50600.004"}"""));

        var s = spot.Deliver()[^1];
        var u = usdm.Deliver()[^1];
        Assert.Equal((ExecutionReportKind.Fill, 600L, 5_100_000L), (s.Kind, s.LastQuantityLots, s.LastPriceTicks));
        Assert.Equal((ExecutionReportKind.Fill, 600L, 5_060_000L), (u.Kind, u.LastQuantityLots, u.LastPriceTicks));
    }

    [Fact]
    public void A_venue_order_filled_short_of_our_quantity_ends_the_remainder_cancelled()
    {
        var f = new Fixture();
        var order = f.Place(id: 1, type: OrderType.Ioc);

        f.Feed(UserDataMarket.UsdM, order, ExecutionType.Trade, BinanceStatus.Filled, cum: 300, tradeId: 1);

        var reports = f.Deliver();
        Assert.Equal([ExecutionReportKind.PartialFill, ExecutionReportKind.Cancelled], reports.Select(r => r.Kind));
        Assert.Equal((ExecutionReason.IocRemainder, 0L), (reports[1].Reason, reports[1].LeavesQuantityLots));
    }

    [Fact]
    public void A_modify_successor_takes_the_venue_order_over_and_counts_only_fills_above_its_base()
    {
        var f = new Fixture();
        var original = f.Place(id: 1);
        f.Feed(UserDataMarket.UsdM, original, ExecutionType.Trade, BinanceStatus.PartiallyFilled, cum: 400, tradeId: 1);
        var successor = f.Book.TrackSuccessor(original, Request(2, OrderType.Limit), baseLots: 400);
        lock (original) f.Reports.EmitCancelled(original, 0);
        f.Book.Reroute(successor);

        Assert.True(f.Book.TryRoute(f.Session.Format(new ClientOrderId(1)), out var routed));
        Assert.Same(successor, routed);
        f.Feed(UserDataMarket.UsdM, successor, ExecutionType.Trade, BinanceStatus.PartiallyFilled, cum: 700, tradeId: 2);

        var fill = f.Deliver().Single(r => r.ClientOrderId == new ClientOrderId(2));
        Assert.Equal((ExecutionReportKind.PartialFill, 300L, 300L, 700L), (fill.Kind, fill.LastQuantityLots, fill.CumulativeQuantityLots, fill.LeavesQuantityLots));
    }

    [Fact]
    public void Reports_of_another_session_are_foreign_and_change_nothing()
    {
        var f = new Fixture();
        f.Place(id: 1);

        Assert.False(f.Book.TryRoute(new ClientOrderIdSession("other").Format(new ClientOrderId(1)), out _));
        Assert.False(f.Book.TryRoute(f.Session.Format(new ClientOrderId(9)), out _));
        Assert.False(f.Book.TryRoute(null, out _));

        Assert.Equal(3, f.Book.ForeignReports);
        Assert.Empty(f.Deliver());
    }

    [Fact]
    public void An_ack_after_a_fill_or_a_terminal_report_adds_nothing()
    {
        var f = new Fixture();
        var filled = f.Place(id: 1);
        var rejected = f.Place(id: 2);
        lock (filled)
        {
            f.Reports.EmitFill(filled, 100, Price, 0, 100, maker: true, 0);
            f.Reports.EmitAck(filled);
        }
        lock (rejected)
        {
            f.Reports.EmitReject(rejected, ExecutionReason.VenueRejected);
            f.Reports.EmitAck(rejected);
            f.Reports.EmitCancelled(rejected, 0);
        }

        Assert.Equal([ExecutionReportKind.PartialFill, ExecutionReportKind.Rejected], f.Deliver().Select(r => r.Kind));
    }

    private static OrderRequest Request(long id, OrderType type) => new()
    {
        ClientOrderId = new ClientOrderId(id),
        SymbolId = 0,
        Side = OrderSide.Buy,
        Type = type,
        PriceTicks = Price,
        QuantityLots = Lots,
    };

    private static WsApiResponse Answer(string resultJson) =>
        new(1, "order.status", WsApiOutcome.Ok) { ResultJson = Encoding.UTF8.GetBytes(resultJson) };

    private sealed class Fixture
    {
        public Fixture()
        {
            var registry = new SymbolRegistry();
            registry.Register(Symbol, "binance", 2, 5);
            var filters = new Dictionary<string, SymbolFilters>
            {
                [Symbol] = new() { Symbol = Symbol, BaseAsset = "BTC", QuoteAsset = "USDT", TickSize = 0.01m, StepSize = 0.00001m },
            };
            Symbols = new VenueSymbols(registry, filters);
            Reports = new OrderReportEmitter(() => 42);
            Book = new VenueOrderBook(Session, Symbols, Reports);
        }

        public ClientOrderIdSession Session { get; } = new("unit");
        public VenueSymbols Symbols { get; }
        public OrderReportEmitter Reports { get; }
        public VenueOrderBook Book { get; }

        public VenueOrder Place(long id, OrderType type = OrderType.Limit) => Book.Track(Request(id, type));

        // The markets' real request builders and answer readers on a client that is never started (no request is sent).
        public IVenueOrderApi SpotApi() => new SpotOrderApi(new SpotTradingApi(Client()), Symbols);

        public IVenueOrderApi UsdmApi() => new FuturesOrderApi(new FuturesTradingApi(Client()), Symbols, null);

        public OrderOutcomes Outcomes(IVenueOrderApi api) =>
            new(api, Reports, new BinanceSpotGatewayOptions(), "test gateway", CancellationToken.None);

        // One user data report through the path both gateways take: route by our id, sequence, apply.
        public void Feed(UserDataMarket market, VenueOrder order, ExecutionType type, BinanceStatus status, long cum, long tradeId = -1,
            long orderId = 1, long commission = 0)
        {
            var u = new OrderUpdate(1)
            {
                Market = market,
                Symbol = Symbol,
                SymbolId = 0,
                PriceDecimals = 2,
                QuantityDecimals = 5,
                ClientOrderId = order.VenueId,
                OrderId = orderId,
                Side = CoreSide.Bid,
                OrderType = "LIMIT",
                ExecutionType = type,
                Status = status,
                CumulativeQuantity = cum,
                LastPrice = type == ExecutionType.Trade ? Price : 0,
                TradeId = tradeId,
                Commission = commission,
                CommissionAsset = commission == 0 ? null : "USDT",
                IsMaker = true,
                TransactionTimeMs = 1,
            };
            if (Book.TryRoute(u.ClientOrderId, out var routed) && Book.IsFresh(u)) Book.Apply(routed, u);
        }

        private static WsApiClient Client() => new(new WsApiClientOptions { Endpoint = new Uri("ws://127.0.0.1:9/ws-api/v3") });

        public ExecutionReport[] Deliver()
        {
            var sink = new RecordingSink();
            Reports.Deliver(sink);
            return [.. sink.Reports];
        }
    }
}
