using HftScalper.Core.Numerics;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Ledger;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// Turns fills into round trips for the report: a trip opens when a symbol's position leaves zero and closes when
/// it returns to zero (a fill that flips the position closes one trip and opens the next with the remainder).
/// Entry and exit prices are volume-weighted; PnL and fees are in the symbol's settlement asset (the quote asset, or the
/// coin of an inverse contract: PnL on values, <see cref="SymbolAmounts"/>). Allocation-free per fill.
/// </summary>
internal sealed class RoundTripTracker : IExecutionReportSink
{
    private readonly IRunObserver? _observer;
    private readonly IFillObserver? _fills;
    private readonly SymbolInfo[] _symbols;
    private readonly Trip[] _open;
    private readonly SymbolAmounts _amounts;

    private struct Trip
    {
        public long Position, EntryTimeNs, EntryLots, ExitLots, Fee;
        public int Direction;
        public Int128 EntryCost, ExitValue;         // ticks x lots (the volume-weighted prices)
        public Int128 EntryAmount, ExitAmount;      // amount units (SymbolAmounts.Value): the PnL
    }

    /// <summary>Tracks the symbols registered now, telling <paramref name="observer"/> each closed trip (null = nobody: fills
    /// are ignored); <paramref name="amounts"/> values fills (null: every symbol at Binance's contract sizes).</summary>
    public RoundTripTracker(SymbolRegistry symbols, IRunObserver? observer, SymbolAmounts? amounts = null)
    {
        _amounts = amounts ?? SymbolAmounts.Create(symbols);
        _observer = observer;
        _fills = observer as IFillObserver;
        _symbols = [.. symbols.All];
        _open = new Trip[_symbols.Length];
    }

    /// <inheritdoc />
    public void OnExecutionReport(in ExecutionReport report)
    {
        if (_observer is null || !report.IsFill || (uint)report.SymbolId >= (uint)_open.Length || report.LastQuantityLots <= 0) return;
        _fills?.OnFill(in report);
        ref var t = ref _open[report.SymbolId];
        long signed = report.SignedFillQuantity;
        long lots = report.LastQuantityLots;
        if (t.Position == 0)
        {
            Open(ref t, signed, report, _amounts);
            return;
        }
        if (Math.Sign(signed) == Math.Sign(t.Position))
        {
            t.Position += signed;
            t.EntryLots += lots;
            t.EntryCost += (Int128)lots * report.LastPriceTicks;
            t.EntryAmount += _amounts.Value(report.SymbolId, lots, report.LastPriceTicks);
            t.Fee += report.Fee;
            return;
        }
        long closing = Math.Min(lots, Math.Abs(t.Position));
        long feeClosing = lots == closing ? report.Fee : (long)((Int128)report.Fee * closing / lots);
        t.ExitLots += closing;
        t.ExitValue += (Int128)closing * report.LastPriceTicks;
        t.ExitAmount += _amounts.Value(report.SymbolId, closing, report.LastPriceTicks);
        t.Fee += feeClosing;
        t.Position += Math.Sign(signed) * closing;
        if (t.Position != 0) return;
        Close(report.SymbolId, ref t, report.ExchangeTimeNs);
        long rest = lots - closing;
        if (rest > 0)
        {
            var remainder = report;
            remainder.LastQuantityLots = rest;
            remainder.Fee = report.Fee - feeClosing;
            Open(ref t, Math.Sign(signed) * rest, remainder, _amounts);
        }
    }

    private static void Open(ref Trip t, long signed, in ExecutionReport r, SymbolAmounts amounts)
    {
        t = default;
        t.Position = signed;
        t.Direction = Math.Sign(signed);
        t.EntryTimeNs = r.ExchangeTimeNs;
        t.EntryLots = Math.Abs(signed);
        t.EntryCost = (Int128)t.EntryLots * r.LastPriceTicks;
        t.EntryAmount = amounts.Value(r.SymbolId, t.EntryLots, r.LastPriceTicks);
        t.Fee = r.Fee;
    }

    private void Close(int symbolId, ref Trip t, long timeNs)
    {
        var s = _symbols[symbolId];
        // Fills are in amount units (ticks x lots = 10^-(price+quantity decimals) of the quote asset; an inverse contract's coin units).
        double scale = 1.0 / FixedPoint.PowerOfTen(SymbolAmounts.DecimalsOf(s));
        int direction = t.Direction;
        long entryPx = (long)(t.EntryCost / t.EntryLots);
        long exitPx = (long)(t.ExitValue / t.ExitLots);
        double gross = (double)(t.ExitAmount - t.EntryAmount) * direction * scale;
        var trip = new RoundTrip
        {
            SymbolId = symbolId, Direction = direction, EntryTimeNs = t.EntryTimeNs, ExitTimeNs = timeNs,
            EntryPriceTicks = entryPx, ExitPriceTicks = exitPx, QuantityLots = t.EntryLots,
            GrossPnl = gross, Fees = t.Fee * scale,
        };
        _observer!.OnRoundTrip(in trip);
        t = default;
    }
}
