namespace HftScalper.Disruptor.Tests;

public sealed class BlockingWaitStrategyTests : WaitStrategyFixture
{
    protected override IWaitStrategy CreateStrategy() => new BlockingWaitStrategy();

    [Fact]
    public void Times_out_when_nothing_is_published()
    {
        var strategy = new BlockingWaitStrategy(TimeSpan.FromMilliseconds(20));

        long result = strategy.WaitFor(0, new SequenceGroup(new Sequence()), new AlertFlag());

        Assert.Equal(WaitResult.TimedOut, result);
    }
}
