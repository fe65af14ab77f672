namespace HftScalper.Disruptor.Tests;

public sealed class SleepingWaitStrategyTests : WaitStrategyFixture
{
    protected override IWaitStrategy CreateStrategy() => new SleepingWaitStrategy();

    [Fact]
    public void Times_out_when_nothing_is_published()
    {
        var strategy = new SleepingWaitStrategy(timeout: TimeSpan.FromMilliseconds(20));

        long result = strategy.WaitFor(0, new SequenceGroup(new Sequence()), new AlertFlag());

        Assert.Equal(WaitResult.TimedOut, result);
    }
}
