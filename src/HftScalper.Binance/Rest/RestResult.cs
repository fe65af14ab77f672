namespace HftScalper.Binance.Rest;

/// <summary>
/// The result of a REST call: the <see cref="Outcome"/>, the typed <see cref="Value"/> when <see cref="RestOutcome.Ok"/>,
/// and otherwise the HTTP status plus Binance's error <see cref="Code"/> and <see cref="Message"/> (<c>msg</c>) or our
/// own reason (code 0).
/// </summary>
/// <typeparam name="T">The response DTO.</typeparam>
public readonly record struct RestResult<T>(RestOutcome Outcome, T? Value, int HttpStatus, int Code, string? Message)
{
    /// <summary>True when the call succeeded and <see cref="Value"/> is set.</summary>
    public bool IsOk => Outcome == RestOutcome.Ok;

    /// <summary>How long the limiter asks to wait (rate limit, 429 or 418), when that was the reason.</summary>
    public TimeSpan RetryAfter { get; init; }

    /// <summary>True when a <c>-1021</c> made the client re-sync the clock and send the request once more.</summary>
    public bool Resynced { get; init; }

    /// <summary>The same failure carried as a result of another type.</summary>
    public RestResult<TOther> As<TOther>() =>
        new(Outcome, default, HttpStatus, Code, Message) { RetryAfter = RetryAfter, Resynced = Resynced };

    /// <inheritdoc />
    public override string ToString() => Outcome == RestOutcome.Ok
        ? $"Ok({Value})"
        : $"{Outcome}(http={HttpStatus}, code={Code}, msg={Core.Security.SecretRedactor.Redact(Message)})";
}
