using System.Globalization;
using HftScalper.Core.Numerics;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Ledger;

namespace HftScalper.Live;

/// <summary>
/// Compares a <see cref="VenueAccountView"/> with the order tracker, the ledger and the cash the fills moved, on the
/// trading thread (the owner of the tracker and the ledger). The first comparison with nothing open on either side
/// takes the start balances (the account holds assets before the run; the ledger starts flat): later ones expect
/// <c>venue base = start + ledger position - base-asset fees</c> and <c>venue quote = start + cash of the fills</c>.
/// </summary>
/// <remarks>Fees follow Binance's default: a buy pays its commission in the base asset (the report's fee, valued at the
/// fill price, is converted back to lots), a sell in the quote asset. Fees paid in a third asset (BNB) change neither.</remarks>
internal sealed class AccountComparer
{
    private readonly SymbolInfo[] _symbols;
    private readonly long[] _cash;          // per symbol, its quote units (ticks x lots): sells minus buys minus quote fees
    private readonly double[] _baseFeeLots; // per symbol, base-asset commission of buys, lots
    private long[]? _startLots;
    private decimal _startQuote;

    public AccountComparer(SymbolRegistry symbols)
    {
        _symbols = new SymbolInfo[symbols.Count];
        for (int i = 0; i < _symbols.Length; i++) _symbols[i] = symbols[i];
        _cash = new long[_symbols.Length];
        _baseFeeLots = new double[_symbols.Length];
    }

    /// <summary>Largest base-position difference taken as agreement, lots (the venue floors fractional lots).</summary>
    public double PositionToleranceLots { get; init; } = 1.0;

    /// <summary>Largest quote-balance difference taken as agreement.</summary>
    public decimal QuoteTolerance { get; init; } = 0.01m;

    /// <summary>True once the start balances are known.</summary>
    public bool HasBaseline => _startLots is not null;

    /// <summary>Books a fill's cash (trading thread; no allocation).</summary>
    public void OnFill(in ExecutionReport r)
    {
        int s = r.SymbolId;
        if ((uint)s >= (uint)_cash.Length) return;
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
        _startQuote = view.QuoteBalance - Cash();
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
                diffs.Add(Text($"{_symbols[s].Name}: base {venue} lots at the venue, {expected:F1} expected (start {_startLots[s]} + ledger {ledger.Position(s).PositionLots} - fees {_baseFeeLots[s]:F1})"));
        }
        decimal quote = _startQuote + Cash();
        if (Math.Abs(view.QuoteBalance - quote) > QuoteTolerance)
            diffs.Add(Text($"quote {view.QuoteBalance} at the venue, {quote} expected (start {_startQuote} + fills {Cash()})"));
    }

    private decimal Cash()
    {
        decimal total = 0;
        for (int s = 0; s < _cash.Length; s++)
            total += _cash[s] / (decimal)FixedPoint.PowerOfTen(_symbols[s].PriceDecimals + _symbols[s].QuantityDecimals);
        return total;
    }

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
