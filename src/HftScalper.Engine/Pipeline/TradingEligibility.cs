using System.Runtime.CompilerServices;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Ledger;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// Which symbols a run's trading desk trades, decided once when trading starts, and why the others are not. The paper
/// account holds one asset (<see cref="AccountAsset"/>: <see cref="TradingOptions.AccountAsset"/> when configured, else
/// USDT, or the margin coin of the first symbol when every symbol is a COIN-M inverse contract): a symbol whose amounts
/// are another asset's (ETHBTC quoted in BTC, BTCFDUSD in FDUSD, ETHUSD_PERP margined in ETH in a BTC account) would add
/// them to the account's equity and check them against its limits, so it is not traded, per symbol (the others still
/// are), unless its quote asset is declared pegged to the account's (<see cref="TradingOptions.PeggedQuotes"/>: amounts
/// 1:1; never a coin margin). Coins are never added together: a COIN-M run of several coins trades the contracts of the
/// account's coin and names the others. A symbol the command refuses (<see cref="TradingOptions.RefusedSymbols"/>: its
/// exchange filters could not be read) is not traded, with the command's reason. Whole-run reasons (a refusal the command made, no symbol in the account's asset,
/// traded symbols' scales too fine for the account) disable every symbol. Symbols registered later are not traded either
/// (ids at or above <see cref="Count"/>). Its decisions are scored all the same.
/// </summary>
internal sealed class TradingEligibility
{
    private readonly bool[] _traded;
    private readonly string?[] _reasons;

    private TradingEligibility(bool[] traded, string?[] reasons, string? disabled, string account)
    {
        _traded = traded;
        _reasons = reasons;
        RunDisabled = disabled;
        AccountAsset = account;
    }

    /// <summary>The asset the account holds: its equity, fees, PnL and limits are amounts of it.</summary>
    public string AccountAsset { get; }

    /// <summary>Which symbols are traded, by id (the desk's <see cref="TradingDeskOptions.Traded"/>).</summary>
    public IReadOnlyList<bool> Traded => _traded;

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
    public const string LateReason = "appeared after trading started (the desk trades the symbols registered when the first event was published)";

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
        string account = ResolveAccountAsset(all, options.AccountAsset);
        if (options.Refused is { } refused) return new(traded, reasons, refused, account);

        for (int i = 0; i < n; i++)
        {
            reasons[i] = options.RefusedSymbols.TryGetValue(all[i].Name, out var refusedSymbol) ? refusedSymbol : SettlementReason(all[i], options, account);
            traded[i] = reasons[i] is null;
        }
        if (n > 0 && !traded.Contains(true))
            return new(new bool[n], reasons, $"no symbol is {(options.RefusedSymbols.Count > 0 ? "tradable" : $"quoted in the account's {account}")} ({string.Join("; ", all.Select(s => $"{s.Name}: {reasons[s.Id]}"))}); "
                + "nothing is traded in this run (decisions are scored, not traded)", account);

        // Only the traded symbols' scales count: an untraded symbol of very fine scales takes no part in the account.
        if (!TradingDesk.TryAccountUnits(symbols, options.InitialEquity, out _, out int decimals, traded))
        {
            // Generic 8/8 scales (a symbol whose exchange filters are unknown) make quote units too fine for 64-bit
            // account totals: fail closed, nothing is traded, and the run says so (JSON key tradingDisabled).
            // The finest symbols say why: generic scales (filters unknown), or known scales too fine for this equity.
            var fine = all.Where(x => traded[x.Id] && SymbolAmounts.DecimalsOf(x) == decimals).ToList();
            var generic = fine.Where(x => x.HasGenericScales).Select(x => x.Name).ToList();
            var known = fine.Where(x => !generic.Contains(x.Name)).Select(x => $"{x.Name} ({x.PriceDecimals} price + {x.QuantityDecimals} quantity decimals)").ToList();
            return new(new bool[n], reasons, (generic.Count > 0 ? $"no exchange filters (tick, lot, minimum notional) known for {string.Join(", ", generic)} (generic 10^-8 scales)" : "")
                + (generic.Count > 0 && known.Count > 0 ? "; " : "") + (known.Count > 0 ? $"scales too fine for {string.Join(", ", known)}" : "")
                + $": {decimals} decimals of the account's {account}, too fine for an equity of {options.InitialEquity} in 64-bit account units; nothing is traded "
                + "in this run (decisions are scored, not traded)", account);
        }
        return new(traded, reasons, null, account);
    }

    /// <summary>The account asset of a run of <paramref name="symbols"/>: <paramref name="configured"/> when set (upper
    /// case), else USDT, unless every symbol is a COIN-M inverse contract: then the margin coin of the first (when its
    /// name says it).</summary>
    public static string ResolveAccountAsset(IReadOnlyList<SymbolInfo> symbols, string? configured)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        if (!string.IsNullOrWhiteSpace(configured)) return configured.Trim().ToUpperInvariant();
        string coin = symbols.Count > 0 && symbols.All(InverseContracts.IsInverse) ? InverseContracts.MarginAsset(symbols[0].Name) : SymbolInfo.UnknownQuote;
        return coin == SymbolInfo.UnknownQuote ? TradingOptions.DefaultAccountAsset : coin;
    }

    // Null when the symbol's amounts are account amounts: quoted (linear) or margined (inverse) in the account's asset, a
    // quote declared pegged to it, or from a source that states no quote asset (a generic single-instrument source: its
    // prices are the account's currency).
    private static string? SettlementReason(SymbolInfo s, TradingOptions options, string account)
    {
        if (InverseContracts.IsInverse(s))
        {
            string coin = InverseContracts.MarginAsset(s.Name);
            if (string.Equals(coin, account, StringComparison.OrdinalIgnoreCase)) return null;
            if (coin == SymbolInfo.UnknownQuote)
                return $"COIN-M contract whose margin coin its name does not say (no pair ending in USD); not traded (its decisions are scored)";
            return $"COIN-M inverse contract margined in {coin}, not the account's {account}: its margin, fees and PnL are {coin} amounts, and one "
                + $"account holds one asset (coins are never added together); not traded (its decisions are scored; accountAsset {coin} trades it)";
        }
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
