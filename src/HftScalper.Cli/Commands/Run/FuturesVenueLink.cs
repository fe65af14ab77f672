using System.Net.WebSockets;
using HftScalper.Binance.Auth;
using HftScalper.Binance.Live;
using HftScalper.Binance.Time;
using HftScalper.Core.Security;
using HftScalper.Core.Symbols;
using HftScalper.Live;
using HftScalper.Trading.Execution;

namespace HftScalper.Cli.Commands.Run;

/// <summary>
/// Binance USD-M (or COIN-M: <c>/dapi</c>, <c>/ws-dapi/v1</c>, whole contracts, the account in the coin) futures' connections (<see cref="FuturesVenueConnection"/>) over
/// the run's one exchangeInfo read (<see cref="ExchangeInfoScales"/>: futures filters, rate limits): signed REST with the clock kept synced, the <c>/ws-fapi/v1</c> order session, the listenKey user data stream
/// and the <c>countdownCancelAll</c> dead-man switch, armed once the desk made the gateway (its health gates new orders)
/// and disarmed after the exit cancel-all; the venue is <see cref="BinanceFuturesGateway"/> (one-way position mode).
/// </summary>
internal sealed class FuturesVenueLink : LiveVenueLink
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(20);
    private readonly FuturesVenueConnection _venue;
    private readonly Action<string> _log;
    private readonly string _market; // usdm or coinm: log lines
    private readonly string _prefix; // /fapi/v1 or /dapi/v1
    private readonly BinanceMarket _marketId;
    private Binance.Orders.LeverageBrackets[]? _brackets; // the venue's leverageBracket answer at connect; null: none (see _bracketsError)
    private string? _bracketsError;

    private FuturesVenueLink(FuturesVenueConnection venue, Action<string> log, BinanceMarket market)
    {
        _venue = venue;
        _log = log;
        _market = market.CliName();
        _prefix = market.RestPrefix();
        _marketId = market;
    }

    /// <summary>The wallet balance of the first traded symbol's margin asset (COIN-M: the coin), from the account query,
    /// or null when the query fails (logged).</summary>
    public async Task<double?> MarginWalletAsync(CancellationToken ct)
    {
        string? asset = _venue.Filters.Values.Select(f => f.MarginAsset).FirstOrDefault(a => a.Length > 0);
        var r = await _venue.Rest.AccountAsync(ct).ConfigureAwait(false);
        var wallet = r.IsOk ? r.Value?.Assets?.FirstOrDefault(a => a.Asset == asset)?.WalletBalance : null;
        if (wallet is null) _log($"{_market}: the {asset} wallet could not be read ({r}); the configured equity stands");
        return wallet is { } w ? (double)w : null;
    }

    /// <summary>The futures settings <paramref name="symbols"/> trade with: the contract sizes of exchangeInfo
    /// (<c>contractSize</c>, COIN-M) with <paramref name="configured"/>'s <c>futures.contractSizes</c> overriding, each
    /// disagreement logged (<see cref="ExchangeContractSizes"/>); the venue's maintenance brackets read at connect over the
    /// configured table, or that table with a line saying why (<see cref="ExchangeBrackets"/>).</summary>
    public Trading.Margin.FuturesOptions Futures(IReadOnlyList<string> symbols, Trading.Margin.FuturesOptions configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var sized = configured with { ContractSizes = ExchangeContractSizes.Resolve(symbols, _venue.Filters, configured.ContractSizes, _log) };
        return ExchangeBrackets.Resolve(_marketId, symbols, _brackets, _bracketsError, sized, _log);
    }

    // The venue's bracket tables (signed, weight 1), once at connect; a failure is kept and reported when the table is chosen.
    private async Task ReadBracketsAsync(CancellationToken ct)
    {
        try
        {
            var r = await _venue.Rest.LeverageBracketsAsync(ct).ConfigureAwait(false);
            if (r.IsOk && r.Value is not null) _brackets = r.Value;
            else _bracketsError = SecretRedactor.Redact(r.ToString());
        }
        catch (Exception e) when (e is IOException or HttpRequestException or InvalidOperationException or System.Text.Json.JsonException
            || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            _bracketsError = SecretRedactor.Redact(e.Message);
        }
    }

    /// <inheritdoc />
    public override IExecutionGatewayFactory Venue => _venue.Factory;

    /// <inheritdoc />
    public override ServerTimeSync Time => _venue.Time;

    /// <inheritdoc />
    public override long Reconnects => _venue.OrderSessionReconnects + _venue.UserStreamReconnects;

    /// <inheritdoc />
    public override Core.Time.LatencyHistogram TickToOrder => _venue.TickToOrder;

    /// <summary>Connects (clock, order session, user data stream); <paramref name="info"/> is the run's exchangeInfo read
    /// (<see cref="ExchangeInfoScales"/>: filters and rate limits), whose symbols the registry already holds.</summary>
    public static async Task<FuturesVenueLink> ConnectAsync(LiveEndpoints endpoints, BinanceMarket market, IRequestSigner signer, Binance.Rules.ExchangeInfo info,
        SymbolRegistry registry, ClientOrderIdSession session, Action<string> venueLog, CancellationToken ct)
    {
        FuturesVenueConnection venue;
        using (var connect = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            connect.CancelAfter(ConnectTimeout);
            try
            {
                venue = await FuturesVenueConnection.ConnectAsync(endpoints.Futures(market), signer, registry, session,
                    new FuturesVenueSettings { Log = venueLog, ExchangeInfo = info }, connect.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new IOException($"no {market.CliName()} venue at {SecretRedactor.Redact(endpoints.Rest)} / {SecretRedactor.Redact(endpoints.WsApi)} within {ConnectTimeout.TotalSeconds:F0} s (keys accepted? see the log)");
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or WebSocketException)
            {
                throw new IOException($"{market.CliName()} venue {SecretRedactor.Redact(endpoints.Rest)}: {SecretRedactor.Redact(e.Message)}");
            }
        }
        var link = new FuturesVenueLink(venue, venueLog, market);
        await link.ReadBracketsAsync(ct).ConfigureAwait(false);
        return link;
    }

    /// <inheritdoc />
    /// <remarks>The connection keeps its clock synced itself.</remarks>
    public override Task RunClockAsync(CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc />
    /// <remarks>Arms the dead-man switch: until it is armed (and while a re-arm fails) the gateway's streams count as down.</remarks>
    public override async Task OnGatewayAsync(ILiveVenue venue, CancellationToken ct)
    {
        bool armed = await _venue.StartHeartbeatAsync(ct).ConfigureAwait(false);
        _log(armed ? $"{_market}: countdownCancelAll armed (the exchange cancels our orders if this process stops re-arming it)"
            : $"{_market}: countdownCancelAll could not be armed ({_venue.Heartbeat.LastError}); no new order until it is");
    }

    /// <inheritdoc />
    public override async Task AfterCancelAllAsync(CancellationToken ct)
    {
        try
        {
            await _venue.Heartbeat.StopAsync(disarm: true, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            _log($"{_market}: countdownCancelAll disarm failed ({e.Message}); the switch stays armed and fires when it lapses");
        }
    }

    /// <inheritdoc />
    public override async Task<(long Count, string? Error)> OpenOrdersAsync(IReadOnlyList<string> symbols, CancellationToken ct)
    {
        long total = 0;
        foreach (var symbol in symbols)
        {
            var r = await _venue.Rest.OpenOrdersAsync(symbol, ct).ConfigureAwait(false);
            if (!r.IsOk || r.Value is null) return (-1, $"GET {_prefix}/openOrders {symbol}: {r}");
            total += r.Value.Length;
        }
        return (total, null);
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => _venue.DisposeAsync();
}
