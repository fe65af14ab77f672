using System.Runtime.CompilerServices;

namespace HftScalper.Trading.Margin;

// Funding: at each funding time the event clock crosses, every open futures position pays (long, positive rate) or
// receives its notional at the mark x rate (COIN-M: the coin notional), booked in the ledger's funding term. A symbol whose mark-price stream gave a next
// funding time (markPriceUpdate T, r) is funded at that time and rate; the others follow the configured schedule.
public sealed partial class MarginAccount
{
    private readonly FundingSchedule _schedule;
    private readonly long[] _streamNextNs;    // per symbol: the stream's next funding time (0: none, the schedule funds it)
    private readonly long[] _streamRate;      // per symbol: the stream's rate for that time, 1e-8
    private readonly long[] _streamChargedNs; // per symbol: the last stream funding time charged
    private long _nextScheduleNs = long.MinValue;
    private long _nextFundingNs = long.MinValue; // earliest of the schedule's and the streams' next times: one compare per event

    /// <summary>Funding payments booked (one per position and funding time).</summary>
    public long FundingPayments { get; private set; }

    /// <summary>Net funding booked, account units (negative: paid).</summary>
    public long FundingTotal { get; private set; }

    /// <summary>Where funding times and rates come from: <c>markPrice</c> once the mark-price stream gave a symbol's next
    /// funding time, else <c>schedule</c> (the configuration's).</summary>
    public string FundingSource => AnyStreamFunding ? "markPrice" : "schedule";

    /// <summary>True once a mark-price event gave a next funding time.</summary>
    public bool AnyStreamFunding { get; private set; }

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
        if (_nextScheduleNs == long.MinValue)
        {
            _nextScheduleNs = _schedule.NextAfter(nowNs);
            NextFunding();
            return;
        }
        while (_nextScheduleNs <= nowNs)
        {
            Charge(_nextScheduleNs);
            _nextScheduleNs = _schedule.NextAfter(_nextScheduleNs);
        }
        for (int s = 0; s < _streamNextNs.Length; s++)
        {
            long t = _streamNextNs[s];
            if (t <= 0 || t > nowNs) continue;
            ChargeSymbol(s, t, _streamRate[s]);
            _streamChargedNs[s] = t;
            _streamNextNs[s] = long.MaxValue; // charged: the next mark-price event names the next time
        }
        NextFunding();
    }

    // The stream names a symbol's next funding time and its rate (a later event may revise the rate before it).
    private void StreamFunding(int s, long rateE8, long nextFundingNs)
    {
        _streamNextNs[s] = nextFundingNs;
        _streamRate[s] = rateE8;
        AnyStreamFunding = true;
        if (_nextScheduleNs != long.MinValue) NextFunding();
    }

    private void NextFunding()
    {
        long next = _nextScheduleNs;
        for (int s = 0; s < _streamNextNs.Length; s++)
            if (_streamNextNs[s] > 0 && _streamNextNs[s] < next) next = _streamNextNs[s];
        _nextFundingNs = next;
    }

    // The schedule's funding time: the symbols the stream does not fund.
    private void Charge(long fundingTimeNs)
    {
        long rate = _schedule.RateAt(fundingTimeNs);
        for (int s = 0; s < _margined.Length; s++)
            if (_streamNextNs[s] == 0) ChargeSymbol(s, fundingTimeNs, rate);
    }

    // Payment = -side x notional at the mark x rate (USD-M: position x mark; COIN-M: the coin notional, contracts x size
    // / mark): a payer's amount is rounded up, a receiver's down (both against us).
    private void ChargeSymbol(int s, long fundingTimeNs, long rate)
    {
        long lots = _ledger.Position(s).PositionLots;
        long mark = MarkTicks(s);
        if (!_margined[s] || lots == 0 || mark <= 0) return;
        Int128 owed = (Int128)Math.Sign(lots) * _amounts.Notional(s, lots, mark) * rate;
        long amount = owed > 0
            ? -(long)((owed + FundingSchedule.RateScale - 1) / FundingSchedule.RateScale)
            : (long)(-owed / FundingSchedule.RateScale);
        _ledger.ApplyFunding(s, amount, fundingTimeNs);
        FundingPayments++;
        FundingTotal += amount * _scale[s];
    }
}
