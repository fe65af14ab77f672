namespace HftScalper.Disruptor.Tests;

/// <summary>Busy-spin is for isolated cores; here it shares 2 cores, so it runs a smaller load.</summary>
public sealed class BusySpinWaitStrategyTests : WaitStrategyFixture
{
    protected override IWaitStrategy CreateStrategy() => new BusySpinWaitStrategy();

    protected override int EventCount => 10_000;
}
