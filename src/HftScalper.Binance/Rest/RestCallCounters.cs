namespace HftScalper.Binance.Rest;

/// <summary>Counters of a <see cref="BinanceRestClient"/> (plain fields read with Volatile).</summary>
public sealed class RestCallCounters
{
    internal long SentField;
    internal long OkField;
    internal long RejectedField;
    internal long UnknownField;
    internal long NotSentField;
    internal long RateLimitedField;
    internal long BannedField;
    internal long ClockRejectsField;

    /// <summary>Requests that left.</summary>
    public long Sent => Volatile.Read(ref SentField);

    /// <summary>Answered 2XX and parsed.</summary>
    public long Ok => Volatile.Read(ref OkField);

    /// <summary>Rejected by the exchange.</summary>
    public long Rejected => Volatile.Read(ref RejectedField);

    /// <summary>Outcome unknown (timeout, 5XX, -1006/-1007, unreadable 2XX).</summary>
    public long Unknown => Volatile.Read(ref UnknownField);

    /// <summary>Refused locally.</summary>
    public long NotSent => Volatile.Read(ref NotSentField);

    /// <summary>429 answers.</summary>
    public long RateLimited => Volatile.Read(ref RateLimitedField);

    /// <summary>418 answers.</summary>
    public long Banned => Volatile.Read(ref BannedField);

    /// <summary><c>-1021</c> answers (timestamp outside recvWindow).</summary>
    public long ClockRejects => Volatile.Read(ref ClockRejectsField);
}
