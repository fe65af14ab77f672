using System.Runtime.CompilerServices;

namespace HftScalper.Trading.Margin;

// Funding: at each funding time the event clock crosses, every open USD-M position pays (long, positive rate) or
// receives position x mark x rate, booked in the ledger's funding term.
public sealed partial class MarginAccount
{
    private readonly FundingSchedule _schedule;
    private long _nextFundingNs = long.MinValue;

    /// <summary>Funding payments booked (one per position and funding time).</summary>
    public long FundingPayments { get; private set; }

    /// <summary>Net funding booked, account units (negative: paid).</summary>
    public long FundingTotal { get; private set; }

    /// <summary>
    /// Advances the funding clock to <paramref name="nowNs"/> (exchange time of the next event, before it is applied):
    /// every funding time in (previous time, <paramref name="nowNs"/>] charges the positions held then at the current
    /// mark. The first call only starts the clock (nothing is held before the first event). Times &lt;= 0 are ignored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AdvanceTo(long nowNs)
    {
        if (nowNs >= _nextFundingNs && nowNs > 0) Fund(nowNs);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Fund(long nowNs)
    {
        if (_nextFundingNs == long.MinValue)
        {
            _nextFundingNs = _schedule.NextAfter(nowNs);
            return;
        }
        while (_nextFundingNs <= nowNs)
        {
            Charge(_nextFundingNs);
            _nextFundingNs = _schedule.NextAfter(_nextFundingNs);
        }
    }

    // Payment = -position x mark x rate: a payer's amount is rounded up, a receiver's down (both against us).
    private void Charge(long fundingTimeNs)
    {
        long rate = _schedule.RateAt(fundingTimeNs);
        for (int s = 0; s < _margined.Length; s++)
        {
            long lots = _ledger.Position(s).PositionLots;
            long mark = MarkTicks(s);
            if (!_margined[s] || lots == 0 || mark <= 0) continue;
            Int128 owed = (Int128)lots * mark * rate;
            long amount = owed > 0
                ? -(long)((owed + FundingSchedule.RateScale - 1) / FundingSchedule.RateScale)
                : (long)(-owed / FundingSchedule.RateScale);
            _ledger.ApplyFunding(s, amount, fundingTimeNs);
            FundingPayments++;
            FundingTotal += amount * _scale[s];
        }
    }
}
