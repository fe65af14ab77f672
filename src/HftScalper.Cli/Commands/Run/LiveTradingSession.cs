using HftScalper.Binance.Auth;
using HftScalper.Binance.Live;
using HftScalper.Core.Security;
using HftScalper.Core.Symbols;
using HftScalper.Live;
using HftScalper.Trading.Execution;
using Microsoft.Extensions.Logging;

namespace HftScalper.Cli.Commands.Run;

/// <summary>
/// The venue side of <c>hft run --mode testnet|live</c> (spot or USD-M): keys, the market's connections
/// (<see cref="LiveVenueLink"/>: exchangeInfo filters, server time, order session and user data), the gateway factory
/// the pipeline trades through (the fail-closed <see cref="LiveDeskFactory"/> over <see cref="BinanceSpotGatewayFactory"/>
/// or <see cref="BinanceFuturesGatewayFactory"/>), the control tasks (reconciliation, clock, kill-switch watch), and the
/// exit: optionally flatten (reduce-only market orders), then the <see cref="VenueExit"/> until the venue confirms no order open.
/// </summary>
internal sealed class LiveTradingSession : IAsyncDisposable
{
    private readonly ILogger _log;
    private readonly LiveVenueLink _link;
    private readonly LiveDeskFactory _desk;
    private readonly LiveReconciler _reconciler;
    private readonly VenueGate _gate;
    private readonly CancellationTokenSource _control = new();
    private readonly List<Task> _tasks = [];
    private readonly string[] _symbolNames; // the traded ones: a symbol exchangeInfo does not list is never queried at the venue
    private volatile string? _stoppedBy;
    private bool _subscribed;

    private LiveTradingSession(ILogger log, LiveEndpoints endpoints, LiveVenueLink link, LiveDeskFactory desk, LiveReconciler reconciler,
        VenueGate gate, ClientOrderIdSession session, string[] symbolNames)
    {
        _symbolNames = symbolNames;
        _log = log;
        Endpoints = endpoints;
        _link = link;
        _desk = desk;
        _reconciler = reconciler;
        _gate = gate;
        Session = session;
    }

    /// <summary>The bases in use.</summary>
    public LiveEndpoints Endpoints { get; }

    /// <summary>COIN-M: the margin coin's wallet balance at the venue when the session connected (the desk's initial
    /// equity, in the coin); null on the other markets or when it could not be read.</summary>
    public double? AccountEquity { get; private init; }

    /// <summary>Futures: the settings to trade with (COIN-M contract sizes from exchangeInfo with <paramref name="configured"/>'s
    /// overriding, a disagreement logged; the venue's maintenance brackets over the configured table, or that table with the
    /// reason logged); spot: <paramref name="configured"/>.</summary>
    public Trading.Margin.FuturesOptions Futures(Trading.Margin.FuturesOptions configured) =>
        _link is FuturesVenueLink futures ? futures.Futures(_symbolNames, configured) : configured;

    /// <summary>This run's client order id session (unique across restarts).</summary>
    public ClientOrderIdSession Session { get; }

    /// <summary>The pipeline's gateway factory.</summary>
    public IExecutionGatewayFactory Factory => _desk;

    /// <summary>Reconciliation mismatches so far (the dashboard's <c>/metrics</c>).</summary>
    public long ReconcileMismatches => _reconciler.Mismatches;

    /// <summary>The keys of <c>HFT_BINANCE_*</c>, checked before anything connects; a refusal is an
    /// <see cref="ArgumentException"/> naming the variable or file, never key material (exit 2).</summary>
    public static IRequestSigner LoadSigner()
    {
        try
        {
            return RequestSignerLoader.FromEnvironment();
        }
        catch (BinanceKeyException e)
        {
            throw new ArgumentException(e.Message); // names the variable or file, never key material
        }
    }

