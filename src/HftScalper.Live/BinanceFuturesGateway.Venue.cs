using System.Runtime.CompilerServices;
using HftScalper.Trading.Margin;

namespace HftScalper.Live;

// The trading thread's read of the exchange's risk figures: a snapshot republished (copy on write, under the risk lock)
// whenever positionRisk or ACCOUNT_UPDATE changes them, so the hot path reads one volatile reference, no lock.
public sealed partial class BinanceFuturesGateway : IVenueRiskSource
{
    private FuturesRiskFigures[] _riskSnapshot = [];

    /// <inheritdoc />
    /// <remarks>Lock-free and allocation-free (any thread): the latest published <see cref="FuturesRiskFigures"/>, when
    /// <see cref="FuturesRiskFigures.Known"/>.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetLiquidation(int symbolId, out long positionLots, out long liquidationTicks)
    {
        var snapshot = Volatile.Read(ref _riskSnapshot);
        if ((uint)symbolId >= (uint)snapshot.Length || !snapshot[symbolId].Known)
        {
            positionLots = liquidationTicks = 0;
            return false;
        }
        positionLots = snapshot[symbolId].PositionLots;
        liquidationTicks = snapshot[symbolId].LiquidationPriceTicks;
        return true;
    }

    // Caller holds _riskGate (after changing _risk): the trading thread sees the new figures from its next read.
    private void PublishRiskFigures() => Volatile.Write(ref _riskSnapshot, (FuturesRiskFigures[])_risk.Clone());
}
