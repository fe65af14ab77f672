using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using HftScalper.Trading.Execution;

namespace HftScalper.Live;

/// <summary>A market's Replace (sender task): the original is tracked, the replacement not yet.</summary>
internal delegate void ReplaceHandler(VenueOrder original, in OrderRequest replacement);

/// <summary>
/// The order path both Binance gateways share, composed of the symbol table (<see cref="VenueSymbols"/>), the orders
/// (<see cref="VenueOrderBook"/>), the reports (<see cref="OrderReportEmitter"/>) and the answers
/// (<see cref="OrderOutcomes"/>); the market's requests come from its <see cref="IVenueOrderApi"/>.
/// <code>
///  strategy thread                      sender task                         network threads
///  Submit/Cancel/Replace --check--&gt;  bounded queue --&gt; Dispatch --&gt; api request --&gt; OrderOutcomes --+
///        | refused: Rejected report            (Replace: the market's handler)                      |
///        v                                                                  user data --&gt; VenueOrderBook.Apply
///  DeliverReports &lt;---------------------- OrderReportEmitter &lt;-----------------------------------------+
/// </code>
/// The strategy thread never waits on the network and allocates nothing; a refusal before sending is a Rejected
/// report, no request.
/// </summary>
internal sealed class VenueGatewayCore
{
    private readonly IVenueOrderApi _api;
    private readonly BinanceGatewayOptions _options;
    private readonly string _logName;
    private readonly bool _logLocalRejects;
    private readonly Channel<GatewayCommand> _commands;
    private readonly CancellationTokenSource _stop = new();
    private ReplaceHandler? _replace;
    private Task _sender = Task.CompletedTask;
    private long _localRejects, _queueFull;
    private int _dispatching;
    private volatile bool _newOrdersBlocked;

