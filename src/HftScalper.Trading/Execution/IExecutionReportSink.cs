namespace HftScalper.Trading.Execution;

/// <summary>
/// Receives execution reports from a gateway, in the order the venue produced them, on the thread that drives
/// the gateway (the paper exchange: the thread calling <see cref="PaperExchange.OnMarketEvent"/>). Implementations
/// must not block or allocate: they update the order tracker, the ledger and counters.
/// </summary>
public interface IExecutionReportSink
{
    /// <summary>Handles one report (the reference is valid only during the call).</summary>
    void OnExecutionReport(in ExecutionReport report);
}
