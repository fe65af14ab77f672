using HftScalper.Binance.Time;
using HftScalper.Live;
using HftScalper.Trading.Execution;

namespace HftScalper.Cli.Commands.Run;

/// <summary>
/// The connections of one market's venue in a testnet or live run, as <see cref="LiveTradingSession"/> needs them: the
/// venue's gateway factory (an <see cref="ILiveVenue"/> maker), the server clock, the exit query of open orders, and the
/// market's own hooks (USD-M: the dead-man switch armed once the gateway exists, disarmed after the exit cancel-all).
/// <see cref="SpotVenueLink"/> and <see cref="FuturesVenueLink"/> are the two; the session picks one by market.
/// </summary>
internal abstract class LiveVenueLink : IAsyncDisposable
{
    /// <summary>The venue's gateway factory (wrapped by <see cref="LiveDeskFactory"/>).</summary>
    public abstract IExecutionGatewayFactory Venue { get; }

    /// <summary>The server clock offset (signed requests; the clock gate).</summary>
    public abstract ServerTimeSync Time { get; }

    /// <summary>Reconnects of the order session (and, USD-M, of the user data stream).</summary>
    public abstract long Reconnects { get; }

    /// <summary>Frame received -> order bytes written to the venue's socket.</summary>
    public abstract Core.Time.LatencyHistogram TickToOrder { get; }

    /// <summary>Keeps the server clock offset fresh until <paramref name="ct"/> (a no-op where the connection does it).</summary>
    public abstract Task RunClockAsync(CancellationToken ct);

    /// <summary>Called once, on the control task, when the desk has made its gateway.</summary>
    public virtual Task OnGatewayAsync(ILiveVenue venue, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Called at exit after the last cancel-all (USD-M: disarm the dead-man switch).</summary>
    public virtual Task AfterCancelAllAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Open orders of <paramref name="symbols"/> at the venue now, by a direct query; -1 when it failed (logged by the caller).</summary>
    public abstract Task<(long Count, string? Error)> OpenOrdersAsync(IReadOnlyList<string> symbols, CancellationToken ct);

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();
}
