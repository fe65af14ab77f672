namespace HftScalper.Live;

/// <summary>What a <see cref="VenueExit"/> confirmed, and what it could not.</summary>
public sealed record VenueExitResult
{
    /// <summary>True only when the venue's last open-orders query answered with none and every order we sent has its
    /// answer. False means the run must not report success.</summary>
    public bool Confirmed { get; init; }

    /// <summary>Orders the cancel-all cancelled.</summary>
    public int CancelledByCancelAll { get; init; }

    /// <summary>Cancels sent one by one (by client order id) for orders still open after the cancel-all.</summary>
    public int CancelRetries { get; init; }

    /// <summary>Cancel requests (cancel-all or one by one) the venue refused or did not answer.</summary>
    public int Refused { get; init; }

    /// <summary>Open orders in the venue's last answer (-1 when no open-orders query was answered).</summary>
    public long OpenAtExit { get; init; }

    /// <summary>Client order ids still open at the venue at the end.</summary>
    public IReadOnlyList<string> OpenOrderIds { get; init; } = [];

    /// <summary>Client order ids of our orders still without an answer at the end.</summary>
    public IReadOnlyList<string> UnansweredIds { get; init; } = [];
}
