using HftScalper.Binance.Limits;

namespace HftScalper.Binance.Rules;

/// <summary>A parsed <c>exchangeInfo</c> answer: rate limits and every symbol's filters.</summary>
/// <param name="ServerTimeMs"><c>serverTime</c> (Unix ms).</param>
/// <param name="RateLimits">The <c>rateLimits</c> block.</param>
/// <param name="Symbols">Filters by upper-case symbol.</param>
public sealed record ExchangeInfo(long ServerTimeMs, IReadOnlyList<RateLimitRule> RateLimits, IReadOnlyDictionary<string, SymbolFilters> Symbols);
