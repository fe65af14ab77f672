namespace HftScalper.Binance.Limits;

/// <summary>
/// One <c>rateLimits</c> entry of <c>exchangeInfo</c>, e.g.
/// <c>{"rateLimitType":"ORDERS","interval":"SECOND","intervalNum":10,"limit":50}</c>.
/// </summary>
/// <param name="Type">What is counted.</param>
/// <param name="IntervalLetter">The interval's unit as the header suffix writes it: S, M, H or D.</param>
/// <param name="IntervalNum">How many units one window spans.</param>
/// <param name="Limit">Most allowed per window.</param>
public sealed record RateLimitRule(RateLimitType Type, char IntervalLetter, int IntervalNum, int Limit)
{
    /// <summary>The window length.</summary>
    public TimeSpan Window => IntervalLetter switch
    {
        'S' => TimeSpan.FromSeconds(IntervalNum),
        'M' => TimeSpan.FromMinutes(IntervalNum),
        'H' => TimeSpan.FromHours(IntervalNum),
        _ => TimeSpan.FromDays(IntervalNum),
    };

    /// <summary>The suffix of the response header that reports this window's count, e.g. <c>1M</c>, <c>10S</c>, <c>1D</c>.</summary>
    public string HeaderSuffix => IntervalNum.ToString(System.Globalization.CultureInfo.InvariantCulture) + IntervalLetter;

    /// <summary>Maps Binance's interval name (<c>SECOND</c>, <c>MINUTE</c>, <c>HOUR</c>, <c>DAY</c>) to its letter, or '\0'.</summary>
    public static char LetterOf(string interval) => interval switch
    {
        "SECOND" => 'S',
        "MINUTE" => 'M',
        "HOUR" => 'H',
        "DAY" => 'D',
        _ => '\0',
    };
}
