using HftScalper.Core.Events;
using HftScalper.Native;

namespace HftScalper.Trading.Execution;

// Matching rules of the paper venue: arrivals, level walks, queue positions and resting fills.
public sealed partial class PaperExchange
{
    private void ProcessArrivals(int symbolId, NativeOrderBook? book)
    {
        int kept = 0;
        for (int i = 0; i < _inflightCount; i++)
        {
            ref var p = ref _inflight[i];
            if (p.SymbolId != symbolId || p.ArrivalNs > NowNs)
            {
                if (kept != i) _inflight[kept] = p;
                kept++;
                continue;
            }
            var request = p; // copy: the slot may be overwritten by compaction below
            switch (request.Kind)
            {
                case PendingRequestKind.New:
                    Arrive(in request.Request, book);
                    break;
                case PendingRequestKind.Cancel:
                    ArriveCancel(request.Target, request.SymbolId);
                    break;
                default:
                    ArriveReplace(request.Target, in request.Request, book);
                    break;
            }
        }
        _inflightCount = kept;
    }

    private void ArriveCancel(ClientOrderId target, int symbolId)
    {
        int index = FindActive(target);
        if (index < 0)
        {
            var r = new OrderRequest { ClientOrderId = target, SymbolId = symbolId };
            EmitStateless(in r, ExecutionReportKind.Rejected, ExecutionReason.UnknownOrder);
            return;
        }
        int slot = _active[index];
        Emit(ref _orders[slot], ExecutionReportKind.Cancelled, ExecutionReason.CancelRequested, 0, 0, Liquidity.None);
        RemoveActive(index);
    }

    private void ArriveReplace(ClientOrderId target, in OrderRequest replacement, NativeOrderBook? book)
    {
        int index = FindActive(target);
        if (index < 0)
        {
            EmitStateless(in replacement, ExecutionReportKind.Rejected, ExecutionReason.UnknownOrder);
            return;
        }
        int slot = _active[index];
        Emit(ref _orders[slot], ExecutionReportKind.Cancelled, ExecutionReason.Replaced, 0, 0, Liquidity.None);
        RemoveActive(index);
        Arrive(in replacement, book);
    }

    private void Arrive(in OrderRequest request, NativeOrderBook? book)
    {
        if (book is null)
        {
            EmitStateless(in request, ExecutionReportKind.Rejected, ExecutionReason.NoLiquidity);
            return;
        }
        if (OffGrid(in request))
        {
            OffGridRejects++;
            FilterRejects++;
            EmitStateless(in request, ExecutionReportKind.Rejected, ExecutionReason.FilterFailure);
            return;
        }
        if (_options.Filters is { } filters && RejectByFilters(filters, in request, book)) return;
        if (request.Side == OrderSide.Sell && _noShort[request.SymbolId]
            && request.QuantityLots > _inventory[request.SymbolId] - RestingSellLots(request.SymbolId))
        {
            EmitStateless(in request, ExecutionReportKind.Rejected, ExecutionReason.InsufficientBalance);
            return;
        }
        if (_freeCount == 0)
        {
            CapacityRejects++;
            EmitStateless(in request, ExecutionReportKind.Rejected, ExecutionReason.CapacityExceeded);
            return;
        }
        book.TryGetTop(out var top);
        bool buy = request.Side == OrderSide.Buy;
        long opposite = buy ? top.AskPrice : top.BidPrice; // 0 when that side is empty
        bool crosses = opposite > 0 && request.Type != OrderType.Market
            && (buy ? request.PriceTicks >= opposite : request.PriceTicks <= opposite);
        if (request.Type == OrderType.PostOnly && crosses)
        {
            EmitStateless(in request, ExecutionReportKind.Rejected, ExecutionReason.PostOnlyWouldCross);
            return;
        }

        int slot = _freeSlots[--_freeCount];
        ref var o = ref _orders[slot];
        o = default;
        o.Request = request;
        Emit(ref o, ExecutionReportKind.Ack, ExecutionReason.None, 0, 0, Liquidity.None);

        if (request.Type == OrderType.Market || crosses) WalkLevels(ref o, book);
        o.CrossedOnArrival = crosses;
        if (o.LeavesLots == 0)
        {
            _freeSlots[_freeCount++] = slot;
            return;
        }
        if (request.Type is OrderType.Market or OrderType.Ioc)
        {
            var reason = request.Type == OrderType.Market ? ExecutionReason.MarketRemainder : ExecutionReason.IocRemainder;
            Emit(ref o, ExecutionReportKind.Cancelled, reason, 0, 0, Liquidity.None);
            _freeSlots[_freeCount++] = slot;
            return;
        }
        // Resting: everything visible at our price is ahead of us.
        o.LevelLots = VisibleAt(book, buy ? Side.Bid : Side.Ask, request.PriceTicks);
        o.CheckedLevelLots = o.LevelLots;
        o.Ahead = o.LevelLots;
        _active[_activeCount++] = slot;
    }

