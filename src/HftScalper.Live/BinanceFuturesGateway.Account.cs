using HftScalper.Binance.Orders;
using HftScalper.Binance.Rest;
using static HftScalper.Live.VenueNumbers;
using TradingSide = HftScalper.Trading.Execution.OrderSide;

namespace HftScalper.Live;

// The control task's side: account view, cancel-all and the exchange's risk figures (REST).
public sealed partial class BinanceFuturesGateway
{
    private readonly object _riskGate = new();
    private readonly FuturesRiskFigures[] _risk;
    private readonly long[] _positionLots;
    private readonly long[] _positionVersion;
    private readonly string? _marginAsset;
    private decimal _walletBalance;
    private long _riskRefreshes, _riskRefreshFailures;

    /// <summary>Successful <c>positionRisk</c> refreshes of the risk figures.</summary>
    public long RiskRefreshes => Interlocked.Read(ref _riskRefreshes);

    /// <summary>Failed <c>positionRisk</c> refreshes (figures stay as they were; unknown after a position change).</summary>
    public long RiskRefreshFailures => Interlocked.Read(ref _riskRefreshFailures);

    /// <summary>The margin asset's wallet balance as last seen (<c>ACCOUNT_UPDATE</c> or the account query).</summary>
    public decimal WalletBalance { get { lock (_riskGate) return _walletBalance; } }

    /// <summary>
    /// The exchange's latest risk figures of a symbol (<see cref="FuturesRiskFigures"/>). Returns
    /// <see cref="FuturesRiskFigures.Known"/>: false when never queried or when the position changed since the last
    /// <c>positionRisk</c> answer — the risk stage must then refuse orders that would grow the position.
    /// </summary>
    public bool TryGetRiskFigures(int symbolId, out FuturesRiskFigures figures)
    {
        figures = default;
        if ((uint)symbolId >= (uint)_risk.Length) return false;
        lock (_riskGate) figures = _risk[symbolId];
        return figures.Known;
    }

    /// <summary>Queries <c>positionRisk</c> and refreshes the risk figures of the traded symbols; false (logged,
    /// counted) when the query failed.</summary>
    public async Task<bool> RefreshRiskFiguresAsync(CancellationToken ct)
    {
        long[] versions;
        lock (_riskGate) versions = (long[])_positionVersion.Clone();
        RestResult<FuturesPosition[]> r;
        try
        {
            r = await _rest.PositionRiskAsync(null, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        if (!r.IsOk || r.Value is null)
        {
            Interlocked.Increment(ref _riskRefreshFailures);
            _options.Log?.Invoke($"{LogName}: positionRisk failed ({r}); risk figures not refreshed");
            return false;
        }
        ApplyPositionRisk(r.Value, versions);
        Interlocked.Increment(ref _riskRefreshes);
        return true;
    }

    /// <inheritdoc />
    public async Task<VenueAccountView> QueryAccountAsync(CancellationToken ct)
    {
        var open = await QueryOpenOrdersAsync(ct).ConfigureAwait(false);
        long[] versions;
        lock (_riskGate) versions = (long[])_positionVersion.Clone();
        var positions = Require(await _rest.PositionRiskAsync(null, ct).ConfigureAwait(false), "positionRisk");
        var lots = ApplyPositionRisk(positions, versions);
        var account = Require(await _rest.AccountAsync(ct).ConfigureAwait(false), "account");
        decimal wallet = account.Assets?.FirstOrDefault(a => a.Asset == _marginAsset)?.WalletBalance ?? account.TotalWalletBalance;
        lock (_riskGate) _walletBalance = wallet;
        return new VenueAccountView(open, lots, wallet, VenueGatewayCore.WallNs());
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VenueOpenOrder>> QueryOpenOrdersAsync(CancellationToken ct)
    {
        var open = new List<VenueOpenOrder>();
        foreach (var (name, id) in _symbols.Ids)
        {
            var orders = Require(await _rest.OpenOrdersAsync(name, ct).ConfigureAwait(false), "openOrders");
            var sym = _symbols.Info[id];
            foreach (var o in orders)
                open.Add(new VenueOpenOrder(id, o.ClientOrderId ?? "", o.Side == "SELL" ? TradingSide.Sell : TradingSide.Buy,
                    ToTicks(o.Price, sym.PriceDecimals), ToTicks(o.OrigQty, sym.QuantityDecimals), ToTicks(o.ExecutedQty, sym.QuantityDecimals)));
        }
        return open;
    }

    /// <inheritdoc />
    public async Task<int> CancelAllAsync(CancellationToken ct)
    {
        foreach (var order in OrderPath.Book.Orders)
            lock (order)
                if (order.State != VenueOrderState.Done) order.CancelRequested = true;
        int cancelled = 0;
        foreach (var name in _symbols.Ids.Keys)
        {
            var open = await _rest.OpenOrdersAsync(name, ct).ConfigureAwait(false);
            if (open.IsOk && open.Value is { Length: 0 }) continue;
            Require(await _rest.CancelAllOpenOrdersAsync(name, ct).ConfigureAwait(false), "allOpenOrders cancel");
            cancelled += open.Value?.Length ?? 0;
            _options.Log?.Invoke($"{LogName}: cancelled all open orders of {name} ({open.Value?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "count unknown"})");
        }
        return cancelled;
    }

    // Positions (lots per symbol id) from positionRisk; refreshes the figures of symbols whose position did not change
    // while the query was in flight (the others stay unknown until the next refresh).
    private long[] ApplyPositionRisk(FuturesPosition[] positions, long[] versionsAtQuery)
    {
        var lots = new long[_symbols.Count];
        var mark = new long[_symbols.Count];
        var liquidation = new long[_symbols.Count];
        foreach (var p in positions)
        {
            if (p.Symbol is null || !_symbols.Ids.TryGetValue(p.Symbol, out int id)) continue;
            var sym = _symbols.Info[id];
            lots[id] += ToTicks(p.PositionAmt, sym.QuantityDecimals);
            mark[id] = ToTicks(p.MarkPrice, sym.PriceDecimals);
            if (p.PositionAmt != 0) liquidation[id] = ToTicks(p.LiquidationPrice, sym.PriceDecimals);
        }
        long now = VenueGatewayCore.WallNs();
        lock (_riskGate)
        {
            foreach (var id in _symbols.Ids.Values)
            {
                if (_positionVersion[id] != versionsAtQuery[id]) continue; // an ACCOUNT_UPDATE came in between
                _positionLots[id] = lots[id];
                _risk[id] = new FuturesRiskFigures(true, lots[id], mark[id], liquidation[id], now);
            }
            PublishRiskFigures();
        }
        return lots;
    }

    private T Require<T>(RestResult<T> r, string what) where T : class
    {
        if (r.IsOk && r.Value is not null) return r.Value;
        _options.Log?.Invoke($"{LogName}: {what} failed: {r}");
        throw new HttpRequestException($"binance {Market} {what} failed: {r}");
    }
}
