using System.Globalization;

namespace HftScalper.Live;

/// <summary>
/// Keeps the ledger honest in a live run: reconciles at start, after every <see cref="ILiveVenue.ReconcileNeeded"/>
/// (a reconnect of either stream, a terminated stream, a malformed message) and every
/// <see cref="LiveReconcilerOptions.Interval"/>. A reconciliation closes the gate (<see cref="VenueBlock.Reconciling"/>),
/// queries the venue, has the trading thread compare (<see cref="LiveDeskGateway.CompareAsync"/>), cancels or adopts
/// unknown open orders, and tries again a few times; it opens the gate only when the ledger agrees, else logs and counts
/// each difference and keeps trading halted (<see cref="VenueBlock.Mismatch"/>) until a later one agrees.
/// </summary>
/// <remarks>Runs on its own task (<see cref="RunAsync"/>); one reconciliation at a time; never on the trading thread.</remarks>
public sealed class LiveReconciler
{
    private readonly LiveDeskFactory _desk;
    private readonly VenueGate _gate;
    private readonly LiveReconcilerOptions _options;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly HashSet<string> _adopted = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _one = new(1, 1);
    private long _reconciliations, _mismatches, _unknownCancelled, _adoptedCount, _agreed;
    private volatile string? _pendingWhy;

    /// <summary>A reconciler for the desk gateway <paramref name="desk"/> makes, closing <paramref name="gate"/> while
    /// the ledger is not known to agree.</summary>
    public LiveReconciler(LiveDeskFactory desk, VenueGate gate, LiveReconcilerOptions? options = null)
    {
        _desk = desk ?? throw new ArgumentNullException(nameof(desk));
        _gate = gate ?? throw new ArgumentNullException(nameof(gate));
        _options = options ?? new LiveReconcilerOptions();
    }

    /// <summary>Reconciliations run (each may take several comparisons).</summary>
    public long Reconciliations => Interlocked.Read(ref _reconciliations);

    /// <summary>Differences found by reconciliations that did not agree, plus unknown open orders found.</summary>
    public long Mismatches => Interlocked.Read(ref _mismatches);

    /// <summary>Reconciliations that ended in agreement.</summary>
    public long Agreed => Interlocked.Read(ref _agreed);

    /// <summary>Orders cancelled because they were open at the venue and unknown to the tracker.</summary>
    public long UnknownOrdersCancelled => Interlocked.Read(ref _unknownCancelled);

    /// <summary>Unknown orders adopted (policy <see cref="UnknownOrderPolicy.Adopt"/>).</summary>
    public long UnknownOrdersAdopted => Interlocked.Read(ref _adoptedCount);

    /// <summary>Asks for a reconciliation soon (any thread; e.g. the venue's <see cref="ILiveVenue.ReconcileNeeded"/>).
    /// Closes the gate at once: the venue's view may already differ.</summary>
    public void Request(string why)
    {
        _gate.Block(VenueBlock.Reconciling);
        _pendingWhy = why;
        _wake.Release();
    }

