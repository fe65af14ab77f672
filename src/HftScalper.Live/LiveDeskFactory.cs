using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;

namespace HftScalper.Live;

/// <summary>
/// The run's gateway factory in testnet/live mode: builds the venue with <paramref name="venue"/> (whose gateway must
/// be an <see cref="ILiveVenue"/>, e.g. <see cref="BinanceSpotGatewayFactory"/>) and puts a <see cref="LiveDeskGateway"/>
/// in front of it (the fail-closed gate, the reconciliation hook).
/// </summary>
public sealed class LiveDeskFactory(IExecutionGatewayFactory venue, VenueGate gate, LiveReconcilerOptions? options = null) : IExecutionGatewayFactory
{
    private LiveDeskGateway? _gateway;

    /// <summary>The gateway made for the desk (null until the desk's first market event built it).</summary>
    public LiveDeskGateway? Gateway => Volatile.Read(ref _gateway);

    /// <inheritdoc />
    public IExecutionGateway Create(SymbolRegistry symbols, IExecutionReportSink reports)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(reports);
        var desk = new LiveDeskGateway(symbols, reports, gate, options ?? new LiveReconcilerOptions());
        var made = venue.Create(symbols, desk);
        desk.SetVenue(made as ILiveVenue ?? throw new InvalidOperationException($"{made.GetType().Name} is not an ILiveVenue"));
        Volatile.Write(ref _gateway, desk);
        return desk;
    }
}
