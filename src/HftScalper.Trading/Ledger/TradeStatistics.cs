using System.Runtime.InteropServices;

namespace HftScalper.Trading.Ledger;

/// <summary>
/// Closed round trips (position from zero back to zero, or through zero) with PnL after fees, in account units.
/// Feeds the Kelly payoff ratio b = average win / average loss.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct TradeStatistics
{
    /// <summary>Round trips with PnL &gt; 0.</summary>
    public long Wins;

    /// <summary>Round trips with PnL &lt;= 0 (a scratch that paid fees is a loss).</summary>
    public long Losses;

    /// <summary>Sum of winning PnL, account units (&gt;= 0).</summary>
    public long SumWins;

    /// <summary>Sum of losing PnL as a positive number, account units.</summary>
    public long SumLosses;

    /// <summary>Closed round trips.</summary>
    public readonly long Count => Wins + Losses;

    /// <summary>Fraction of winning round trips (0 when none).</summary>
    public readonly double WinRate => Count == 0 ? 0 : (double)Wins / Count;

    /// <summary>Average win / average loss; 0 when either side has no trade yet.</summary>
    public readonly double PayoffRatio =>
        Wins == 0 || Losses == 0 || SumLosses == 0 ? 0 : (SumWins / (double)Wins) / (SumLosses / (double)Losses);

    /// <summary>Records one closed round trip.</summary>
    public void Record(long pnl)
    {
        if (pnl > 0)
        {
            Wins++;
            SumWins += pnl;
        }
        else
        {
            Losses++;
            SumLosses -= pnl;
        }
    }
}