    /// <summary>Reconciles now (on start, before trading, and on request) until <paramref name="ct"/>, then every interval.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        string why = "start";
        try
        {
            while (!ct.IsCancellationRequested)
            {
                bool agreed = await ReconcileAsync(why, ct).ConfigureAwait(false);
                var wait = agreed ? _options.Interval : _options.RetryInterval;
                bool woken = await _wake.WaitAsync(wait, ct).ConfigureAwait(false);
                while (_wake.CurrentCount > 0) await _wake.WaitAsync(ct).ConfigureAwait(false); // coalesce bursts
                why = woken ? _pendingWhy ?? "requested" : agreed ? "periodic" : "retry after a disagreement";
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>One reconciliation; true when the ledger agrees with the venue (the gate is then open, unless another
    /// reason blocks it). Failures of the venue queries count as a disagreement (logged; trading stays halted).</summary>
    public async Task<bool> ReconcileAsync(string why, CancellationToken ct)
    {
        await _one.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await ReconcileOnceAsync(why, ct).ConfigureAwait(false);
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<bool> ReconcileOnceAsync(string why, CancellationToken ct)
    {
        _gate.Block(VenueBlock.Reconciling);
        var desk = await DeskAsync(ct).ConfigureAwait(false);
        Interlocked.Increment(ref _reconciliations);
        ReconcileResult? last = null;
        string? failure = null;
        for (int attempt = 0; attempt < Math.Max(1, _options.Attempts); attempt++)
        {
            if (attempt > 0) await Task.Delay(_options.AttemptDelay, ct).ConfigureAwait(false);
            try
            {
                var view = await desk.Venue.QueryAccountAsync(ct).ConfigureAwait(false);
                var result = await desk.CompareAsync(view, _adopted, _options.CompareTimeout, ct).ConfigureAwait(false);
                if (result is null)
                {
                    failure = "the trading thread did not answer (no market event)";
                    continue;
                }
                failure = null;
                last = result;
                if (result.UnknownOrders.Count > 0)
                {
                    await HandleUnknownAsync(desk, result, ct).ConfigureAwait(false);
                    continue; // compare again once they are gone (or adopted)
                }
                if (result.Agrees)
                {
                    Interlocked.Increment(ref _agreed);
                    _gate.Unblock(VenueBlock.Mismatch | VenueBlock.Reconciling);
                    Log($"reconcile ({why}): the ledger agrees with the venue ({view.OpenOrders.Count} open orders{(result.BaselineTaken ? ", start balances taken" : "")}); trading {(_gate.IsOpen ? "enabled" : "still blocked: " + _gate)}");
                    return true;
                }
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException)
            {
                failure = e.Message;
            }
        }
        if (last is not null)
        {
            foreach (var d in last.Differences) Log($"reconcile ({why}): mismatch: {d}");
            Interlocked.Add(ref _mismatches, last.Differences.Count);
        }
        if (failure is not null) Log($"reconcile ({why}): could not compare: {failure}");
        _gate.Block(VenueBlock.Mismatch);
        _gate.Unblock(VenueBlock.Reconciling);
        Log($"reconcile ({why}): the ledger does not agree with the venue; trading halted until a reconciliation agrees");
        return false;
    }

    private async Task HandleUnknownAsync(LiveDeskGateway desk, ReconcileResult result, CancellationToken ct)
    {
        Interlocked.Add(ref _mismatches, result.UnknownOrders.Count);
        foreach (var o in result.UnknownOrders)
            Log(string.Create(CultureInfo.InvariantCulture,
                $"reconcile: unknown open order {o.ClientOrderId} (symbol #{o.SymbolId} {o.Side} {o.QuantityLots} lots at {o.PriceTicks}, filled {o.FilledLots}): {(_options.UnknownOrders == UnknownOrderPolicy.Cancel ? "cancelling" : "adopted")}"));
        if (_options.UnknownOrders == UnknownOrderPolicy.Adopt)
        {
            foreach (var o in result.UnknownOrders) _adopted.Add(o.ClientOrderId);
            Interlocked.Add(ref _adoptedCount, result.UnknownOrders.Count);
            return;
        }
        // ILiveVenue cancels by symbol: our own open orders go too and come back as Cancelled reports.
        int n = await desk.Venue.CancelAllAsync(ct).ConfigureAwait(false);
        Interlocked.Add(ref _unknownCancelled, result.UnknownOrders.Count);
        Log(string.Create(CultureInfo.InvariantCulture, $"reconcile: cancel-all cancelled {n} open orders"));
    }

    private async Task<LiveDeskGateway> DeskAsync(CancellationToken ct)
    {
        while (true)
        {
            if (_desk.Gateway is { Orders: not null } g) return g;
            await Task.Delay(20, ct).ConfigureAwait(false);
        }
    }

    private void Log(string line) => _options.Log?.Invoke(line);
}
