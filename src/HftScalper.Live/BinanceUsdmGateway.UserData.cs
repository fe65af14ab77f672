using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;
using HftScalper.Trading.Execution;
using BinanceStatus = HftScalper.Binance.UserData.OrderStatus;

namespace HftScalper.Live;

// The listenKey stream's events (its receive thread) and reconcile requests of both connections.
public sealed partial class BinanceUsdmGateway
{
    private void OnUserData(object? sender, UserDataEvent e)
    {
        switch (e)
        {
            case OrderUpdate { Market: UserDataMarket.UsdM } u:
                OnOrderUpdate(u);
                break;
            case FuturesAccountUpdate a:
                OnAccountUpdate(a);
                break;
        }
    }

    private void OnOrderUpdate(OrderUpdate u)
    {
        if (!_session.TryParse(u.ClientOrderId, out var id) || !_routes.TryGetValue(id.Value, out var order))
        {
            Interlocked.Increment(ref _foreignReports);
            // A fill we did not place (liquidation, ADL, another process) moved a traded position: the ledger is off.
            if (u.ExecutionType is ExecutionType.Trade or ExecutionType.Calculated && _symbolIds.ContainsKey(u.Symbol))
                RaiseReconcile($"foreign fill on {u.Symbol} ({u.ExecutionType}, client order id {u.ClientOrderId})");
            return;
        }
        lock (_sequencerGate)
        {
            if (_sequencer.Classify(u) != ReportOrder.Fresh) return;
        }
        if (u.ExecutionType == ExecutionType.Amendment)
        {
            UsdmOrder? successor;
            lock (order) successor = order.Successor;
            if (successor is not null) CompleteModify(order, successor, u.CumulativeQuantity, 0);
            return;
        }
        long exchangeNs = u.TransactionTimeMs * 1_000_000;
        lock (order)
        {
            if (order.State == VenueOrderState.Done)
            {
                Interlocked.Increment(ref _lateReports);
                return;
            }
            if (order.State != VenueOrderState.Unknown) order.State = VenueOrderState.Live;
            switch (u.ExecutionType)
            {
                case ExecutionType.New:
                    EmitAck(order);
                    break;
                case ExecutionType.Trade:
                    long cum = u.CumulativeQuantity - order.BaseLots;
                    if (cum <= order.ReportedLots)
                    {
                        Interlocked.Increment(ref _coveredFills);
                        break;
                    }
                    EmitFill(order, cum - order.ReportedLots, u.LastPrice, FeeOf(order.Request.SymbolId, u), cum, u.IsMaker, exchangeNs);
                    if (u.Status == BinanceStatus.Filled) EmitCancelled(order, exchangeNs); // no-op unless filled short of our quantity
                    break;
                case ExecutionType.Canceled or ExecutionType.Expired or ExecutionType.TradePrevention:
                    if (u.Status is BinanceStatus.Canceled or BinanceStatus.Expired or BinanceStatus.ExpiredInMatch)
                        EmitCancelled(order, exchangeNs);
                    break;
                case ExecutionType.Rejected:
                    EmitReject(order, ExecutionReason.VenueRejected);
                    break;
            }
        }
        if (u.Status is BinanceStatus.Filled or BinanceStatus.Canceled or BinanceStatus.Expired or BinanceStatus.ExpiredInMatch or BinanceStatus.Rejected)
            lock (_sequencerGate) _sequencer.Forget(UserDataMarket.UsdM, u.OrderId);
    }

    private void OnAccountUpdate(FuturesAccountUpdate a)
    {
        bool positionChanged = false;
        lock (_riskGate)
        {
            foreach (var p in a.Positions)
            {
                if (p.SymbolId < 0 || p.SymbolId >= _positionLots.Length || !_symbolIds.ContainsKey(p.Symbol)) continue;
                // One-way mode reports BOTH; hedge mode LONG (positive) and SHORT (negative): keep the net of what arrived.
                _positionLots[p.SymbolId] = p.Amount;
                _positionVersion[p.SymbolId]++;
                _risk[p.SymbolId] = _risk[p.SymbolId] with { Known = false, PositionLots = p.Amount };
                positionChanged = true;
            }
            foreach (var b in a.Balances)
                if (b.Asset == _marginAsset) _walletBalance = b.WalletBalance / Pow10(UserDataEvent.AmountDecimals);
            if (positionChanged) PublishRiskFigures();
        }
        if (positionChanged && _options.RefreshRiskOnPositionChange && !_stop.IsCancellationRequested) _ = RefreshRiskFiguresAsync(_stop.Token);
    }

    private void OnReconcileRequested(object? sender, ReconcileRequestedEventArgs e)
    {
        if (e.Reason == ReconcileReason.Started) return;
        string source = ReferenceEquals(sender, _userData) ? "user data stream" : "order session";
        // Events may have been missed: query every order not known to be done.
        foreach (var order in _orders.Values)
        {
            bool open;
            lock (order) open = order.State != VenueOrderState.Done && order.Successor is null;
            if (open) _ = ResolveAsync(order, $"reconcile: {source} {e.Reason}");
        }
        RaiseReconcile($"{source}: {e.Reason}");
    }

    private void RaiseReconcile(string why)
    {
        _options.Log?.Invoke($"binance usdm gateway: reconcile needed ({why})");
        try
        {
            ReconcileNeeded?.Invoke(this, why);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _options.Log?.Invoke($"binance usdm gateway: ReconcileNeeded handler threw {ex.GetType().Name}: {ex.Message}");
        }
    }
}