    // The venue's filters, the band centred on the mid (0 with a side empty: the band is not checked).
    private bool RejectByFilters(IOrderFilter filters, in OrderRequest request, NativeOrderBook book)
    {
        book.TryGetTop(out var top);
        long mid = top.BidPrice > 0 && top.AskPrice > 0 ? (long)(((Int128)top.BidPrice + top.AskPrice) / 2) : 0;
        var reason = filters.Check(in request, mid);
        if (reason == ExecutionReason.None) return false;
        FilterRejects++;
        EmitStateless(in request, ExecutionReportKind.Rejected, reason);
        return true;
    }

    // Takes liquidity level by level (best first) up to the limit price (any price for market orders).
    private void WalkLevels(ref SimOrder o, NativeOrderBook book)
    {
        bool buy = o.Request.Side == OrderSide.Buy;
        var side = buy ? Side.Ask : Side.Bid;
        int n = book.CopyLevels(side, _levels);
        for (int i = 0; i < n && o.LeavesLots > 0; i++)
        {
            long price = _levels[i].Price;
            if (o.Request.Type != OrderType.Market && (buy ? price > o.Request.PriceTicks : price < o.Request.PriceTicks)) break;
            long available = _levels[i].Quantity - (_consumed.Count > 0 ? _consumed.At(o.Request.SymbolId, side, price) : 0);
            long qty = Math.Min(o.LeavesLots, available);
            if (qty <= 0) continue;
            _consumed.Add(o.Request.SymbolId, side, price, qty);
            Fill(ref o, price, qty, Liquidity.Taker);
        }
    }

    private long VisibleAt(NativeOrderBook book, Side side, long price)
    {
        int n = book.CopyLevels(side, _levels);
        for (int i = 0; i < n; i++)
        {
            long p = _levels[i].Price;
            if (p == price) return _levels[i].Quantity;
            if (side == Side.Bid ? p < price : p > price) return 0; // passed our price: the level is empty
        }
        return 0;
    }

    private void UpdateResting(in MarketEvent e, NativeOrderBook? book, bool consistent)
    {
        bool haveTop = false;
        TopOfBook top = default;
        if (consistent)
        {
            if (book is not null) haveTop = book.TryGetTop(out top) || top.BidPrice > 0 || top.AskPrice > 0;
            else if (e.Kind == MarketEventKind.TopOfBook)
            {
                top = new TopOfBook { BidPrice = e.Price, BidQuantity = e.Quantity, AskPrice = e.AskPrice, AskQuantity = e.AskQuantity };
                haveTop = true;
            }
        }
        // A trade of unknown side (a source that prints none and could not sign it) fills nothing: reading it as a
        // buy (as before) filled resting asks and never bids on such input.
        Side aggressor = e.Kind != MarketEventKind.Trade ? Side.None
            : e.Side != Side.None ? e.Side
            : (e.Flags & MarketEventFlags.BuyerIsMaker) != 0 ? Side.Ask : Side.None;

        for (int i = 0; i < _activeCount; i++)
        {
            int slot = _active[i];
            ref var o = ref _orders[slot];
            if (o.Request.SymbolId != e.SymbolId) continue;
            bool buy = o.Request.Side == OrderSide.Buy;
            long px = o.Request.PriceTicks;
            switch (e.Kind)
            {
                case MarketEventKind.Trade when aggressor == (buy ? Side.Ask : Side.Bid):
                    OnTradeAgainst(ref o, e.Price, e.Quantity, buy);
                    break;
                case MarketEventKind.BookDelta or MarketEventKind.SnapshotLevel:
                    if ((e.Flags & MarketEventFlags.SnapshotStart) != 0) o.LevelLots = 0; // the book is rebuilt
                    if (e.Side == (buy ? Side.Bid : Side.Ask) && e.Price == px) o.LevelLots = e.Quantity;
                    break;
                case MarketEventKind.TopOfBook:
                    if (buy && e.Price == px) o.LevelLots = e.Quantity;
                    else if (!buy && e.AskPrice == px) o.LevelLots = e.AskQuantity;
                    break;
            }
            if (o.LeavesLots > 0 && consistent)
            {
                // Only a book event says what the level holds now; trades wait for it (no double counting).
                if (e.Kind is not (MarketEventKind.Trade or MarketEventKind.Clock or MarketEventKind.Status)) CheckQueue(ref o);
                long opposite = buy ? top.AskPrice : top.BidPrice;
                bool strict = o.CrossedOnArrival || _options.QueueModel == QueueCancelModel.TradeThrough;
                bool through = strict ? (buy ? opposite < px : opposite > px) : (buy ? opposite <= px : opposite >= px);
                if (haveTop && opposite > 0 && through)
                    Fill(ref o, px, o.LeavesLots, Liquidity.Maker); // the book moved through our price
            }
            if (o.LeavesLots == 0)
            {
                RemoveActive(i);
                i--; // the last active order moved into this index
            }
        }
    }

