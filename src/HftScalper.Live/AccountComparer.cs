using System.Globalization;
using HftScalper.Core.Numerics;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Ledger;
using HftScalper.Trading.Margin;

namespace HftScalper.Live;

/// <summary>
/// Compares a <see cref="VenueAccountView"/> with the order tracker, the ledger and the cash the fills moved, on the
/// trading thread (the owner of the tracker and the ledger), for spot and USD-M symbols alike (a symbol's venue decides,
/// <see cref="MarginAccount.IsUsdM"/>). The first comparison with nothing open on either side takes the start balances
/// (the account holds assets or positions before the run; the ledger starts flat); later ones expect
/// <list type="bullet">
/// <item>spot: <c>venue base = start + ledger position - base-asset fees</c>, and the quote asset moved by the cash of
/// the fills;</item>
/// <item>USD-M: <c>venue position amount = start + ledger position</c>, and the margin asset's wallet balance moved by
/// the ledger's realised PnL minus fees plus funding (unrealised PnL is not in the wallet).</item>
/// </list>
/// </summary>
/// <remarks>Spot fees follow Binance's default: a buy pays its commission in the base asset (the report's fee, valued at
/// the fill price, is converted back to lots), a sell in the quote asset. Fees paid in a third asset (BNB) change
/// neither. USD-M commissions are paid in the margin asset. A position held at the baseline is taken as it is; its later
/// realised PnL is the ledger's (entry at the fill that reduces it is unknown to the ledger), so a run that starts with a
/// position can disagree on the wallet when it closes it.</remarks>
internal sealed class AccountComparer
{
    private readonly SymbolInfo[] _symbols;
    private readonly bool[] _futures;       // per symbol: a USD-M symbol (position amount and wallet balance)
    private readonly long[] _cash;          // per symbol, its quote units (ticks x lots): sells minus buys minus quote fees
    private readonly double[] _baseFeeLots; // per symbol, base-asset commission of buys, lots
    private long[]? _startLots;
    private decimal _startQuote;

    public AccountComparer(SymbolRegistry symbols)
    {
        _symbols = new SymbolInfo[symbols.Count];
        _futures = new bool[symbols.Count];
        for (int i = 0; i < _symbols.Length; i++)
        {
            _symbols[i] = symbols[i];
            _futures[i] = MarginAccount.IsUsdM(symbols[i]) || InverseContracts.IsInverse(symbols[i]);
        }
        _cash = new long[_symbols.Length];
        _baseFeeLots = new double[_symbols.Length];
    }

    /// <summary>Largest base-position difference taken as agreement, lots (the venue floors fractional lots).</summary>
    public double PositionToleranceLots { get; init; } = 1.0;

    /// <summary>Largest quote-balance difference taken as agreement.</summary>
    public decimal QuoteTolerance { get; init; } = 0.01m;

    /// <summary>True once the start balances are known.</summary>
    public bool HasBaseline => _startLots is not null;

    /// <summary>Books a spot fill's cash (trading thread; no allocation). USD-M fills move the wallet by the ledger's
    /// realised PnL, fees and funding, read at the comparison.</summary>
    public void OnFill(in ExecutionReport r)
    {
        int s = r.SymbolId;
        if ((uint)s >= (uint)_cash.Length || _futures[s]) return;
        long notional = r.LastPriceTicks * r.LastQuantityLots;
        if (r.Side == OrderSide.Buy)
        {
            _cash[s] -= notional;
            if (r.LastPriceTicks > 0) _baseFeeLots[s] += r.Fee / (double)r.LastPriceTicks;
        }
        else
        {
            _cash[s] += notional - r.Fee;
        }
    }

    /// <summary>The comparison (trading thread, or any thread once trading stopped).</summary>
    public ReconcileResult Compare(VenueAccountView view, OrderTracker orders, PositionLedger ledger, IReadOnlySet<string> adopted)
    {
        var unknown = new List<VenueOpenOrder>();
        var diffs = new List<string>();
        var seen = new HashSet<long>();
        var session = orders.Session;
        foreach (var o in view.OpenOrders)
        {
            if (adopted.Contains(o.ClientOrderId)) continue;
            if (!session.TryParse(o.ClientOrderId, out var id) || !orders.TryGet(id, out var tracked))
            {
                unknown.Add(o);
                continue;
            }
            seen.Add(id.Value);
            if (tracked.FilledLots != o.FilledLots)
                diffs.Add(Text($"order {o.ClientOrderId}: filled {o.FilledLots} lots at the venue, {tracked.FilledLots} in the tracker"));
        }
        var ids = new ClientOrderId[orders.Capacity];
        int n = orders.CopyOpenOrders(-1, ids);
        for (int i = 0; i < n; i++)
            if (!seen.Contains(ids[i].Value) && orders.TryGet(ids[i], out var t))
                diffs.Add(Text($"order {session.Format(ids[i])} ({t.Status}): open in the tracker, not at the venue"));

        bool baseline = false;
        if (_startLots is null)
        {
            if (unknown.Count == 0 && diffs.Count == 0) baseline = TakeBaseline(view, ledger);
        }
        else
        {
            CompareBalances(view, ledger, diffs);
        }
        return new ReconcileResult(unknown, diffs, baseline);
    }

    private bool TakeBaseline(VenueAccountView view, PositionLedger ledger)
    {
        var start = new long[_symbols.Length];
        for (int s = 0; s < start.Length && s < view.PositionLots.Length; s++)
            start[s] = view.PositionLots[s] - ledger.Position(s).PositionLots + (long)Math.Round(_baseFeeLots[s]);
        _startQuote = view.QuoteBalance - Cash(ledger);
        _startLots = start;
        return true;
    }

    private void CompareBalances(VenueAccountView view, PositionLedger ledger, List<string> diffs)
    {
        for (int s = 0; s < _symbols.Length; s++)
        {
            long venue = s < view.PositionLots.Length ? view.PositionLots[s] : 0;
            double expected = _startLots![s] + ledger.Position(s).PositionLots - _baseFeeLots[s];
            if (Math.Abs(venue - expected) > PositionToleranceLots)
                diffs.Add(_futures[s]
                    ? Text($"{_symbols[s].Name}: position {venue} lots at the venue, {expected:F0} expected (start {_startLots[s]} + ledger {ledger.Position(s).PositionLots})")
                    : Text($"{_symbols[s].Name}: base {venue} lots at the venue, {expected:F1} expected (start {_startLots[s]} + ledger {ledger.Position(s).PositionLots} - fees {_baseFeeLots[s]:F1})"));
        }
        decimal cash = Cash(ledger);
        decimal quote = _startQuote + cash;
        if (Math.Abs(view.QuoteBalance - quote) > QuoteTolerance)
            diffs.Add(Text($"{(Array.IndexOf(_futures, true) >= 0 ? "wallet" : "quote")} {view.QuoteBalance} at the venue, {quote} expected (start {_startQuote} + fills {cash})"));
    }

    // What the fills moved the quote (spot) or the wallet (USD-M: realised - fees + funding) by since the start.
    private decimal Cash(PositionLedger ledger)
    {
        decimal total = 0;
        for (int s = 0; s < _cash.Length; s++)
        {
            long units = _cash[s];
            if (_futures[s])
            {
                ref readonly var p = ref ledger.Position(s);
                units = p.RealizedPnl - p.Fees + p.Funding;
            }
            total += units / (decimal)FixedPoint.PowerOfTen(SymbolAmounts.DecimalsOf(_symbols[s])); // COIN-M: 10^-10 of the coin
        }
        return total;
    }

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
