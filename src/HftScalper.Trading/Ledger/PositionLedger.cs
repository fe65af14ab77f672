using HftScalper.Core.Numerics;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;

namespace HftScalper.Trading.Ledger;

/// <summary>
/// Positions, PnL, fees, equity, high-water mark, drawdown and daily PnL, all in integers. Fed by fills
/// (<see cref="IExecutionReportSink"/>) and marks (best bid/ask). Single-threaded; no allocation after construction.
/// </summary>
/// <remarks>
/// Units. Per symbol: the symbol's amount units (<see cref="SymbolAmounts"/>): ticks x lots = 10^-(PriceDecimals+QuantityDecimals)
/// of the quote asset for a linear symbol, 10^-<see cref="Execution.InverseContracts.AmountDecimals"/> of the coin for an
/// inverse one. Account totals: account units = 10^-<see cref="AccountDecimals"/> of the account asset, where
/// <see cref="AccountDecimals"/> is the largest amount decimals of the traded symbols, so every traded symbol converts
/// exactly (x 10^k). All traded symbols settle in one asset (the account's: USDT, or the coin of COIN-M contracts).
/// Fills of symbols not traded and of symbols registered after the ledger was built are refused (counted in
/// <see cref="RejectedFills"/>). PnL is computed on values (<see cref="SymbolAmounts.Value"/>): for a linear symbol
/// value = lots x ticks, so nothing changes there; for an inverse one it is the coin value, PnL = Q x size x (1/entry - 1/exit).
/// Days are UTC days of the fill/mark time (exchange time in backtests).
/// </remarks>
public sealed class PositionLedger : IExecutionReportSink
{
    private const long NsPerDay = 86_400_000_000_000;
    private readonly SymbolPosition[] _positions;
    private readonly long[] _toAccount;
    private readonly SymbolAmounts _amounts;
    private long _realized;
    private long _fees;
    private long _funding;
    private long _unrealized;
    private long _day = long.MinValue;
    private TradeStatistics _trades;

