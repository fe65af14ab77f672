using System.Globalization;
using System.Text.Json;
using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;
using HftScalper.Trading.Execution;
using static HftScalper.Live.VenueNumbers;

namespace HftScalper.Live;

// ILiveVenue: what the live host's control task needs (never the strategy thread): the streams-up gate, reconcile
// requests, the account view and cancel-all. All off the hot path (JsonDocument, allocations are fine here).
public sealed partial class BinanceSpotGateway : ILiveVenue
{
    private volatile bool _streamTerminated;

    /// <inheritdoc />
    public string Market => "spot";

    /// <inheritdoc />
    /// <remarks>Spot carries the order session and the user data subscription on one WebSocket API connection: up
    /// while it is ready and no <c>eventStreamTerminated</c> is waiting for its resubscription.</remarks>
    public bool StreamsUp => _api.Client.IsReady && !_streamTerminated;

    /// <inheritdoc />
    public event EventHandler<string>? ReconcileNeeded;

    /// <inheritdoc />
    /// <exception cref="IOException">A query was not answered Ok (the text says which and why).</exception>
    public async Task<VenueAccountView> QueryAccountAsync(CancellationToken ct)
    {
        var open = await QueryOpenOrdersAsync(ct).ConfigureAwait(false);
        var account = await _api.AccountStatusAsync(omitZeroBalances: false, ct).ConfigureAwait(false);
        using var acc = Result(account);
        var positions = new long[_symbols.Count];
        decimal quote = 0;
        string? quoteAsset = _symbols.MarginAsset;
        if (acc.RootElement.TryGetProperty("balances", out var balances) && balances.ValueKind == JsonValueKind.Array)
        {
            foreach (var b in balances.EnumerateArray())
            {
                string? asset = b.TryGetProperty("asset", out var a) ? a.GetString() : null;
                if (asset is null) continue;
                decimal held = Decimal(b, "free") + Decimal(b, "locked");
                if (asset == quoteAsset) quote = held;
                for (int s = 0; s < _symbols.Count; s++)
                    if (asset == _symbols.BaseAsset[s])
                        positions[s] = (long)decimal.Floor(held * Core.Numerics.FixedPoint.PowerOfTen(_symbols.Info[s].QuantityDecimals));
            }
        }
        return new VenueAccountView(open, positions, quote, OrderPath.Reports.ClockNs());
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VenueOpenOrder>> QueryOpenOrdersAsync(CancellationToken ct)
    {
        var open = new List<VenueOpenOrder>();
        foreach (int s in _symbols.Ids.Values) // the traded symbols: one exchangeInfo does not list would answer -1121
        {
            var response = await _api.OpenOrdersAsync(_symbols.Info[s].Name, ct).ConfigureAwait(false);
            using var doc = Result(response);
            foreach (var o in doc.RootElement.EnumerateArray()) open.Add(ReadOpenOrder(s, o));
        }
        return open;
    }

    /// <inheritdoc />
    /// <exception cref="IOException">A cancel-all was not answered Ok (other than "no open order").</exception>
    public async Task<int> CancelAllAsync(CancellationToken ct)
    {
        int cancelled = 0;
        foreach (int s in _symbols.Ids.Values)
        {
            var response = await _api.Client.SendAsync("openOrders.cancelAll", new WsApiParams().Add("symbol", _symbols.Info[s].Name),
                WsApiSecurity.Signed, ct).ConfigureAwait(false);
            if (response.Outcome == WsApiOutcome.Rejected && response.ErrorCode == -2011) continue; // none open
            using var doc = Result(response);
            if (doc.RootElement.ValueKind == JsonValueKind.Array) cancelled += doc.RootElement.GetArrayLength();
        }
        return cancelled;
    }

    // Called from OnReconcileRequested (the client's receive loop) and on user data (stream terminated).
    private void RaiseReconcileNeeded(string why)
    {
        try
        {
            ReconcileNeeded?.Invoke(this, why);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _options.Log?.Invoke($"binance gateway: reconcile handler threw {e.GetType().Name}: {e.Message}");
        }
    }

    private void OnStreamEvent(UserDataEvent e)
    {
        if (e is StreamTerminated) _streamTerminated = true;
    }

    private void OnSessionReady(ReconcileRequestedEventArgs e)
    {
        _streamTerminated = false;
        RaiseReconcileNeeded(string.Create(CultureInfo.InvariantCulture, $"{e.Reason} (session {e.Generation})"));
    }

    private VenueOpenOrder ReadOpenOrder(int symbolId, JsonElement o)
    {
        var sym = _symbols.Info[symbolId];
        string id = o.TryGetProperty("clientOrderId", out var c) ? c.GetString() ?? "" : "";
        var side = o.TryGetProperty("side", out var sd) && sd.GetString() == "SELL" ? OrderSide.Sell : OrderSide.Buy;
        return new VenueOpenOrder(symbolId, id, side, Fixed(o, "price", sym.PriceDecimals), Fixed(o, "origQty", sym.QuantityDecimals),
            Fixed(o, "executedQty", sym.QuantityDecimals));
    }

    private static JsonDocument Result(WsApiResponse response)
    {
        if (response.Outcome != WsApiOutcome.Ok || response.ResultJson is null) throw new IOException($"binance gateway: {response}");
        return JsonDocument.Parse(response.ResultJson);
    }

    private static long Fixed(JsonElement o, string name, int decimals) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? ParseOrZero(v.GetString(), decimals) : 0;

    private static decimal Decimal(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
        && decimal.TryParse(v.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : 0m;
}
