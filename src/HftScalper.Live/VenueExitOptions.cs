namespace HftScalper.Live;

/// <summary>Bounds of a <see cref="VenueExit"/>.</summary>
public sealed record VenueExitOptions
{
    /// <summary>The whole exit stops here, whatever it has not confirmed (then it reports those orders, never success).</summary>
    public TimeSpan Limit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for the answers of orders in flight before asking the venue about them.</summary>
    public TimeSpan AnswerWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The venue's recvWindow: an order it does not know may still arrive until this has passed since it was sent.</summary>
    public TimeSpan ArrivalWindow { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Rounds of "query open orders, cancel each by client order id" after the cancel-all.</summary>
    public int CancelRounds { get; init; } = 5;

    /// <summary>Pause between polls and between rounds.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>One line per step and per problem, or null.</summary>
    public Action<string>? Log { get; init; }
}
