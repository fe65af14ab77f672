using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;

namespace HftScalper.Cli.Commands.Run;

/// <summary>
/// Wraps the run's gateway factory so the verb can report what the venue said (fills, rejects, cancels, net position,
/// orders still open at exit) without touching the engine: every execution report passes through
/// <see cref="OnExecutionReport"/> on the trading thread on its way to the desk's own sink. Counts only; allocates
/// nothing per report.
/// </summary>
public sealed class ExecutionTally(IExecutionGatewayFactory inner) : IExecutionGatewayFactory, IExecutionReportSink
{
    private IExecutionReportSink? _next;
    private long[] _positionLots = [];

    /// <summary>Acknowledged orders.</summary>
    public long Acks { get; private set; }

    /// <summary>Fill reports (partial and complete).</summary>
    public long Fills { get; private set; }

    /// <summary>Refused requests (orders, cancels, replaces).</summary>
    public long Rejects { get; private set; }

    /// <summary>Of <see cref="Rejects"/>, the orders the venue's exchangeInfo filters refused (<see cref="ExecutionReason.FilterFailure"/>:
    /// Binance -1013, or the paper exchange's same check).</summary>
    public long FilterRejects { get; private set; }

    /// <summary>Orders (or remainders) gone without a fill.</summary>
    public long Cancels { get; private set; }

    /// <summary>Orders that ended (complete fill or cancel).</summary>
    public long Closed { get; private set; }

    /// <summary>Orders acknowledged and not ended (an estimate from the reports: acks minus ended orders, at least 0).</summary>
    public long OpenOrders => Math.Max(0, Acks - Closed);

    /// <summary>Net filled quantity per symbol id, lots (buys positive).</summary>
    public ReadOnlySpan<long> PositionLots => _positionLots;

    /// <inheritdoc />
    public IExecutionGateway Create(SymbolRegistry symbols, IExecutionReportSink reports)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        _next = reports ?? throw new ArgumentNullException(nameof(reports));
        _positionLots = new long[symbols.Count];
        return inner.Create(symbols, this);
    }

    /// <inheritdoc />
    public void OnExecutionReport(in ExecutionReport report)
    {
        switch (report.Kind)
        {
            case ExecutionReportKind.Ack: Acks++; break;
            case ExecutionReportKind.PartialFill: Fills++; break;
            case ExecutionReportKind.Fill: Fills++; Closed++; break;
            case ExecutionReportKind.Cancelled: Cancels++; Closed++; break;
            case ExecutionReportKind.Rejected:
                Rejects++;
                if (report.Reason == ExecutionReason.FilterFailure) FilterRejects++;
                break;
        }
        if (report.IsFill && (uint)report.SymbolId < (uint)_positionLots.Length) _positionLots[report.SymbolId] += report.SignedFillQuantity;
        _next!.OnExecutionReport(in report);
    }
}
