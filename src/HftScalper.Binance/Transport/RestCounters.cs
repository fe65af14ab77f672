namespace HftScalper.Binance.Transport;

/// <summary>Counters of a <see cref="DepthSnapshotClient"/> (plain fields read with Volatile).</summary>
public sealed class RestCounters
{
    internal long RequestsField;
    internal long SucceededField;
    internal long RateLimitedField;
    internal long BannedField;
    internal long FailedField;
    internal long OversizedField;

    /// <summary>Requests sent.</summary>
    public long Requests => Volatile.Read(ref RequestsField);

    /// <summary>Requests answered 200 with a body.</summary>
    public long Succeeded => Volatile.Read(ref SucceededField);

    /// <summary>Answers 429 (rate limited; Retry-After honoured).</summary>
    public long RateLimited => Volatile.Read(ref RateLimitedField);

    /// <summary>Answers 418 (IP banned; Retry-After honoured).</summary>
    public long Banned => Volatile.Read(ref BannedField);

    /// <summary>Other failures (network errors, 5xx, other 4xx, oversized bodies).</summary>
    public long Failed => Volatile.Read(ref FailedField);

    /// <summary>Answers whose body exceeded the client's size cap (dropped unread, counted in <see cref="Failed"/> too).</summary>
    public long Oversized => Volatile.Read(ref OversizedField);
}
