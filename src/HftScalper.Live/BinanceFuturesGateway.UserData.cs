using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;

namespace HftScalper.Live;

// The listenKey stream's events (its receive thread) and reconcile requests of both connections.
public sealed partial class BinanceFuturesGateway
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
        var book = OrderPath.Book;
        if (!book.TryRoute(u.ClientOrderId, out var order))
        {
            // A fill we did not place (liquidation, ADL, another process) moved a traded position: the ledger is off.
            if (u.ExecutionType is ExecutionType.Trade or ExecutionType.Calculated && _symbols.Ids.ContainsKey(u.Symbol))
                RaiseReconcile($"foreign fill on {u.Symbol} ({u.ExecutionType}, client order id {u.ClientOrderId})");
            return;
        }
        if (!book.IsFresh(u)) return;
        if (u.ExecutionType == ExecutionType.Amendment)
        {
            VenueOrder? successor;
            lock (order) successor = order.Successor;
            if (successor is not null) CompleteModify(order, successor, new QueriedOrder(null, u.CumulativeQuantity, 0, null));
            return;
        }
        book.Apply(order, u);
    }

    private void OnAccountUpdate(FuturesAccountUpdate a)
    {
        bool positionChanged = false;
        lock (_riskGate)
        {
            foreach (var p in a.Positions)
            {
                if (p.SymbolId < 0 || p.SymbolId >= _positionLots.Length || !_symbols.Ids.ContainsKey(p.Symbol)) continue;
                // One-way mode reports BOTH; hedge mode LONG (positive) and SHORT (negative): keep the net of what arrived.
                _positionLots[p.SymbolId] = p.Amount;
                _positionVersion[p.SymbolId]++;
                _risk[p.SymbolId] = _risk[p.SymbolId] with { Known = false, PositionLots = p.Amount };
                positionChanged = true;
            }
            foreach (var b in a.Balances)
                if (b.Asset == _marginAsset) _walletBalance = b.WalletBalance / VenueNumbers.Pow10(UserDataEvent.AmountDecimals);
            if (positionChanged) PublishRiskFigures();
        }
        if (positionChanged && _options.RefreshRiskOnPositionChange && !OrderPath.Stopping.IsCancellationRequested) _ = RefreshRiskFiguresAsync(OrderPath.Stopping);
    }

    private void OnReconcileRequested(object? sender, ReconcileRequestedEventArgs e)
    {
        if (e.Reason == ReconcileReason.Started) return;
        string source = ReferenceEquals(sender, _userData) ? "user data stream" : "order session";
        // Events may have been missed: query every order not known to be done.
        foreach (var order in OrderPath.Book.Orders)
        {
            bool open;
            lock (order) open = order.State != VenueOrderState.Done && order.Successor is null;
            if (open) _ = OrderPath.Outcomes.ResolveAsync(order, $"reconcile: {source} {e.Reason}");
        }
        RaiseReconcile($"{source}: {e.Reason}");
    }

    private void RaiseReconcile(string why)
    {
        _options.Log?.Invoke($"{LogName}: reconcile needed ({why})");
        try
        {
            ReconcileNeeded?.Invoke(this, why);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _options.Log?.Invoke($"{LogName}: ReconcileNeeded handler threw {ex.GetType().Name}: {ex.Message}");
        }
    }
}
