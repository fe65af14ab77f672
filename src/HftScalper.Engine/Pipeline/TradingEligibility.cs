using System.Runtime.CompilerServices;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// Which symbols a run's trading desk trades, decided once when trading starts, and why the others are not. The paper
/// account holds one asset (<see cref="TradingOptions.AccountAsset"/>, USDT): a symbol quoted in another asset (ETHBTC
/// in BTC, BTCFDUSD in FDUSD) would add amounts of that asset to the account's equity and check them against its limits,
/// so it is not traded, per symbol (the others still are), unless its quote asset is declared pegged to the account's
/// (<see cref="TradingOptions.PeggedQuotes"/>: amounts 1:1). Whole-run reasons (COIN-M inverse contracts, a refusal the
/// command made, scales too fine for the account) disable every symbol. Symbols registered later are not traded either
/// (ids at or above <see cref="Count"/>). Its decisions are scored all the same.
/// </summary>
internal sealed class TradingEligibility
{
    private readonly bool[] _traded;
    private readonly string?[] _reasons;

    private TradingEligibility(bool[] traded, string?[] reasons, string? disabled)
    {
        _traded = traded;
        _reasons = reasons;
        RunDisabled = disabled;
    }

    /// <summary>Why no symbol is traded in this run (null when at least one is).</summary>
    public string? RunDisabled { get; }

    /// <summary>Symbols registered when trading started (ids below).</summary>
    public int Count => _traded.Length;

    /// <summary>Whether the desk trades symbol <paramref name="id"/> (false for one registered after the start).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsTraded(int id) => (uint)id < (uint)_traded.Length && _traded[id];

    /// <summary>Why symbol <paramref name="id"/> is not traded (null when it is).</summary>
    public string? Reason(int id) =>
        (uint)id >= (uint)_reasons.Length ? LateReason : _traded[id] ? null : _reasons[id] ?? RunDisabledReason;

    /// <summary>The reason of a symbol first seen after trading started.</summary>
    public const string LateReason = "appeared after trading started (the desk trades the symbols registered at the first event)";

    /// <summary>The reason of every symbol of a run whose trading is disabled.</summary>
    public const string RunDisabledReason = "trading is disabled for the whole run (see tradingDisabled)";

    /// <summary>Decides for the symbols registered now, under <paramref name="options"/> (its account asset, pegs, and
    /// <see cref="TradingOptions.Refused"/>: a whole-run refusal the command made, e.g. a venue whose fees are not known).</summary>
    public static TradingEligibility Decide(SymbolRegistry symbols, TradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(options);
        var all = symbols.All;
        int n = all.Count;
        var traded = new bool[n];
        var reasons = new string?[n];
        var inverse = all.Where(InverseContracts.IsInverse).Select(x => x.Name).ToList();
        if (inverse.Count > 0)
            return new(traded, reasons, $"{string.Join(", ", inverse)}: COIN-M inverse contracts (quantity in contracts of a fixed USD value, PnL in the coin) are not "
                + "modelled by the ledger and the paper venue, whose linear notional, fees and PnL would be wrong; nothing is traded in this run "
                + "(decisions are scored, not traded)");
        if (options.Refused is { } refused) return new(traded, reasons, refused);

        for (int i = 0; i < n; i++)
        {
            reasons[i] = QuoteReason(all[i], options);
            traded[i] = reasons[i] is null;
        }
        if (n > 0 && !traded.Contains(true))
            return new(new bool[n], reasons, $"no symbol is quoted in the account's {options.AccountAsset} ({string.Join("; ", all.Select(s => $"{s.Name}: {reasons[s.Id]}"))}); "
                + "nothing is traded in this run (decisions are scored, not traded)");

        if (!TradingDesk.TryAccountUnits(symbols, options.InitialEquity, out _, out int decimals))
        {
            // Generic 8/8 scales (a symbol whose exchange filters are unknown) make quote units too fine for 64-bit
            // account totals: fail closed, nothing is traded, and the run says so (JSON key tradingDisabled).
            // The finest symbols say why: generic scales (filters unknown), or known scales too fine for this equity.
            var fine = all.Where(x => x.PriceDecimals + x.QuantityDecimals == decimals).ToList();
            var generic = fine.Where(x => x.HasGenericScales).Select(x => x.Name).ToList();
            var known = fine.Where(x => !generic.Contains(x.Name)).Select(x => $"{x.Name} ({x.PriceDecimals} price + {x.QuantityDecimals} quantity decimals)").ToList();
            return new(new bool[n], reasons, (generic.Count > 0 ? $"no exchange filters (tick, lot, minimum notional) known for {string.Join(", ", generic)} (generic 10^-8 scales)" : "")
                + (generic.Count > 0 && known.Count > 0 ? "; " : "") + (known.Count > 0 ? $"scales too fine for {string.Join(", ", known)}" : "")
                + $": {decimals} decimals of the quote asset, too fine for an equity of {options.InitialEquity} in 64-bit account units; nothing is traded "
                + "in this run (decisions are scored, not traded)");
        }
        return new(traded, reasons, null);
    }

    // Null when the symbol's amounts are account amounts: quoted in the account's asset, in one declared pegged to it, or
    // from a source that states no quote asset (a generic single-instrument source: its prices are the account's currency).
    private static string? QuoteReason(SymbolInfo s, TradingOptions options)
    {
        string account = options.AccountAsset;
        if (s.QuoteAsset is not { } quote || string.Equals(quote, account, StringComparison.OrdinalIgnoreCase)
            || options.PeggedQuotes.Contains(quote, StringComparer.OrdinalIgnoreCase))
            return null;
        if (quote == SymbolInfo.UnknownQuote)
            return $"quote asset unknown (its name ends in no Binance quote asset), so its amounts cannot be taken as the account's {account}; "
                + "not traded (its decisions are scored)";
        return $"quoted in {quote}, not the account's {account}: its prices, fees and PnL are {quote} amounts, which would be added to {account} "
            + $"equity; not traded (its decisions are scored; a stablecoin pegged 1:1 to {account} can be declared in peggedQuotes)";
    }
}
