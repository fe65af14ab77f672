namespace HftScalper.FakeExchange.Orders;

// Linear (USD-M) and inverse (COIN-M) contract arithmetic of the futures account, in the margin asset:
// value = qty x price (USD-M) or qty x contractSize / price (COIN-M, the coin); PnL of a long from E to X =
// qty x (X - E) or qty x size x (1/E - 1/X).
public sealed partial class OrderEngine
{
    /// <summary>COIN-M (inverse contracts margined in the coin) rather than USD-M.</summary>
    public bool CoinM => _options.Futures && _options.CoinM;

    private static long ContractSizeOf(FakeExchangeOptions options, string symbol)
    {
        if (!(options.Futures && options.CoinM)) return 0;
        foreach (var (name, size) in options.ContractSizes)
            if (string.Equals(name, symbol, StringComparison.OrdinalIgnoreCase)) return size;
        return symbol.StartsWith("BTCUSD", StringComparison.OrdinalIgnoreCase) ? 100 : 10;
    }

    // Value of |qty| at price in the margin asset.
    private decimal ValueOf(SymbolRules rules, decimal qty, decimal price) =>
        qty == 0 ? 0 : rules.ContractSize > 0 ? (price == 0 ? 0 : Math.Abs(qty) * rules.ContractSize / price) : Math.Abs(qty) * price;

    // PnL of a signed quantity (long > 0) entered at entry and valued at exit, in the margin asset.
    private static decimal PnlOf(SymbolRules rules, decimal signedQty, decimal entry, decimal exit)
    {
        if (signedQty == 0 || entry == 0 || exit == 0) return 0;
        return rules.ContractSize > 0 ? signedQty * rules.ContractSize * (1 / entry - 1 / exit) : signedQty * (exit - entry);
    }

    // The average entry after adding to a position: arithmetic in the price (linear), harmonic (inverse: in 1/price).
    private static decimal AverageEntry(SymbolRules rules, decimal held, decimal entry, decimal added, decimal price) =>
        rules.ContractSize > 0 && entry > 0
            ? (Math.Abs(held) + Math.Abs(added)) / (Math.Abs(held) / entry + Math.Abs(added) / price)
            : (entry * Math.Abs(held) + price * Math.Abs(added)) / Math.Abs(held + added);

    // Initial margin of the open orders and positions (leverage from the options).
    private decimal UsedMargin() =>
        (_orders.Values.Where(o => o.IsOpen).Sum(o => ValueOf(_rules[o.Symbol], o.Remaining, o.Price))
         + _positions.Sum(kv => ValueOf(_rules[kv.Key], kv.Value.Amount, kv.Value.Entry))) / _options.Leverage;
}
