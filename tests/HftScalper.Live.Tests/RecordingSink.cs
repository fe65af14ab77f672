using System.Collections.Concurrent;
using HftScalper.Trading.Execution;

namespace HftScalper.Live.Tests;

/// <summary>Every report the desk delivered (after the tracker and the ledger), in delivery order.</summary>
internal sealed class RecordingSink : IExecutionReportSink
{
    public ConcurrentQueue<ExecutionReport> Reports { get; } = new();

    public void OnExecutionReport(in ExecutionReport report) => Reports.Enqueue(report);

    public ExecutionReport[] Of(ClientOrderId id) => [.. Reports.Where(r => r.ClientOrderId == id)];
}
