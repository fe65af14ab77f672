using System.Net.WebSockets;
using HftScalper.Binance.Auth;
using HftScalper.Binance.Time;
using HftScalper.Core.Security;
using HftScalper.Core.Symbols;
using HftScalper.Live;
using HftScalper.Trading.Execution;

namespace HftScalper.Cli.Commands.Run;

/// <summary>
/// Binance USD-M futures' connections (<see cref="UsdmVenueConnection"/>): exchangeInfo (<c>/fapi/v1</c>, futures
/// filters), signed REST with the clock kept synced, the <c>/ws-fapi/v1</c> order session, the listenKey user data stream
/// and the <c>countdownCancelAll</c> dead-man switch, armed once the desk made the gateway (its health gates new orders)
/// and disarmed after the exit cancel-all; the venue is <see cref="BinanceUsdmGateway"/> (one-way position mode).
/// </summary>
internal sealed class UsdmVenueLink : LiveVenueLink
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(20);
    private readonly UsdmVenueConnection _venue;
    private readonly Action<string> _log;

    private UsdmVenueLink(UsdmVenueConnection venue, Action<string> log)
    {
        _venue = venue;
        _log = log;
    }

    /// <inheritdoc />
    public override IExecutionGatewayFactory Venue => _venue.Factory;

    /// <inheritdoc />
    public override ServerTimeSync Time => _venue.Time;

    /// <inheritdoc />
    public override long Reconnects => _venue.OrderSessionReconnects + _venue.UserStreamReconnects;

    /// <inheritdoc />
    public override Core.Time.LatencyHistogram TickToOrder => _venue.TickToOrder;

    /// <summary>Connects (exchangeInfo, clock, order session, user data stream) and registers the traded symbols from
    /// the futures filters as <c>binance-usdm</c> symbols.</summary>
    public static async Task<UsdmVenueLink> ConnectAsync(LiveEndpoints endpoints, IRequestSigner signer, IReadOnlyList<string> symbols,
        SymbolRegistry registry, ClientOrderIdSession session, Action<string> venueLog, CancellationToken ct)
    {
        UsdmVenueConnection venue;
        using (var connect = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            connect.CancelAfter(ConnectTimeout);
            try
            {
                venue = await UsdmVenueConnection.ConnectAsync(endpoints.Usdm, signer, registry, session, new UsdmVenueSettings { Log = venueLog },
                    connect.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new IOException($"no USD-M venue at {SecretRedactor.Redact(endpoints.Rest)} / {SecretRedactor.Redact(endpoints.WsApi)} within {ConnectTimeout.TotalSeconds:F0} s (keys accepted? see the log)");
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or WebSocketException)
            {
                throw new IOException($"USD-M venue {SecretRedactor.Redact(endpoints.Rest)}: {SecretRedactor.Redact(e.Message)}");
            }
        }
        try
        {
            foreach (var name in symbols)
            {
                if (!venue.Filters.TryGetValue(name.ToUpperInvariant(), out var f))
                    throw new ArgumentException($"{name.ToUpperInvariant()} is not listed in {SecretRedactor.Redact(endpoints.Rest)}fapi/v1/exchangeInfo");
                RegisterFromFilters(registry, f, "binance-usdm");
            }
        }
        catch
        {
            await venue.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new UsdmVenueLink(venue, venueLog);
    }

    /// <inheritdoc />
    /// <remarks>The connection keeps its clock synced itself.</remarks>
    public override Task RunClockAsync(CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc />
    /// <remarks>Arms the dead-man switch: until it is armed (and while a re-arm fails) the gateway's streams count as down.</remarks>
    public override async Task OnGatewayAsync(ILiveVenue venue, CancellationToken ct)
    {
        bool armed = await _venue.StartHeartbeatAsync(ct).ConfigureAwait(false);
        _log(armed ? "usdm: countdownCancelAll armed (the exchange cancels our orders if this process stops re-arming it)"
            : $"usdm: countdownCancelAll could not be armed ({_venue.Heartbeat.LastError}); no new order until it is");
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
            _log($"usdm: countdownCancelAll disarm failed ({e.Message}); the switch stays armed and fires when it lapses");
        }
    }

    /// <inheritdoc />
    public override async Task<(long Count, string? Error)> OpenOrdersAsync(IReadOnlyList<string> symbols, CancellationToken ct)
    {
        long total = 0;
        foreach (var symbol in symbols)
        {
            var r = await _venue.Rest.OpenOrdersAsync(symbol, ct).ConfigureAwait(false);
            if (!r.IsOk || r.Value is null) return (-1, $"GET /fapi/v1/openOrders {symbol}: {r}");
            total += r.Value.Length;
        }
        return (total, null);
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => _venue.DisposeAsync();
}
