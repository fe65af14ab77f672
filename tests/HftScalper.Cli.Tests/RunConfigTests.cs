using HftScalper.Cli.Commands.Replay;
using HftScalper.Engine.Composition;
using HftScalper.Core.Settings;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Quoting;
using HftScalper.Trading.Signals;

namespace HftScalper.Cli.Tests;

/// <summary>A configuration file changes the settings it names and keeps every other one of the options it is applied to.</summary>
public sealed class RunConfigTests
{
    private static PipelineOptions NonDefaultBase()
    {
        var o = new PipelineOptions();
        return o with
        {
            Trading = o.Trading with
            {
                Signals = new SignalGeneratorOptions { Thresholds = new(0.7f, 0.6f), MoveTicks = 2.5f },
                Exchange = new PaperExchangeOptions
                {
                    QueueModel = QueueCancelModel.Never, MaxOrders = 17, MessageCapacity = 512, MaxWalkLevels = 9, MaxSymbols = 3,
                },
            },
        };
    }

    [Fact]
    public void A_partial_settings_object_keeps_the_defaults_of_the_members_it_omits()
    {
        // The source-generated reader (no reflection: the Native AOT build) set omitted init-only members to zero
        // (kellyPriorTrades 0, funding null) until JsonInitDefaults filled them in.
        string path = Path.Combine(Hft.TempDir(), "partial.json");
        File.WriteAllText(path, """{ "risk": { "makerFirst": false }, "quotes": { "takeProfitBps": 2 }, "futures": { "leverage": 5, "funding": { "rate": 0.0002 } } }""");

        var config = RunConfig.Load(path);

        Assert.Equal(new Trading.Risk.RiskOptions() with { MakerFirst = false }, config.Risk);
        Assert.Equal(new QuoteOptions() with { TakeProfitBps = 2 }, config.Quotes);
        Assert.Equal(5, config.Futures!.Leverage);
        var funding = new Trading.Margin.FundingOptions();
        Assert.Equal((funding.IntervalNs, funding.OffsetNs, 0.0002), (config.Futures.Funding.IntervalNs, config.Futures.Funding.OffsetNs, config.Futures.Funding.Rate));
        Assert.Equal(funding.Table, config.Futures.Funding.Table);
        Assert.Equal(new Trading.Margin.FuturesOptions().MinLiquidationDistanceBps, config.Futures.MinLiquidationDistanceBps);
        Assert.Equal(new Trading.Margin.FuturesOptions().Brackets, config.Futures.Brackets);
    }

    [Fact]
    public void Flattened_exchange_keys_change_only_latency_and_fees()
    {
        var before = NonDefaultBase();
        var after = new RunConfig { EntryLatencyUs = 5, MakerFeePpm = 200 }.Apply(before).Trading.Exchange;

        Assert.Equal(5_000, after.EntryLatency.ConstantNs);
        Assert.Equal(200, after.Fees.MakerPpm);
        // Every setting the file does not name is the base's (records compare field by field, so a new field is covered too).
        Assert.Equal(before.Trading.Exchange, after with { EntryLatency = before.Trading.Exchange.EntryLatency, Fees = before.Trading.Exchange.Fees });
    }

    [Fact]
    public void Signal_thresholds_keep_the_other_signal_settings()
    {
        var before = NonDefaultBase();
        var after = new RunConfig { SignalEnter = 0.65f }.Apply(before).Trading.Signals;

        Assert.Equal(new SignalThresholds(0.65f, 0.6f), after.Thresholds);
        Assert.Equal(before.Trading.Signals with { Thresholds = after.Thresholds }, after);
    }

    [Fact]
    public void Queue_model_and_quotes_keys_change_only_what_they_name()
    {
        var before = NonDefaultBase();
        var quotes = new QuoteOptions { TakeProfitBps = 1.5, TimeStopFactor = 1 };
        var after = new RunConfig { QueueModel = QueueCancelModel.TradeThrough, Quotes = quotes }.Apply(before).Trading;

        Assert.Equal(QueueCancelModel.TradeThrough, after.Exchange.QueueModel);
        Assert.Equal(before.Trading.Exchange, after.Exchange with { QueueModel = QueueCancelModel.Never });
        Assert.Equal(quotes, after.Quotes);
        Assert.Equal(before.Trading with { Exchange = after.Exchange, Quotes = quotes }, after);
    }

    [Fact]
    public void An_out_of_range_quotes_value_names_its_key()
    {
        var config = new RunConfig { Quotes = new QuoteOptions { FillHorizonFactor = -1 } };

        var e = Assert.Throws<SettingException>(() => config.Apply(new PipelineOptions()));
        Assert.Contains("quotes.fillHorizonFactor", e.Message, StringComparison.Ordinal);
    }
}