    /// <summary>Creates a ledger for the symbols registered now, starting with <paramref name="initialEquity"/>
    /// account units (see <see cref="ToAccountUnits(double)"/> to convert an amount of the account asset).
    /// <paramref name="amounts"/> says which symbols are traded and how their fills are valued (null: every symbol, at
    /// Binance's contract sizes).</summary>
    public PositionLedger(SymbolRegistry symbols, long initialEquity, SymbolAmounts? amounts = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialEquity);
        int n = symbols.Count;
        _amounts = amounts ?? SymbolAmounts.Create(symbols);
        ArgumentOutOfRangeException.ThrowIfLessThan(_amounts.Count, n, nameof(amounts));
        int decimals = 0;
        for (int i = 0; i < n; i++)
            if (_amounts.IsTraded(i)) decimals = Math.Max(decimals, _amounts.AmountDecimals(i));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, FixedPoint.MaxDecimals, nameof(symbols));
        AccountDecimals = decimals;
        _positions = new SymbolPosition[n];
        _toAccount = new long[n];
        for (int i = 0; i < n; i++)
            _toAccount[i] = _amounts.IsTraded(i) ? FixedPoint.PowerOfTen(decimals - _amounts.AmountDecimals(i)) : 0; // untraded: no scale
        InitialEquity = initialEquity;
        HighWaterMark = initialEquity;
        DayStartEquity = initialEquity;
    }

    /// <summary>Decimals of one account unit of the account asset.</summary>
    public int AccountDecimals { get; }

    /// <summary>How each symbol's quantities at prices are valued, and which symbols are traded.</summary>
    public SymbolAmounts Amounts => _amounts;

    /// <summary>Number of symbols tracked (ids 0..n-1).</summary>
    public int SymbolCount => _positions.Length;

    /// <summary>Starting equity, account units.</summary>
    public long InitialEquity { get; }

    /// <summary>Equity = initial + realised - fees + funding + unrealised, account units.</summary>
    public long Equity => InitialEquity + _realized - _fees + _funding + _unrealized;

    /// <summary>Realised PnL before fees, all symbols, account units.</summary>
    public long RealizedPnl => _realized;

    /// <summary>Fees paid, all symbols, account units.</summary>
    public long Fees => _fees;

    /// <summary>Funding received (negative: paid) on USD-M perpetuals, all symbols, account units (0 on spot).</summary>
    public long Funding => _funding;

    /// <summary>Unrealised PnL at the conservative marks, all symbols, account units.</summary>
    public long UnrealizedPnl => _unrealized;

    /// <summary>Highest equity seen, account units.</summary>
    public long HighWaterMark { get; private set; }

    /// <summary>High-water mark minus equity, account units (&gt;= 0).</summary>
    public long Drawdown => HighWaterMark - Equity;

    /// <summary>Drawdown as a fraction of the high-water mark.</summary>
    public double DrawdownFraction => HighWaterMark <= 0 ? 0 : (double)Drawdown / HighWaterMark;

    /// <summary>Largest drawdown seen, account units.</summary>
    public long MaxDrawdown { get; private set; }

    /// <summary>Equity at the start of the current UTC day (the first update of the day), account units.</summary>
    public long DayStartEquity { get; private set; }

    /// <summary>Equity change since the start of the current UTC day, account units.</summary>
    public long DailyPnl => Equity - DayStartEquity;

    /// <summary>Closed round trips (for Kelly and the report).</summary>
    public ref readonly TradeStatistics Trades => ref _trades;

    /// <summary>Fills or marks refused (unknown symbol, non-positive price or quantity).</summary>
    public long RejectedFills { get; private set; }

    /// <summary>The position of a symbol.</summary>
    public ref readonly SymbolPosition Position(int symbolId) => ref _positions[symbolId];

    /// <summary>Amount units of a symbol (quote units of a linear one, coin units of an inverse one) to account units.</summary>
    public long ToAccountUnits(int symbolId, long quoteUnits) => quoteUnits * _toAccount[symbolId];

    /// <summary>Account units one lot of a symbol is worth at <paramref name="priceTicks"/> (its notional; at least 1).</summary>
    public long LotValue(int symbolId, long priceTicks) => Math.Max(1, _amounts.Notional(symbolId, 1, priceTicks) * _toAccount[symbolId]);

    /// <summary>A quote-asset amount (e.g. 10000.0 USDT) to account units (configuration only).</summary>
    public long ToAccountUnits(double quoteAmount) => checked((long)Math.Round(quoteAmount * FixedPoint.PowerOfTen(AccountDecimals)));

    /// <summary>|position| x mark of a symbol, account units (0 before the first mark).</summary>
    public long Notional(int symbolId)
    {
        ref var p = ref _positions[symbolId];
        long mark = p.MarkTicks > 0 ? p.MarkTicks : (p.PositionLots == 0 ? 0 : Math.Abs(p.CostBasis / p.PositionLots));
        return mark <= 0 ? 0 : _amounts.Notional(symbolId, p.PositionLots, mark) * _toAccount[symbolId];
    }

    /// <summary>Sum of <see cref="Notional"/> over all symbols, account units.</summary>
    public long TotalNotional()
    {
        long sum = 0;
        for (int i = 0; i < _positions.Length; i++) sum += Notional(i);
        return sum;
    }

    /// <summary>Applies fills (other reports are ignored).</summary>
    public void OnExecutionReport(in ExecutionReport report)
    {
        if (report.IsFill)
            ApplyFill(report.SymbolId, report.SignedFillQuantity, report.LastPriceTicks, report.Fee, report.ExchangeTimeNs);
    }

    /// <summary>Applies one fill: <paramref name="signedLots"/> (+ buy, - sell) at <paramref name="priceTicks"/>,
    /// paying <paramref name="fee"/> quote units. False (counted) on bad input.</summary>
    public bool ApplyFill(int symbolId, long signedLots, long priceTicks, long fee, long timeNs)
    {
        if ((uint)symbolId >= (uint)_positions.Length || signedLots == 0 || priceTicks <= 0 || _toAccount[symbolId] == 0)
        {
            RejectedFills++;
            return false;
        }
        RollDay(timeNs);
        ref var p = ref _positions[symbolId];
        long scale = _toAccount[symbolId];
        long pos = p.PositionLots;
        long closing = pos == 0 || Math.Sign(pos) == Math.Sign(signedLots) ? 0
            : Math.Sign(signedLots) * Math.Min(Math.Abs(signedLots), Math.Abs(pos));
        long feeClosing = closing == 0 ? 0 : (long)((Int128)fee * closing / signedLots);
        if (closing != 0)
        {
            // Remove the closed share of the cost; the rounding residue stays in the basis, so a full close is exact.
            // PnL on values (linear: lots x ticks, the cost itself; inverse: coin values).
            p.CostBasis -= (long)((Int128)p.CostBasis * -closing / pos);
            long removed = (long)((Int128)p.ValueBasis * -closing / pos);
            long realized = _amounts.Value(symbolId, -closing, priceTicks) - removed;
            p.ValueBasis -= removed;
            p.PositionLots += closing;
            p.RealizedPnl += realized;
            p.OpenTradePnl += realized - feeClosing;
            _realized += realized * scale;
            if (p.PositionLots == 0)
            {
                _trades.Record(p.OpenTradePnl * scale);
                p.OpenTradePnl = 0;
            }
        }
        long opening = signedLots - closing;
        if (opening != 0)
        {
            p.CostBasis += opening * priceTicks;
            p.ValueBasis += _amounts.Value(symbolId, opening, priceTicks);
            p.PositionLots += opening;
            p.OpenTradePnl -= fee - feeClosing;
        }
        p.Fees += fee;
        p.FillCount++;
        _fees += fee * scale;
        if (p.BidTicks == 0) p.BidTicks = priceTicks; // no mark yet: mark at the fill
        if (p.AskTicks == 0) p.AskTicks = priceTicks;
        Revalue(ref p, symbolId, scale);
        return true;
    }

    /// <summary>Books a funding payment of <paramref name="quoteUnits"/> (+ received, - paid) on a symbol's position at
    /// <paramref name="timeNs"/>; it counts in equity and in the open round trip's PnL. False (counted) for an unknown symbol.</summary>
    public bool ApplyFunding(int symbolId, long quoteUnits, long timeNs)
    {
        if ((uint)symbolId >= (uint)_positions.Length)
        {
            RejectedFills++;
            return false;
        }
        RollDay(timeNs);
        ref var p = ref _positions[symbolId];
        p.Funding += quoteUnits;
        p.OpenTradePnl += quoteUnits;
        _funding += quoteUnits * _toAccount[symbolId];
        Revalue(ref p, symbolId, _toAccount[symbolId]);
        return true;
    }

    /// <summary>Marks a symbol to the book (best bid and ask in ticks) and updates equity and drawdown.</summary>
    public void Mark(int symbolId, long bidTicks, long askTicks, long timeNs)
    {
        if ((uint)symbolId >= (uint)_positions.Length || bidTicks <= 0 || askTicks <= 0)
        {
            RejectedFills++;
            return;
        }
        RollDay(timeNs);
        ref var p = ref _positions[symbolId];
        p.BidTicks = bidTicks;
        p.AskTicks = askTicks;
        if (p.PositionLots != 0 || p.UnrealizedPnl != 0) Revalue(ref p, symbolId, _toAccount[symbolId]);
    }

    private void Revalue(ref SymbolPosition p, int symbolId, long scale)
    {
        long unrealized = p.PositionLots == 0 ? 0 : _amounts.Value(symbolId, p.PositionLots, p.MarkTicks) - p.ValueBasis;
        _unrealized += (unrealized - p.UnrealizedPnl) * scale;
        p.UnrealizedPnl = unrealized;
        long equity = Equity;
        if (equity > HighWaterMark) HighWaterMark = equity;
        if (HighWaterMark - equity > MaxDrawdown) MaxDrawdown = HighWaterMark - equity;
    }

    private void RollDay(long timeNs)
    {
        long day = timeNs / NsPerDay;
        if (day <= _day) return;
        if (_day != long.MinValue) DayStartEquity = Equity; // equity as the previous day closed
        _day = day;
    }
}
