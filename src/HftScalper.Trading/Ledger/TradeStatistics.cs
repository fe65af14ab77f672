using System.Runtime.InteropServices;

namespace HftScalper.Trading.Ledger;

/// <summary>
/// Closed round trips (position from zero back to zero, or through zero) with PnL after fees and funding, in account
/// units, split in three outcomes: wins (PnL &gt; 0), losses (PnL &lt; 0) and pushes (PnL exactly 0, a scratch that
/// cost nothing). Feeds Kelly sizing (<see cref="Risk.KellySizer"/>): wins and losses give the win rate and the
/// payoff ratio b = mean win / mean loss; a push returns the stake, so it enters neither.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct TradeStatistics
{
    /// <summary>Round trips with PnL &gt; 0.</summary>
    public long Wins;

    /// <summary>Round trips with PnL &lt; 0 (a scratch that paid fees is a loss: the fees are what it lost).</summary>
    public long Losses;

    /// <summary>Sum of winning PnL, account units (&gt;= 0).</summary>
    public long SumWins;

    /// <summary>Sum of losing PnL as a positive number, account units.</summary>
    public long SumLosses;

    /// <summary>Round trips with PnL exactly 0 (neither win nor loss).</summary>
    public long Pushes;

    /// <summary>Closed round trips, pushes included.</summary>
    public readonly long Count => Wins + Losses + Pushes;

    /// <summary>Round trips that won or lost (pushes excluded): the sample of the win rate.</summary>
    public readonly long Decisive => Wins + Losses;

    /// <summary>Wins / (wins + losses), pushes excluded (0 when none).</summary>
    public readonly double WinRate => Decisive == 0 ? 0 : (double)Wins / Decisive;

    /// <summary>Observed mean win / mean loss, unshrunk; 0 when either side has no trade yet (the estimate Kelly uses
    /// is <see cref="Risk.KellySizer.PayoffRatio"/>).</summary>
    public readonly double PayoffRatio =>
        Wins == 0 || Losses == 0 ? 0 : (SumWins / (double)Wins) / (SumLosses / (double)Losses);

    /// <summary>Records one closed round trip.</summary>
    public void Record(long pnl)
    {
        if (pnl > 0)
        {
            Wins++;
            SumWins += pnl;
        }
        else if (pnl < 0)
        {
            Losses++;
            SumLosses -= pnl;
        }
        else Pushes++;
    }
}