    /// <summary>A core for <paramref name="api"/>'s market; <paramref name="logName"/> starts its log lines;
    /// <paramref name="logLocalRejects"/>: log refusals before sending (1st, 2nd, 4th, ...).</summary>
    public VenueGatewayCore(IVenueOrderApi api, VenueSymbols symbols, ClientOrderIdSession session, BinanceGatewayOptions options,
        string logName, bool logLocalRejects)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QueueCapacity, 1);
        _api = api;
        _options = options;
        _logName = logName;
        _logLocalRejects = logLocalRejects;
        Symbols = symbols;
        Reports = new OrderReportEmitter(options.ClockNs ?? WallNs);
        Book = new VenueOrderBook(session, symbols, Reports);
        Outcomes = new OrderOutcomes(api, Reports, options, logName, _stop.Token);
        Stopping = _stop.Token;
        _commands = Channel.CreateBounded<GatewayCommand>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public VenueSymbols Symbols { get; }

    /// <summary>The market's requests.</summary>
    public IVenueOrderApi Api => _api;

    public OrderReportEmitter Reports { get; }

    public VenueOrderBook Book { get; }

    public OrderOutcomes Outcomes { get; }

    /// <summary>Cancelled when the gateway stops.</summary>
    public CancellationToken Stopping { get; }

    /// <summary>Orders refused before sending (filters, unknown symbol, bad side/type).</summary>
    public long LocalRejects => Interlocked.Read(ref _localRejects);

    /// <summary>Requests refused because the sender queue was full.</summary>
    public long QueueFull => Interlocked.Read(ref _queueFull);

    /// <summary>Wall time in ns since the Unix epoch (the default clock).</summary>
    public static long WallNs() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;

    /// <summary>Starts the sender task; <paramref name="replace"/> sends a Replace whose original is tracked.</summary>
    public void Start(ReplaceHandler replace)
    {
        _replace = replace;
        _sender = Task.Run(SendLoopAsync);
    }

    /// <summary>Strategy thread: checks the order and queues it for the sender; false (with a Rejected report) when
    /// the filters refuse it or the queue is full.</summary>
    public bool Submit(in OrderRequest request)
    {
        var reason = Symbols.Check(in request);
        if (reason != ExecutionReason.None)
        {
            long n = Interlocked.Increment(ref _localRejects);
            if (_logLocalRejects && (n & (n - 1)) == 0) LogLocalReject(in request, n); // 1st, 2nd, 4th, ...: a clear line without a flood
            Reports.EmitRefusal(in request, reason);
            return false;
        }
        if (_commands.Writer.TryWrite(new GatewayCommand(GatewayCommandKind.Place, request, default, request.SymbolId))) return true;
        Interlocked.Increment(ref _queueFull);
        Reports.EmitRefusal(in request, ExecutionReason.CapacityExceeded);
        return false;
    }

    /// <summary>Strategy thread: queues a cancel; false (with a Rejected report) when the queue is full.</summary>
    public bool Cancel(ClientOrderId clientOrderId, int symbolId, long nowNs)
    {
        if (_commands.Writer.TryWrite(new GatewayCommand(GatewayCommandKind.Cancel, default, clientOrderId, symbolId))) return true;
        Interlocked.Increment(ref _queueFull);
        var r = new OrderRequest { ClientOrderId = clientOrderId, SymbolId = symbolId, TimeNs = nowNs };
        Reports.EmitRefusal(in r, ExecutionReason.CapacityExceeded);
        return false;
    }

    /// <summary>Strategy thread: checks the replacement and queues the replace; false (with a Rejected report of the
    /// replacement) when the filters refuse it or the queue is full.</summary>
    public bool Replace(ClientOrderId original, in OrderRequest replacement)
    {
        var reason = Symbols.Check(in replacement);
        if (reason == ExecutionReason.None
            && _commands.Writer.TryWrite(new GatewayCommand(GatewayCommandKind.Replace, replacement, original, replacement.SymbolId)))
            return true;
        if (reason == ExecutionReason.None)
        {
            Interlocked.Increment(ref _queueFull);
            reason = ExecutionReason.CapacityExceeded;
        }
        else Interlocked.Increment(ref _localRejects);
        Reports.EmitRefusal(in replacement, reason);
        return false;
    }

    /// <summary>True once <see cref="BlockNewOrders"/> was called: places and replaces are refused by the sender (a
    /// Rejected report, no request); cancels still go.</summary>
    public bool NewOrdersBlocked => _newOrdersBlocked;

    /// <summary>Exit: from now on no new order leaves (commands still queued included); cancels and queries still do.</summary>
    public void BlockNewOrders() => _newOrdersBlocked = true;

    /// <summary>Commands queued for the sender or being dispatched now (0: everything handed over has been sent or refused).</summary>
    public int RequestsQueued => _commands.Reader.Count + Volatile.Read(ref _dispatching);

    /// <summary>True once <see cref="StopAsync"/> was called.</summary>
    public bool Stopped => _stop.IsCancellationRequested;

    /// <summary>Stops the sender (queued requests not yet sent are dropped); a no-op when stopped already.</summary>
    public async ValueTask StopAsync()
    {
        if (_stop.IsCancellationRequested) return;
        _commands.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _sender.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void LogLocalReject(in OrderRequest r, long count) =>
        _options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"{_logName}: order refused before sending by the exchangeInfo filters (#{count}): symbol #{r.SymbolId} {r.Side} {r.Type} {r.QuantityLots} lots at {r.PriceTicks} ticks ({Symbols.Explain(in r)})"));

    // ---- sender task ----

    private async Task SendLoopAsync()
    {
        var reader = _commands.Reader;
        var ct = Stopping;
        try
        {
            while (await reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                while (true)
                {
                    Interlocked.Increment(ref _dispatching); // before the read: RequestsQueued never misses a command in hand
                    if (!reader.TryRead(out var cmd))
                    {
                        Interlocked.Decrement(ref _dispatching);
                        break;
                    }
                    try
                    {
                        Dispatch(in cmd);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        _options.Log?.Invoke($"{_logName}: {cmd.Kind} {cmd.Request.ClientOrderId} failed before sending: {e.Message}");
                        Reports.EmitRefusal(cmd.Kind == GatewayCommandKind.Cancel
                            ? new OrderRequest { ClientOrderId = cmd.Target, SymbolId = cmd.SymbolId }
                            : cmd.Request, ExecutionReason.VenueRejected);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _dispatching);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // disposed
        }
    }

    private void Dispatch(in GatewayCommand cmd)
    {
        if (_newOrdersBlocked && cmd.Kind != GatewayCommandKind.Cancel)
        {
            Reports.EmitRefusal(cmd.Request, ExecutionReason.VenueRejected); // the exit began: nothing new leaves
            return;
        }
        switch (cmd.Kind)
        {
            case GatewayCommandKind.Place:
            {
                var order = Book.Track(cmd.Request);
                _ = Outcomes.OnPlacedAsync(order, _api.PlaceAsync(order, Stopping));
                break;
            }
            case GatewayCommandKind.Cancel:
            {
                if (!Book.TryGet(cmd.Target, out var order))
                {
                    Reports.EmitRefusal(new OrderRequest { ClientOrderId = cmd.Target, SymbolId = cmd.SymbolId }, ExecutionReason.UnknownOrder);
                    return;
                }
                lock (order) order.CancelRequested = true;
                _ = Outcomes.OnCancelledAsync(order, _api.CancelAsync(order.Symbol, order.VenueId, Stopping));
                break;
            }
            case GatewayCommandKind.Replace:
            {
                if (!Book.TryGet(cmd.Target, out var original))
                {
                    Reports.EmitRefusal(cmd.Request, ExecutionReason.UnknownOrder);
                    return;
                }
                _replace!(original, cmd.Request);
                break;
            }
        }
    }
}
