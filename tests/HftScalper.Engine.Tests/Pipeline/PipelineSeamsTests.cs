using HftScalper.Binance.Sync;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Core.Time;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Trading.Execution;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Engine.Tests.Pipeline;

public sealed class PipelineSeamsTests
{
    // Two simulated minutes on the fallback strategy (no model): enough decisions and orders, no ONNX session.
    private static PipelineResult Run(ITradingClock? clock = null, IExecutionGatewayFactory? gateway = null)
    {
        var registry = new SymbolRegistry();
        var source = PipelineFixture.Simulator(registry, minutes: 2);
        using (source)
            return new TradingPipeline(registry, new PipelineOptions { WarmupEvents = 10_000 }, new SingleModelSource(null), NullLogger.Instance,
                clock: clock, gateway: gateway).Run(source.Feed(registry, "binance-spot"));
    }

    [Fact]
    public void The_strategy_stage_trades_through_the_gateway_the_pipeline_is_given()
    {
        var counting = new CountingVenue(new PaperVenueFactory(new PaperExchangeOptions(), new BookSyncOptions()));

        var given = Run(gateway: counting);
        var byDefault = Run();

        Assert.True(given.Orders > 0, "the run sent no order");
        Assert.Equal(given.Orders, counting.Requests);      // every order, cancel and flatten went through it
        Assert.Equal(given.Events, counting.MarketEvents);  // and, as a simulated venue, it saw every market event
        Assert.Equal(byDefault.Digest, given.Digest);       // the same venue as the default: the same decisions
    }

    [Fact]
    public void A_wall_clock_replaying_old_data_fails_closed_as_a_stale_feed()
    {
        var result = Run(clock: new WallClock());

        Assert.Equal(0, result.Orders);
        Assert.True(result.Trading.RiskVerdicts.GetValueOrDefault("FeedStale") > 0, string.Join(", ", result.Trading.RiskVerdicts));
    }

    /// <summary>The paper venue, counting what the desk hands it.</summary>
    private sealed class CountingVenue(IExecutionGatewayFactory inner) : IExecutionGatewayFactory
    {
        public long Requests;
        public long MarketEvents;

        public IExecutionGateway Create(SymbolRegistry symbols, IExecutionReportSink reports) =>
            new Gateway(this, (ISimulatedGateway)inner.Create(symbols, reports));

        private sealed class Gateway(CountingVenue counts, ISimulatedGateway venue) : ISimulatedGateway, IDisposable
        {
            public void OnMarketEvent(in MarketEvent e)
            {
                counts.MarketEvents++;
                venue.OnMarketEvent(in e);
            }

            public void FlushReports() => venue.FlushReports();

            public bool Submit(in OrderRequest request)
            {
                counts.Requests++;
                return venue.Submit(in request);
            }

            public bool Cancel(ClientOrderId clientOrderId, int symbolId, long nowNs)
            {
                counts.Requests++;
                return venue.Cancel(clientOrderId, symbolId, nowNs);
            }

            public bool Replace(ClientOrderId original, in OrderRequest replacement)
            {
                counts.Requests++;
                return venue.Replace(original, in replacement);
            }

            public void Dispose() => (venue as IDisposable)?.Dispose();
        }
    }
}
