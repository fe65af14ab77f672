using HftScalper.Binance.Rules;
using HftScalper.Binance.UserData;
using HftScalper.Core.Numerics;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;

namespace HftScalper.Live;

/// <summary>
/// A gateway's traded symbols by registry id: their exchangeInfo rules and assets (a symbol without filters refuses
/// every order), the reference prices the strategy side sets, the pre-send check and the fee valuation.
/// </summary>
internal sealed class VenueSymbols
{
    private readonly ExchangeOrderFilter _filter;
    private readonly long[] _reference;
    private readonly long[] _contractSize; // COIN-M contractSize (USD) per symbol; 0 = linear

    /// <summary>The registry's symbols (ids below its count when the gateway was made).</summary>
    public SymbolInfo[] Info { get; }

    /// <summary>Each symbol's quote asset (the margin asset on USD-M), null without filters.</summary>
    public string?[] QuoteAsset { get; }

    /// <summary>Each symbol's base asset, null without filters.</summary>
    public string?[] BaseAsset { get; }

    /// <summary>The ids of the symbols with filters (the traded ones) by venue name, in id order.</summary>
    public Dictionary<string, int> Ids { get; } = new(StringComparer.Ordinal);

    /// <summary>The first traded symbol's margin asset (exchangeInfo <c>marginAsset</c>: USD-M USDT, COIN-M the coin), else
    /// its quote asset (spot), or null.</summary>
    public string? MarginAsset { get; }

    public VenueSymbols(SymbolRegistry symbols, IReadOnlyDictionary<string, SymbolFilters> filters)
    {
        int n = symbols.Count;
        Info = new SymbolInfo[n];
        _filter = new ExchangeOrderFilter(symbols, filters);
        QuoteAsset = new string?[n];
        BaseAsset = new string?[n];
        _reference = new long[n];
        _contractSize = new long[n];
        for (int i = 0; i < n; i++)
        {
            Info[i] = symbols[i];
            if (!filters.TryGetValue(symbols[i].Name, out var f)) continue;
            QuoteAsset[i] = f.QuoteAsset;
            BaseAsset[i] = f.BaseAsset;
            Ids[symbols[i].Name] = i;
            MarginAsset ??= f.MarginAsset.Length > 0 ? f.MarginAsset : f.QuoteAsset;
            _contractSize[i] = f.ContractSize;
        }
    }

    /// <summary>How many symbols (ids below).</summary>
    public int Count => Info.Length;

    /// <summary>A symbol's reference price in ticks (0 = unknown: the percent-price band is not checked).</summary>
    public void SetReferencePrice(int symbolId, long priceTicks)
    {
        if ((uint)symbolId < (uint)_reference.Length) Volatile.Write(ref _reference[symbolId], priceTicks);
    }

    /// <summary>The order against its symbol's exchangeInfo filters (<see cref="ExchangeOrderFilter"/>; strategy thread;
    /// allocates nothing): <see cref="ExecutionReason.None"/> when it may leave.</summary>
    public ExecutionReason Check(in OrderRequest r)
    {
        int s = r.SymbolId;
        if ((uint)s >= (uint)_reference.Length || !r.ClientOrderId.IsValid || r.Side == Trading.Execution.OrderSide.None || r.Type == OrderType.None)
            return ExecutionReason.InvalidOrder;
        return _filter.Check(in r, Volatile.Read(ref _reference[s]));
    }

    /// <summary>Why <see cref="Check"/> refused <paramref name="r"/>, for its log line: the filter broken and the reference
    /// price the band was centred on (allocates: the refusal's slow path only).</summary>
    public string Explain(in OrderRequest r)
    {
        long reference = (uint)r.SymbolId < (uint)_reference.Length ? Volatile.Read(ref _reference[r.SymbolId]) : 0;
        string filter = _filter.Filter(in r, reference) switch
        {
            null => "no exchangeInfo filters for the symbol",
            OrderCheck.Ok => "not a valid request (client order id, side or type)",
            OrderCheck check => check.ToString(),
        };
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{filter}, reference price {(reference > 0 ? reference + " ticks" : "unknown (band not checked)")}");
    }

    /// <summary>
    /// A fill's commission in the symbol's amount units: on COIN-M (exchangeInfo gave a contract size) paid in the coin,
    /// exact in 10^-<see cref="InverseContracts.AmountDecimals"/> of it; else quote units (ticks x lots): exact when paid in
    /// the quote asset (USD-M always charges the margin asset); paid in the base asset (spot) it is valued at the fill price (the base balance is
    /// then lower than the ledger's position by the fee); other assets (BNB) are not valued here (0).
    /// </summary>
    public long FeeOf(int symbolId, OrderUpdate u)
    {
        if (u.Commission == 0 || u.CommissionAsset is null) return 0;
        var sym = Info[symbolId];
        long amountScale = FixedPoint.PowerOfTen(UserDataEvent.AmountDecimals);
        // COIN-M charges the coin (the symbol's base and margin asset): the ledger's inverse amounts are 10^-10 of it.
        if (_contractSize[symbolId] > 0 && u.CommissionAsset == BaseAsset[symbolId])
            return (long)((Int128)u.Commission * FixedPoint.PowerOfTen(InverseContracts.AmountDecimals) / amountScale);
        if (u.CommissionAsset == QuoteAsset[symbolId])
            return (long)((Int128)u.Commission * FixedPoint.PowerOfTen(sym.PriceDecimals + sym.QuantityDecimals) / amountScale);
        if (u.CommissionAsset == BaseAsset[symbolId])
            return (long)((Int128)u.Commission * u.LastPrice * FixedPoint.PowerOfTen(sym.QuantityDecimals) / amountScale);
        return 0;
    }
}
