using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;
using static HftScalper.Trading.Tests.Risk.RiskFixture;

namespace HftScalper.Trading.Tests.Risk;

public sealed class RiskFailClosedTests
{
    private static RiskVerdict Run(RiskMarketView view, SignalSource source = SignalSource.Model, bool allowFallback = true, float confidence = 0.6f)
    {
        var f = new RiskFixture(new RiskOptions { AllowFallback = allowFallback });
        var signal = Signal(SignalDirection.Long, confidence, source: source);
        var verdict = f.Risk.Evaluate(in signal, in view, Now, out var order);
        Assert.Equal(1, f.Risk.Counters[verdict]);
        if (verdict != RiskVerdict.Accept) Assert.Equal(0, f.Orders.OpenCount);
        return verdict;
    }

    [Fact]
    public void No_order_while_the_book_is_not_synced() =>
        Assert.Equal(RiskVerdict.BookNotSynced, Run(View(synced: false)));

    [Theory]
    [InlineData(5_000_000_000, RiskVerdict.Accept)]
    [InlineData(5_000_000_001, RiskVerdict.FeedStale)]
    public void No_order_on_a_stale_feed(long age, RiskVerdict expected) =>
        Assert.Equal(expected, Run(View(lastEventNs: Now - age)));

    [Theory]
    [InlineData(1_000_000, 1_000_000)]
    [InlineData(0, 1_000_000)]
    [InlineData(999_900, 0)]
    public void No_order_without_a_sane_bid_and_ask(long bid, long ask) =>
        Assert.Equal(RiskVerdict.NoMarket, Run(View(bid: bid, ask: ask)));

    [Fact]
    public void A_warming_model_sends_nothing_and_says_so_after_the_market_data_checks()
    {
        var warming = View(healthy: false) with { ModelWarming = true };

        Assert.Equal(RiskVerdict.ModelWarming, Run(warming, SignalSource.None, confidence: 0f));
        Assert.Equal(RiskVerdict.BookNotSynced, Run(warming with { BookSynced = false }, SignalSource.None, confidence: 0f));
        Assert.Equal(RiskVerdict.InvalidSignal, Run(View(healthy: false), SignalSource.None, confidence: 0f));
    }

    [Fact]
    public void Unhealthy_model_trades_only_through_an_allowed_fallback()
    {
        Assert.Equal(RiskVerdict.ModelUnhealthy, Run(View(healthy: false)));
        Assert.Equal(RiskVerdict.ModelUnhealthy, Run(View(healthy: false), SignalSource.Ensemble));
        Assert.Equal(RiskVerdict.Accept, Run(View(healthy: false), SignalSource.Fallback));
        Assert.Equal(RiskVerdict.FallbackNotAllowed, Run(View(healthy: false), SignalSource.Fallback, allowFallback: false));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(1.5f)]
    [InlineData(-0.1f)]
    public void Malformed_signals_are_refused(float confidence) =>
        Assert.Equal(RiskVerdict.InvalidSignal, Run(View(), confidence: confidence));

    [Fact]
    public void Signals_without_a_source_or_for_unknown_symbols_are_refused()
    {
        Assert.Equal(RiskVerdict.InvalidSignal, Run(View(), SignalSource.None));
        var f = new RiskFixture();
        Assert.Equal(RiskVerdict.InvalidSignal, f.Evaluate(SignalDirection.Long, 0.6f, out _, symbolId: 3));
    }
}
