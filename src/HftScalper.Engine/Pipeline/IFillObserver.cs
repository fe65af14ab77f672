using HftScalper.Trading.Execution;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// An <see cref="IRunObserver"/> that also wants every fill (partial or complete) as the ledger receives it, e.g. to
/// write the per-fill trades file and attribute PnL. Called on the strategy thread, once per fill, in report order;
/// like the observer itself it must not allocate, lock or throw, and cannot change a decision.
/// </summary>
public interface IFillObserver
{
    /// <summary>One fill of one of our orders (price ticks, lots, fee in quote units, maker/taker).</summary>
    void OnFill(in ExecutionReport fill);
}
