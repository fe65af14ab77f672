namespace HftScalper.Disruptor.Tests;

public sealed class YieldingWaitStrategyTests : WaitStrategyFixture
{
    protected override IWaitStrategy CreateStrategy() => new YieldingWaitStrategy();

    protected override int EventCount => 30_000;
}
