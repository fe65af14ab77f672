using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Risk;
using Microsoft.Extensions.Logging.Abstractions;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>The dashboard's controls reach the desk through <see cref="OperatorMailbox"/>: applied by the strategy
/// thread before its next decision, on the same simulated market that trades without them.</summary>
public sealed class OperatorMailboxTests : IClassFixture<PipelineFixture>
{
    private readonly PipelineFixture _fx;

    public OperatorMailboxTests(PipelineFixture fx) => _fx = fx;

    private PipelineResult Run(OperatorMailbox? mailbox)
    {
        using var model = PipelineFixture.Load(_fx.TreeModel());
        var registry = new SymbolRegistry();
        // Zero fees and a large expected move: this market trades when nobody intervenes.
        var trading = new TradingOptions { ClassMeanMoveBps = [-500, 0, 500], Exchange = new PaperExchangeOptions { Fees = new FeeSchedule(0, 0) } };
        using var source = PipelineFixture.Simulator(registry);
        return new TradingPipeline(registry, new PipelineOptions { WarmupEvents = 10_000, Trading = trading }, new SingleModelSource(model),
            NullLogger.Instance, new PipelineHooks { Operator = mailbox }).Run(source.Feed(registry, "binance-spot"));
    }

    [Fact]
    public void A_halt_posted_before_the_run_keeps_every_entry_out_and_the_run_ends_halted()
    {
        var free = Run(null);
        var mailbox = new OperatorMailbox();
        mailbox.Post(OperatorAction.Halt);

        var halted = Run(mailbox);

        Assert.True(free.Orders > 0, "the market did not trade without the halt");
        Assert.False(free.Trading.Halted);
        Assert.Equal(1, mailbox.Applied);
        Assert.False(mailbox.HasPending);
        Assert.Equal(0, halted.Orders);
        Assert.True(halted.Trading.Halted);
        Assert.True(halted.Trading.RiskVerdicts[nameof(RiskVerdict.KillSwitchHalted)] > 0);
    }

    [Fact]
    public void A_resume_clears_a_halt_and_trading_goes_on()
    {
        var mailbox = new OperatorMailbox();
        mailbox.Post(OperatorAction.Halt);
        mailbox.Post(OperatorAction.Resume); // a later action replaces one not yet applied

        var resumed = Run(mailbox);

        Assert.Equal(1, mailbox.Applied);
        Assert.False(resumed.Trading.Halted);
        Assert.True(resumed.Orders > 0);
    }

    [Fact]
    public void An_unknown_action_is_refused_at_the_post()
    {
        var mailbox = new OperatorMailbox();

        Assert.Throws<ArgumentOutOfRangeException>(() => mailbox.Post(OperatorAction.None));
        Assert.False(mailbox.HasPending);
    }
}
