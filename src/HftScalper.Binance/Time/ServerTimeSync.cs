namespace HftScalper.Binance.Time;

/// <summary>
/// Tracks the offset between the exchange's clock and ours, measured from the server-time endpoint
/// (<c>GET /api/v3/time</c>, <c>GET /fapi/v1/time</c>): each sample is
/// <c>offset = serverTime - (sent + received) / 2</c>; a measurement takes <see cref="ServerTimeSyncOptions.Samples"/>
/// samples and keeps the median. <see cref="TimestampMs"/> (local + offset) is what signed requests send as
/// <c>timestamp</c>. <see cref="State"/> tells trading whether that can be trusted (fail closed otherwise).
/// </summary>
/// <remarks>Thread-safe: readers see the last published measurement (one immutable snapshot swapped atomically).</remarks>
public sealed class ServerTimeSync
{
    private readonly TimeProvider _time;
    private Snapshot? _last;
    private long _measurements;
    private long _failures;
    private long _resyncs;

    /// <summary>Creates a tracker (no measurement yet: <see cref="ClockSyncState.Unsynced"/>).</summary>
    public ServerTimeSync(ServerTimeSyncOptions? options = null, TimeProvider? time = null)
    {
        Options = options ?? new ServerTimeSyncOptions();
        Options.Validate();
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The settings.</summary>
    public ServerTimeSyncOptions Options { get; }

    /// <summary>Server minus local clock in ms, as last measured (0 before the first measurement).</summary>
    public long OffsetMs => Volatile.Read(ref _last)?.OffsetMs ?? 0;

    /// <summary>Round trip of the median sample of the last measurement, in ms.</summary>
    public long RoundTripMs => Volatile.Read(ref _last)?.RoundTripMs ?? 0;

    /// <summary>When the last measurement succeeded (local clock), or null.</summary>
    public DateTimeOffset? LastSyncedAt => Volatile.Read(ref _last)?.At;

    /// <summary>Successful measurements so far.</summary>
    public long Measurements => Interlocked.Read(ref _measurements);

    /// <summary>Measurements that failed (no sample answered).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Re-syncs triggered by a <c>-1021</c> rejection.</summary>
    public long ResyncsAfterRejection => Interlocked.Read(ref _resyncs);

    /// <summary>The state trading must check before sending an order.</summary>
    public ClockSyncState State
    {
        get
        {
            var last = Volatile.Read(ref _last);
            if (last is null) return ClockSyncState.Unsynced;
            if (Math.Abs(last.OffsetMs) > Options.MaxAbsOffsetMs || last.RoundTripMs > Options.MaxRoundTripMs)
                return ClockSyncState.OutOfBounds;
            if (_time.GetUtcNow() - last.At > Options.MaxAge) return ClockSyncState.Stale;
            return ClockSyncState.Synced;
        }
    }

    /// <summary>True when <see cref="State"/> is <see cref="ClockSyncState.Synced"/>.</summary>
    public bool IsSynced => State == ClockSyncState.Synced;

    /// <summary>Local wall-clock now in Unix ms.</summary>
    public long LocalNowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The <c>timestamp</c> for a signed request: local now + offset, in Unix ms.</summary>
    public long TimestampMs() => LocalNowMs + OffsetMs;

    /// <summary>
    /// Measures the offset: calls <paramref name="fetchServerTimeMs"/> <see cref="ServerTimeSyncOptions.Samples"/>
    /// times and publishes the median sample. Failed samples are skipped; when none succeeds the previous
    /// measurement stays and false is returned.
    /// </summary>
    /// <param name="fetchServerTimeMs">Returns the server's <c>serverTime</c> (Unix ms); throws on failure.</param>
    /// <param name="ct">Cancels the measurement.</param>
    public async Task<bool> SyncAsync(Func<CancellationToken, Task<long>> fetchServerTimeMs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(fetchServerTimeMs);
        var samples = new List<(long Offset, long Rtt)>(Options.Samples);
        for (int i = 0; i < Options.Samples; i++)
        {
            long sent = LocalNowMs;
            long server;
            try
            {
                server = await fetchServerTimeMs(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                continue;
            }
            long received = LocalNowMs;
            long rtt = Math.Max(0, received - sent);
            samples.Add((server - (sent + rtt / 2), rtt));
        }
        if (samples.Count == 0)
        {
            Interlocked.Increment(ref _failures);
            return false;
        }
        samples.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        var median = samples[samples.Count / 2];
        Volatile.Write(ref _last, new Snapshot(median.Offset, median.Rtt, _time.GetUtcNow()));
        Interlocked.Increment(ref _measurements);
        return true;
    }

    /// <summary>Re-measures after Binance rejected a request with <c>-1021</c> (timestamp outside recvWindow),
    /// counting it in <see cref="ResyncsAfterRejection"/>.</summary>
    public Task<bool> ResyncAfterRejectionAsync(Func<CancellationToken, Task<long>> fetchServerTimeMs, CancellationToken ct)
    {
        Interlocked.Increment(ref _resyncs);
        return SyncAsync(fetchServerTimeMs, ct);
    }

    /// <summary>Measures every <see cref="ServerTimeSyncOptions.RefreshInterval"/> until <paramref name="ct"/> fires
    /// (failed measurements are retried at the next tick; <see cref="State"/> turns Stale if they keep failing).</summary>
    public async Task RunRefreshLoopAsync(Func<CancellationToken, Task<long>> fetchServerTimeMs, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await SyncAsync(fetchServerTimeMs, ct).ConfigureAwait(false);
                await Task.Delay(Options.RefreshInterval, _time, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopped
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"ServerTimeSync({State}, offset={OffsetMs} ms, rtt={RoundTripMs} ms)";

    private sealed record Snapshot(long OffsetMs, long RoundTripMs, DateTimeOffset At);
}