    private void OnTradeAgainst(ref SimOrder o, long tradePrice, long tradeQty, bool buy)
    {
        long px = o.Request.PriceTicks;
        if (buy ? tradePrice < px : tradePrice > px)
        {
            Fill(ref o, px, o.LeavesLots, Liquidity.Maker); // traded through: our whole level was consumed
            return;
        }
        if (tradePrice != px || _options.QueueModel == QueueCancelModel.TradeThrough) return;
        o.TradedSinceCheck += tradeQty;
        long beyondQueue = tradeQty - o.Ahead;
        o.Ahead = Math.Max(0, o.Ahead - tradeQty);
        if (beyondQueue > 0) Fill(ref o, px, Math.Min(beyondQueue, o.LeavesLots), Liquidity.Maker);
    }

    // At a consistent book: cancels may advance the queue (by model), and it never exceeds what is visible.
    private void CheckQueue(ref SimOrder o)
    {
        if (_options.QueueModel == QueueCancelModel.Proportional && o.CheckedLevelLots > 0 && o.Ahead > 0)
        {
            long cancelled = o.CheckedLevelLots - o.LevelLots - o.TradedSinceCheck;
            if (cancelled > 0)
                o.Ahead -= (long)((Int128)cancelled * o.Ahead / o.CheckedLevelLots); // rounds the advance down
        }
        if (o.Ahead > o.LevelLots) o.Ahead = o.LevelLots;
        o.CheckedLevelLots = o.LevelLots;
        o.TradedSinceCheck = 0;
    }

    private void Fill(ref SimOrder o, long price, long qty, Liquidity liquidity)
    {
        o.FilledLots += qty;
        var kind = o.LeavesLots == 0 ? ExecutionReportKind.Fill : ExecutionReportKind.PartialFill;
        Emit(ref o, kind, ExecutionReason.None, price, qty, liquidity);
    }

    private void Emit(ref SimOrder o, ExecutionReportKind kind, ExecutionReason reason, long price, long qty, Liquidity liquidity)
    {
        var r = new ExecutionReport
        {
            Kind = kind, Reason = reason, Side = o.Request.Side, OrderType = o.Request.Type, Liquidity = liquidity,
            SymbolId = o.Request.SymbolId, ClientOrderId = o.Request.ClientOrderId,
            OrderPriceTicks = o.Request.Type == OrderType.Market ? 0 : o.Request.PriceTicks,
            LastPriceTicks = price, LastQuantityLots = qty, CumulativeQuantityLots = o.FilledLots,
            LeavesQuantityLots = kind is ExecutionReportKind.Cancelled or ExecutionReportKind.Rejected ? 0 : o.LeavesLots,
            Fee = qty > 0 ? FeeOf(o.Request.SymbolId, price, qty, liquidity) : 0,
            ExchangeTimeNs = NowNs, ReceiveTimeNs = ReceiveTime(),
        };
        if (qty > 0) _inventory[o.Request.SymbolId] += o.Request.Side == OrderSide.Buy ? qty : -qty;
        Enqueue(in r);
    }

    // In the symbol's amount units: ticks x lots, or the coin of an inverse contract (symbols registered later: linear).
    private long FeeOf(int symbolId, long price, long qty, Liquidity liquidity) =>
        _amounts is { } a && (uint)symbolId < (uint)a.Count ? a.Fee(symbolId, price, qty, _options.Fees, liquidity) : _options.Fees.Compute(price, qty, liquidity);

    // Base locked by resting sells (few: bounded by risk's open-order limit, so a scan).
    private long RestingSellLots(int symbolId)
    {
        long lots = 0;
        for (int i = 0; i < _activeCount; i++)
        {
            ref var o = ref _orders[_active[i]];
            if (o.Request.SymbolId == symbolId && o.Request.Side == OrderSide.Sell) lots += o.LeavesLots;
        }
        return lots;
    }

    private void EmitStateless(in OrderRequest request, ExecutionReportKind kind, ExecutionReason reason)
    {
        var o = new SimOrder { Request = request };
        Emit(ref o, kind, reason, 0, 0, Liquidity.None);
    }

    private long ReceiveTime()
    {
        long t = NowNs + _options.ResponseLatency.NextNs();
        if (t < _lastReceiveNs) t = _lastReceiveNs; // reports arrive in the order they were sent
        _lastReceiveNs = t;
        return t;
    }

    private int FindActive(ClientOrderId id)
    {
        for (int i = 0; i < _activeCount; i++)
            if (_orders[_active[i]].Request.ClientOrderId == id) return i;
        return -1;
    }

    private void RemoveActive(int index)
    {
        _freeSlots[_freeCount++] = _active[index];
        _active[index] = _active[--_activeCount];
    }
}
