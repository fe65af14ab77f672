namespace HftScalper.Binance.Rest;

/// <summary>What a REST call did, as far as we can know. Order entry acts on it: only <see cref="Unknown"/> needs
/// reconciliation (by query or the user data stream), never a blind resend.</summary>
public enum RestOutcome : byte
{
    /// <summary>2XX and the body parsed.</summary>
    Ok = 0,

    /// <summary>The exchange answered an error (4XX with <c>code</c>/<c>msg</c>, 429, 418): the request was not executed.</summary>
    Rejected = 1,

    /// <summary>The request may or may not have been executed: timeout, 5XX, <c>-1006</c>/<c>-1007</c>, a broken
    /// connection after sending, or a 2XX whose body could not be read.</summary>
    Unknown = 2,

    /// <summary>Refused locally before anything left: rate limit or ban, clock out of bounds, no keys, connection
    /// not established.</summary>
    NotSent = 3,
}
