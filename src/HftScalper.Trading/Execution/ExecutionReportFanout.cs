namespace HftScalper.Trading.Execution;

/// <summary>
/// Hands each report to several sinks in a fixed order (e.g. order tracker, then ledger, then run statistics),
/// so one gateway feeds them all. The sink array is fixed at construction; no allocation per report.
/// </summary>
internal sealed class ExecutionReportFanout : IExecutionReportSink
{
    private readonly IExecutionReportSink[] _sinks;

    /// <summary>Creates the fan-out; sinks are called in the order given.</summary>
    public ExecutionReportFanout(params IExecutionReportSink[] sinks)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        foreach (var s in sinks) ArgumentNullException.ThrowIfNull(s, nameof(sinks));
        _sinks = (IExecutionReportSink[])sinks.Clone();
    }

    /// <inheritdoc />
    public void OnExecutionReport(in ExecutionReport report)
    {
        foreach (var sink in _sinks) sink.OnExecutionReport(in report);
    }
}
