namespace HftScalper.Cli.Commands.Run;

/// <summary>What a testnet or live run adds to the summary, measured after the cancel-all at exit.</summary>
internal sealed record LiveOutcome
{
    /// <summary>Open orders of the traded symbols at the venue after the exit cancel-all (a venue query); -1 when the
    /// query failed.</summary>
    public long OpenOrdersAtExit { get; init; }

    /// <summary>True when the venue confirmed at exit that no order is open and every order sent was answered
    /// (<see cref="Live.VenueExit"/>); false makes the run exit 3, never 0.</summary>
    public bool ExitConfirmed { get; init; }

    /// <summary>Cancels sent one by one (by client order id) for orders still open after the exit's cancel-all.</summary>
    public long ExitCancelRetries { get; init; }

    /// <summary>Exit cancel requests the venue refused or did not answer.</summary>
    public long RefusedAtExit { get; init; }

    /// <summary>Client order ids still open at the venue at the end of the exit.</summary>
    public IReadOnlyList<string> OpenOrderIdsAtExit { get; init; } = [];

    /// <summary>Client order ids of our orders still without an answer at the end of the exit.</summary>
    public IReadOnlyList<string> UnansweredAtExit { get; init; } = [];

    /// <summary>Frame received -> order.place bytes written to the venue's socket (the WebSocket API client's samples).</summary>
    public Core.Time.LatencyHistogram? TickToOrder { get; init; }

    /// <summary>Orders the exit cancel-all cancelled.</summary>
    public long CancelledAtExit { get; init; }

    /// <summary>Closing orders sent by <c>--flatten-on-exit</c>.</summary>
    public long FlattenOrders { get; init; }

    /// <summary>Reconciliations run.</summary>
    public long Reconciliations { get; init; }

    /// <summary>Differences found (including unknown open orders).</summary>
    public long ReconcileMismatches { get; init; }

    /// <summary>Unknown open orders cancelled by reconciliation.</summary>
    public long UnknownOrdersCancelled { get; init; }

    /// <summary>Order-session (WebSocket API) reconnects.</summary>
    public long OrderSessionReconnects { get; init; }

    /// <summary>Requests whose outcome was unknown (resolved by query).</summary>
    public long UnknownOutcomes { get; init; }

    /// <summary>Requests the venue refused.</summary>
    public long VenueRejects { get; init; }

    /// <summary>The client order id prefix of this run.</summary>
    public string SessionPrefix { get; init; } = "";

    /// <summary>Server clock offset at exit, ms.</summary>
    public long ClockOffsetMs { get; init; }

    /// <summary>Why the run stopped early (kill switch), or null.</summary>
    public string? StoppedBy { get; init; }
}
