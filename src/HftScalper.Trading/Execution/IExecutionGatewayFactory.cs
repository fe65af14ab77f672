using HftScalper.Core.Symbols;

namespace HftScalper.Trading.Execution;

/// <summary>
/// Builds the execution gateway of a run once its symbols are known: the paper exchange for replay and paper
/// trading, a venue client for testnet and live. The seam by which the composition (<see cref="TradingDesk"/>) stays
/// the same in every mode.
/// </summary>
public interface IExecutionGatewayFactory
{
    /// <summary>
    /// A gateway for the symbols registered in <paramref name="symbols"/> now (ids below its count), delivering every
    /// execution report to <paramref name="reports"/> (order tracker, ledger, run statistics) on the trading thread.
    /// Disposed by the desk when it implements <see cref="IDisposable"/>.
    /// </summary>
    IExecutionGateway Create(SymbolRegistry symbols, IExecutionReportSink reports);
}
