using HftScalper.Trading.Execution;

namespace HftScalper.Live.Tests;

/// <summary>
/// The futures gateway on Binance COIN-M (<c>/dapi</c>, <c>/ws-dapi/v1</c>, the <c>/dapi/v1/listenKey</c> stream) behind a
/// <see cref="TradingDesk"/>, against the fake exchange in COIN-M mode: whole contracts, the account in the coin, and the
/// contract size exchangeInfo states (50 USD here, not the built-in 100 of BTCUSD) in every amount.
/// </summary>
public sealed class BinanceCoinmGatewayTests
{
    private const long Contracts = 3;
    private const long ExchangeContractSize = 50;
    private const decimal CoinUnits = 10_000_000_000m; // the ledger's inverse amounts: 10^-10 of the coin

    [Fact]
    public async Task Coinm_order_rests_fills_in_whole_contracts_and_a_second_one_is_cancelled_the_ledger_equals_the_venue()
    {
        await using var h = await FuturesGatewayHarness.StartCoinMAsync(ExchangeContractSize);
        Assert.Equal("coinm", h.Gateway.Market);
        var (bid, bidQty) = h.BestBid();

        var id = h.Submit(OrderSide.Buy, OrderType.Limit, bid, Contracts);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.New, "the ack");
        var venue = Assert.Single(h.VenueOrders(id));
        Assert.Equal(("NEW", "LIMIT", Contracts), (venue.Status, venue.Type, (long)venue.OrigQty)); // "3", whole contracts

        h.Fake.SimulateTrade(FuturesGatewayHarness.CoinMSymbol, FuturesGatewayHarness.Price(bid), bidQty + 1);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.PartiallyFilled, "the partial fill");
        h.Fake.SimulateTrade(FuturesGatewayHarness.CoinMSymbol, FuturesGatewayHarness.Price(bid), 100);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.None, "the fill");

        var cancelled = h.Submit(OrderSide.Buy, OrderType.Limit, bid - 50, 1);
        await h.PumpUntil(() => h.StatusOf(cancelled) == OrderStatus.New, "the second ack");
        Assert.True(h.Desk.Gateway.Cancel(cancelled, 0, 2));
        await h.PumpUntil(() => h.StatusOf(cancelled) == OrderStatus.None, "the cancel");

        Assert.Equal([ExecutionReportKind.Ack, ExecutionReportKind.PartialFill, ExecutionReportKind.Fill], h.Sink.Of(id).Select(r => r.Kind).ToArray());
        Assert.Contains(h.Sink.Of(cancelled), r => r.Kind == ExecutionReportKind.Cancelled);
        Assert.Equal("CANCELED", Assert.Single(h.VenueOrders(cancelled)).Status);
        var p = h.Desk.Ledger.Position(0);
        Assert.Equal(Contracts, p.PositionLots);
        Assert.Equal(h.VenuePosition().Lots, p.PositionLots);
        // The fees are the venue's, in the coin: exactly what the fake charged (on 50 USD contracts).
        decimal venueFees = h.Fake.WithEngine(e => e.Fills.Sum(f => f.Commission));
        Assert.Equal(decimal.Round(venueFees, 8) * CoinUnits, p.Fees, 0);
        Assert.Equal(0, h.Desk.Orders.InvalidTransitions + h.Desk.Orders.UnknownReports);
    }

    [Fact]
    public async Task The_contract_size_exchangeInfo_states_values_the_position_not_the_built_in_one()
    {
        await using var h = await FuturesGatewayHarness.StartCoinMAsync(ExchangeContractSize);
        var (_, ask) = (h.BestBid(), h.BestAsk());

        var id = h.Submit(OrderSide.Buy, OrderType.Limit, ask.Price, Contracts); // takes the ask at once
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.None, "the fill");

        // A long of Q contracts of size S at price P costs Q x S / P coins (the ledger's value basis, 10^-10 coin units).
        decimal price = FuturesGatewayHarness.Price(ask.Price);
        long expected = (long)decimal.Round(Contracts * ExchangeContractSize / price * CoinUnits, MidpointRounding.AwayFromZero);
        long builtIn = (long)decimal.Round(Contracts * 100m / price * CoinUnits, MidpointRounding.AwayFromZero);
        var p = h.Desk.Ledger.Position(0);
        Assert.Equal(Contracts, p.PositionLots);
        Assert.InRange(Math.Abs(p.ValueBasis), expected - 2, expected + 2);
        Assert.NotEqual(builtIn, Math.Abs(p.ValueBasis));
        // The fake's wallet moved by the same coin fee the ledger booked.
        decimal walletMoved = 1000m - h.VenuePosition().Wallet;
        Assert.Equal(decimal.Round(walletMoved, 8) * CoinUnits, p.Fees, 0);
    }

    [Fact]
    public async Task Coinm_lost_ack_is_resolved_by_order_status_and_the_venue_sees_exactly_one_order()
    {
        await using var h = await FuturesGatewayHarness.StartCoinMAsync(ExchangeContractSize, requestTimeout: TimeSpan.FromSeconds(2));

        var (id, bid) = await h.LostAckThenPartialFillAsync(Contracts, bidQty => bidQty + 1); // 1 contract while unknown

        Assert.Equal(1, h.Gateway.UnknownOutcomes);
        Assert.Equal(1, h.Desk.Ledger.Position(0).PositionLots);
        Assert.Single(h.VenueOrders(id)); // resolved by query, never by resending

        h.Fake.ResumeUserStream();
        h.Fake.SimulateTrade(FuturesGatewayHarness.CoinMSymbol, FuturesGatewayHarness.Price(bid), 100);
        await h.PumpUntil(() => h.StatusOf(id) == OrderStatus.None, "the fill through the stream");
        Assert.Equal(Contracts, h.Desk.Ledger.Position(0).PositionLots);
        Assert.Equal(h.VenuePosition().Lots, h.Desk.Ledger.Position(0).PositionLots);
        Assert.Single(h.VenueOrders(id));
    }

    [Fact]
    public void Configured_contract_sizes_override_the_exchange_and_a_mismatch_is_logged()
    {
        var filters = new Dictionary<string, Binance.Rules.SymbolFilters>
        {
            ["BTCUSD_PERP"] = new() { Symbol = "BTCUSD_PERP", ContractSize = 100, MarginAsset = "BTC" },
            ["ETHUSD_PERP"] = new() { Symbol = "ETHUSD_PERP", ContractSize = 10, MarginAsset = "ETH" },
            ["BTCUSDT"] = new() { Symbol = "BTCUSDT", MarginAsset = "USDT" },
        };
        var log = new List<string>();

        var fromExchange = ExchangeContractSizes.Resolve(["btcusd_perp", "BTCUSDT"], filters, null, log.Add);
        var configured = ExchangeContractSizes.Resolve(["BTCUSD_PERP", "ETHUSD_PERP"], filters,
            new Dictionary<string, long> { ["btcusd_perp"] = 50, ["ETHUSD_PERP"] = 10 }, log.Add);

        Assert.Equal(100, fromExchange["BTCUSD_PERP"]);
        Assert.False(fromExchange.ContainsKey("BTCUSDT")); // linear: no contract size
        Assert.Equal(50, configured["BTCUSD_PERP"]);
        Assert.Equal(10, configured["ETHUSD_PERP"]);
        var line = Assert.Single(log); // the agreeing ETH size is not reported
        Assert.Contains("BTCUSD_PERP configured at 50 USD, but the exchange's contractSize is 100 USD", line, StringComparison.Ordinal);
    }
}
