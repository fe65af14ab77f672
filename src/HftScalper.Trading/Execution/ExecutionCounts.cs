using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace HftScalper.Trading.Execution;

/// <summary>
/// Counts of the reports a desk received: fills by liquidity (maker share), rejects (post-only ones apart) and
/// cancels. A sink of the desk's report fan-out; plain increments, no allocation.
/// </summary>
public sealed class ExecutionCounts : IExecutionReportSink
{
    /// <summary>Fills (partial or complete).</summary>
    public long Fills { get; private set; }

    /// <summary>Fills that rested in the book (maker).</summary>
    public long MakerFills { get; private set; }

    /// <summary>Fills that took liquidity (taker).</summary>
    public long TakerFills { get; private set; }

    /// <summary>Orders rejected (all reasons).</summary>
    public long Rejects { get; private set; }

    /// <summary>Post-only orders rejected because they would have crossed.</summary>
    public long PostOnlyRejects { get; private set; }

    /// <summary>Orders the venue refused by its filters (<see cref="ExecutionReason.FilterFailure"/>: off the tick or lot
    /// grid, or exchangeInfo's bounds); the first is logged as a warning (<see cref="Logger"/>), the rest only counted.</summary>
    public long FilterRejects { get; private set; }

    /// <summary>Where the first filter reject is logged (the desk's logger); null: nowhere.</summary>
    internal ILogger? Logger { get; set; }

    /// <summary>Orders cancelled (requested, replaced, or IOC/market remainders).</summary>
    public long Cancelled { get; private set; }

    /// <summary>Maker fills / all fills (0 without fills).</summary>
    public double MakerShare => Fills == 0 ? 0 : (double)MakerFills / Fills;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void LogFirstFilterReject(in ExecutionReport report) =>
        Logger?.LogWarning("Order {Order} of symbol #{Symbol} ({Side} {Type} at {Price} price units) refused by the venue's filters "
            + "(off the tick/lot grid or outside exchangeInfo's bounds); later ones are only counted (execution.filterRejects)",
            report.ClientOrderId.Value, report.SymbolId, report.Side, report.OrderType, report.OrderPriceTicks);

    /// <inheritdoc />
    public void OnExecutionReport(in ExecutionReport report)
    {
        switch (report.Kind)
        {
            case ExecutionReportKind.PartialFill or ExecutionReportKind.Fill:
                Fills++;
                if (report.Liquidity == Liquidity.Maker) MakerFills++;
                else if (report.Liquidity == Liquidity.Taker) TakerFills++;
                break;
            case ExecutionReportKind.Rejected:
                Rejects++;
                if (report.Reason == ExecutionReason.PostOnlyWouldCross) PostOnlyRejects++;
                else if (report.Reason == ExecutionReason.FilterFailure && ++FilterRejects == 1) LogFirstFilterReject(in report);
                break;
            case ExecutionReportKind.Cancelled:
                Cancelled++;
                break;
        }
    }
}