    /// <summary>Connects (server time, order session and user data stream of <c>--market</c>) over the run's exchangeInfo
    /// read (<paramref name="scales"/>: the registry holds its symbols; only <see cref="ExchangeInfoScales.Traded"/> ones are
    /// traded, queried and cancelled at the venue). Refusals (unreachable venue, keys not accepted) are
    /// <see cref="IOException"/>s with one clear line (exit 2).</summary>
    /// <exception cref="IOException">No symbol of the run can be traded (<see cref="ExchangeInfoScales.NothingTradable"/>):
    /// nothing is connected.</exception>
    public static async Task<LiveTradingSession> ConnectAsync(RunCommandArgs args, LiveEndpoints endpoints, IRequestSigner signer, SymbolRegistry registry,
        ExchangeInfoScales scales, ILogger log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scales);
        if (scales.NothingTradable is not null || scales.Info is not { } info)
            throw new IOException($"{scales.NothingTradable}; a {LiveModeGuard.Name(args.Mode)} run starts only with a symbol to trade (nothing was sent)");
        Action<string> venueLog = m => log.LogInformation("{Message}", SecretRedactor.Redact(m));
        var session = ClientOrderIdSession.NewLive(DateTimeOffset.UtcNow);
        LiveVenueLink link = args.Market == BinanceMarket.Spot
            ? await SpotVenueLink.ConnectAsync(endpoints, signer, info, registry, session, venueLog, ct).ConfigureAwait(false)
            : await FuturesVenueLink.ConnectAsync(endpoints, args.Market, signer, info, registry, session, venueLog, ct).ConfigureAwait(false);
        // COIN-M: the account is the coin wallet at the venue, so the desk starts from its balance (the paper default of
        // 100,000 would be 100,000 coins and size every order far beyond the account).
        double? equity = args.Market == BinanceMarket.CoinMFutures && link is FuturesVenueLink coin ? await coin.MarginWalletAsync(ct).ConfigureAwait(false) : null;
        if (equity is > 0) log.LogInformation("Account: {Equity} of the margin coin at the venue is the desk's initial equity", equity);
        else if (equity is not null) log.LogWarning("Account: the margin coin's wallet at the venue is {Equity}: the configured equity stands", equity);
        var gate = new VenueGate();
        var reconcile = new LiveReconcilerOptions
        {
            Interval = args.ReconcileInterval ?? TimeSpan.FromSeconds(30),
            UnknownOrders = args.UnknownOrders,
            Log = m => log.LogWarning("{Message}", m),
        };
        var desk = new LiveDeskFactory(link.Venue, gate, reconcile);
        log.LogInformation("Venue {Venue}: {Key} key, clock offset {Offset} ms, order ids {Prefix}-*", SecretRedactor.Redact(endpoints.WsApi),
            signer.KeyType, link.Time.OffsetMs, session.Prefix);
        return new LiveTradingSession(log, endpoints, link, desk, new LiveReconciler(desk, gate, reconcile), gate, session,
            [.. scales.Traded]) { AccountEquity = equity is > 0 ? equity : null };
    }

    /// <summary>Starts the control tasks: reconciliation (at start, on reconnects, periodically), the clock check and
    /// refresh, and the kill-switch watch (<paramref name="halted"/> true: stop the run through <paramref name="stop"/>).</summary>
    public void Start(CancellationTokenSource stop, Func<bool> halted)
    {
        var ct = _control.Token;
        _tasks.Add(_reconciler.RunAsync(ct));
        _tasks.Add(_link.RunClockAsync(ct));
        _tasks.Add(WatchAsync(stop, halted, ct));
    }

    // Every 200 ms: the clock gate, the venue's reconcile requests once the desk built it, the kill switch.
    private async Task WatchAsync(CancellationTokenSource stop, Func<bool> halted, CancellationToken ct)
    {
        bool clockWasOk = true;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                bool clockOk = _link.Time.IsSynced;
                _gate.Set(VenueBlock.Clock, !clockOk);
                if (clockOk != clockWasOk)
                    _log.LogWarning("Server clock {State} (offset {Offset} ms): new orders {What}", _link.Time.State, _link.Time.OffsetMs, clockOk ? "allowed again" : "blocked");
                clockWasOk = clockOk;
                if (!_subscribed && _desk.Gateway is { } g)
                {
                    g.Venue.ReconcileNeeded += (_, why) => _reconciler.Request(why);
                    _subscribed = true;
                    await _link.OnGatewayAsync(g.Venue, ct).ConfigureAwait(false);
                }
                if (_stoppedBy is null && halted())
                {
                    _stoppedBy = "kill switch";
                    _log.LogError("Kill switch tripped: stopping the run (cancel all open orders, then the summary)");
                    await stop.CancelAsync().ConfigureAwait(false);
                }
                await Task.Delay(200, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>
    /// After the pipeline returned (any reason: duration, signal, kill switch, fault): blocks new orders, optionally
    /// flattens (after the orders in flight are answered and the resting ones cancelled), then runs the
    /// <see cref="VenueExit"/>: answers awaited, cancel-all, open orders queried and cancelled one by one until the venue
    /// confirms none is open (<see cref="LiveOutcome.ExitConfirmed"/>; bounded at 60 s).
    /// </summary>
    public async Task<LiveOutcome> ShutdownAsync(bool flatten)
    {
        _gate.Block(VenueBlock.ShuttingDown);
        await _control.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
        var desk = _desk.Gateway;
        desk?.TradingStopped();
        long flattened = 0, settled = 0;
        VenueExitResult? exit = null;
        if (desk is not null)
        {
            var venueExit = new VenueExit(desk.Venue, new VenueExitOptions { Log = m => _log.LogWarning("{Message}", SecretRedactor.Redact(m)) });
            if (flatten)
            {
                settled = await venueExit.SettleAsync(CancellationToken.None).ConfigureAwait(false); // resting orders gone: the ledger's position is what is left
                await PumpUntilClosedAsync(desk, TimeSpan.FromSeconds(3)).ConfigureAwait(false);
                flattened = desk.SubmitFlatten(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000);
                _log.LogWarning("Flatten on exit: {Orders} closing orders sent", flattened);
                await PumpUntilClosedAsync(desk, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            exit = await venueExit.RunAsync(CancellationToken.None).ConfigureAwait(false);
            await PumpUntilClosedAsync(desk, TimeSpan.FromSeconds(2)).ConfigureAwait(false); // the cancels' reports reach the tracker and the ledger
        }
        using var after = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _link.AfterCancelAllAsync(after.Token).ConfigureAwait(false);
        long open = exit?.OpenAtExit ?? await OpenOrdersAsync(after.Token).ConfigureAwait(false); // no desk: nothing was sent; ask anyway
        var (unknown, rejects) = desk?.Venue switch
        {
            BinanceSpotGateway spot => (spot.UnknownOutcomes, spot.VenueRejects),
            BinanceFuturesGateway usdm => (usdm.UnknownOutcomes, usdm.VenueRejects),
            _ => (0L, 0L),
        };
        return new LiveOutcome
        {
            OpenOrdersAtExit = open,
            ExitConfirmed = exit?.Confirmed ?? open == 0,
            CancelledAtExit = settled + (exit?.CancelledByCancelAll ?? 0),
            ExitCancelRetries = exit?.CancelRetries ?? 0,
            RefusedAtExit = exit?.Refused ?? 0,
            OpenOrderIdsAtExit = exit?.OpenOrderIds ?? [],
            UnansweredAtExit = exit?.UnansweredIds ?? [],
            FlattenOrders = flattened,
            Reconciliations = _reconciler.Reconciliations,
            ReconcileMismatches = _reconciler.Mismatches,
            UnknownOrdersCancelled = _reconciler.UnknownOrdersCancelled,
            OrderSessionReconnects = _link.Reconnects,
            UnknownOutcomes = unknown,
            VenueRejects = rejects,
            SessionPrefix = Session.Prefix,
            ClockOffsetMs = _link.Time.OffsetMs,
            StoppedBy = _stoppedBy,
            TickToOrder = _link.TickToOrder,
        };
    }

    // The trading thread is gone: deliver the venue's reports here until the tracker holds no open order (or the time is up).
    private static async Task PumpUntilClosedAsync(LiveDeskGateway desk, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        do
        {
            desk.DeliverReportsAfterStop();
            if (desk.Orders is not { OpenCount: > 0 }) return;
            await Task.Delay(50).ConfigureAwait(false);
        }
        while (DateTime.UtcNow < deadline);
    }

    // Open orders at the venue now, by a direct query (works even when the desk never existed); -1 when it failed.
    private async Task<long> OpenOrdersAsync(CancellationToken ct)
    {
        try
        {
            var (count, error) = await _link.OpenOrdersAsync(_symbolNames, ct).ConfigureAwait(false);
            if (error is not null) _log.LogError("Exit: open orders query failed: {Response}", SecretRedactor.Redact(error));
            return count;
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            _log.LogError("Exit: open orders query failed: {Error}", SecretRedactor.Redact(e.Message));
            return -1;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_control.IsCancellationRequested) await _control.CancelAsync().ConfigureAwait(false);
        if (_desk.Gateway?.Venue is { } venue) await venue.DisposeAsync().ConfigureAwait(false);
        await _link.DisposeAsync().ConfigureAwait(false);
        _control.Dispose();
    }
}
