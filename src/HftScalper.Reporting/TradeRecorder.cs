using System.Runtime.CompilerServices;
using HftScalper.Engine.Pipeline;

namespace HftScalper.Reporting;

/// <summary>
/// Closed round trips: exact running totals over all of them (count, wins, direction right, PnL, fees, gross
/// profit and loss) and the first <c>capacity</c> trades kept for the report. Zero allocation per call; one thread.
/// </summary>
public sealed class TradeRecorder
{
    private readonly RoundTrip[] _kept;
    private int _keptCount;
    private long _count;
    private long _wins;
    private long _directionCorrect;
    private long _invalid;
    private double _netPnl;
    private double _fees;
    private double _grossProfit;
    private double _grossLoss;
    private long _holdingNsSum;
    private double _netMean;
    private double _netM2;

    /// <summary>Creates a recorder that keeps up to <paramref name="capacity"/> trades for the report.</summary>
    public TradeRecorder(int capacity = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _kept = new RoundTrip[capacity];
    }

    /// <summary>Round trips recorded.</summary>
    public long Count => _count;

    /// <summary>Trades with net PnL &gt; 0.</summary>
    public long Wins => _wins;

    /// <summary>Trades whose price moved the way they bet.</summary>
    public long DirectionCorrect => _directionCorrect;

    /// <summary>Calls ignored: direction not +1/-1, non-positive quantity or non-finite PnL/fees.</summary>
    public long Invalid => _invalid;

    /// <summary>Sum of net PnL (after fees).</summary>
    public double NetPnl => _netPnl;

    /// <summary>Sum of fees.</summary>
    public double Fees => _fees;

    /// <summary>Sum of net PnL of winning trades.</summary>
    public double GrossProfit => _grossProfit;

    /// <summary>Sum of |net PnL| of losing trades.</summary>
    public double GrossLoss => _grossLoss;

    /// <summary>Share of trades with net PnL &gt; 0 (0 when none).</summary>
    public double WinRate => _count == 0 ? 0 : (double)_wins / _count;

    /// <summary>Share of trades whose direction was wrong (price did not move their way; 0 when none).</summary>
    public double FalsePositiveRate => _count == 0 ? 0 : 1.0 - (double)_directionCorrect / _count;

    /// <summary>Gross profit / gross loss (0 when there was no loss).</summary>
    public double ProfitFactor => _grossLoss == 0 ? 0 : _grossProfit / _grossLoss;

    /// <summary>Mean holding time in seconds of exchange time.</summary>
    public double MeanHoldingSeconds => _count == 0 ? 0 : _holdingNsSum / 1e9 / _count;

    /// <summary>Per-trade Sharpe ratio: mean / sample sd of the trades' net PnL (not annualised; 0 when fewer than 2
    /// trades or no variation).</summary>
    public double PerTradeSharpe
    {
        get
        {
            if (_count < 2) return 0;
            double sd = Math.Sqrt(_netM2 / (_count - 1));
            return sd > 0 ? _netMean / sd : 0;
        }
    }

    /// <summary>The kept trades (the first ones, up to the capacity), in recording order.</summary>
    public ReadOnlySpan<RoundTrip> Kept => _kept.AsSpan(0, _keptCount);

    /// <summary>Records a closed round trip. Zero allocation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(in RoundTrip trip)
    {
        if ((trip.Direction != 1 && trip.Direction != -1) || trip.QuantityLots <= 0
            || !double.IsFinite(trip.GrossPnl) || !double.IsFinite(trip.Fees))
        {
            _invalid++;
            return;
        }

        double net = trip.NetPnl;
        _count++;
        _netPnl += net;
        _fees += trip.Fees;
        _holdingNsSum += trip.ExitTimeNs - trip.EntryTimeNs;
        double delta = net - _netMean; // Welford: per-trade Sharpe without keeping every trade
        _netMean += delta / _count;
        _netM2 += delta * (net - _netMean);
        if (net > 0)
        {
            _wins++;
            _grossProfit += net;
        }
        else
        {
            _grossLoss -= net;
        }

        if (trip.DirectionCorrect) _directionCorrect++;
        if (_keptCount < _kept.Length) _kept[_keptCount++] = trip;
    }
}
