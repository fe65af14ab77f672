using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;
using Microsoft.Extensions.Logging;

namespace HftScalper.Trading.Tests.Risk;

public sealed class RiskVerdictLoggerTests
{
    private sealed class Lines : ILogger
    {
        public List<string> Written { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Written.Add(formatter(state, exception));
    }

    [Fact]
    public void Logs_only_changed_counters_at_most_once_per_interval()
    {
        var f = new RiskFixture();
        var lines = new Lines();
        var logger = new RiskVerdictLogger(f.Risk, lines, intervalNs: 1_000);

        f.Evaluate(SignalDirection.Long, 0.6f, out _);
        f.Evaluate(SignalDirection.Long, 0.6f, out _);
        f.Evaluate(SignalDirection.Long, 0.6f, out _);
        Assert.True(logger.LogIfDue(0));
        Assert.Equal("Risk verdicts since last report: Accept=1, AtTarget=2", lines.Written.Single());

        f.Evaluate(SignalDirection.Flat, 0.6f, out _);
        Assert.False(logger.LogIfDue(999));                    // too soon
        Assert.True(logger.LogIfDue(1_000));
        Assert.Equal("Risk verdicts since last report: NoAction=1", lines.Written[^1]);
        Assert.False(logger.LogIfDue(5_000));                  // nothing moved
    }
}
