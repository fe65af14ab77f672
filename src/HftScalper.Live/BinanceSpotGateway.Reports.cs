using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;
using HftScalper.Core.Numerics;
using HftScalper.Trading.Execution;

namespace HftScalper.Live;

// Report building (callers hold the order's lock), fees and reject mapping.
public sealed partial class BinanceSpotGateway
{
    private void EmitAck(VenueOrder o)
    {
        if (o.Acked || o.State == VenueOrderState.Done) return;
        o.Acked = true;
        Enqueue(o, ExecutionReportKind.Ack, ExecutionReason.None, _clock());
    }

    private void EmitFill(VenueOrder o, long lots, long priceTicks, long fee, long cumLots, bool maker, long exchangeNs)
    {
        o.Acked = true; // a fill implies the venue took the order: a later ack adds nothing
        o.ReportedLots = cumLots;
        bool done = cumLots >= o.Request.QuantityLots;
        var r = Report(o, done ? ExecutionReportKind.Fill : ExecutionReportKind.PartialFill, ExecutionReason.None, exchangeNs);
        r.LastPriceTicks = priceTicks;
        r.LastQuantityLots = lots;
        r.Fee = fee;
        r.Liquidity = maker ? Liquidity.Maker : Liquidity.Taker;
        _reports.Enqueue(r);
        if (done) o.State = VenueOrderState.Done;
    }

    private void EmitCancelled(VenueOrder o, long exchangeNs)
    {
        if (o.State == VenueOrderState.Done) return;
        var reason = o.ReplacePending ? ExecutionReason.Replaced
            : o.CancelRequested ? ExecutionReason.CancelRequested
            : o.Request.Type == OrderType.Ioc ? ExecutionReason.IocRemainder
            : o.Request.Type == OrderType.Market ? ExecutionReason.MarketRemainder
            : ExecutionReason.CancelRequested;
        o.State = VenueOrderState.Done;
        Enqueue(o, ExecutionReportKind.Cancelled, reason, exchangeNs);
    }

    private void EmitReject(VenueOrder o, ExecutionReason reason)
    {
        if (o.State == VenueOrderState.Done) return;
        o.State = VenueOrderState.Done;
        Enqueue(o, ExecutionReportKind.Rejected, reason, _clock());
    }

    // A refused cancel or replace: a Rejected report for the order, which lives on.
    private void QueueRequestReject(VenueOrder o, ExecutionReason reason) =>
        _reports.Enqueue(Report(o, ExecutionReportKind.Rejected, reason, _clock()));

    private void Enqueue(VenueOrder o, ExecutionReportKind kind, ExecutionReason reason, long exchangeNs) =>
        _reports.Enqueue(Report(o, kind, reason, exchangeNs));

    private ExecutionReport Report(VenueOrder o, ExecutionReportKind kind, ExecutionReason reason, long exchangeNs)
    {
        var r = o.Request;
        bool terminal = kind is ExecutionReportKind.Fill or ExecutionReportKind.Cancelled
            || (kind == ExecutionReportKind.Rejected && o.State == VenueOrderState.Done);
        return new ExecutionReport
        {
            Kind = kind,
            Reason = reason,
            Side = r.Side,
            OrderType = r.Type,
            SymbolId = r.SymbolId,
            ClientOrderId = r.ClientOrderId,
            OrderPriceTicks = r.Type == OrderType.Market ? 0 : r.PriceTicks,
            CumulativeQuantityLots = o.ReportedLots,
            LeavesQuantityLots = terminal ? 0 : r.QuantityLots - o.ReportedLots,
            ExchangeTimeNs = exchangeNs,
            ReceiveTimeNs = _clock(),
        };
    }

    // Commission in the symbol's quote units (ticks x lots): exact when paid in the quote asset; paid in the base asset
    // it is valued at the fill price (the base balance is then lower than the ledger's position by the fee); other
    // assets (BNB) are not valued here (0).
    private long FeeOf(int symbolId, OrderUpdate u)
    {
        if (u.Commission == 0 || u.CommissionAsset is null) return 0;
        var sym = _symbols[symbolId];
        long amountScale = FixedPoint.PowerOfTen(UserDataEvent.AmountDecimals);
        if (u.CommissionAsset == _quoteAsset[symbolId])
            return (long)((Int128)u.Commission * FixedPoint.PowerOfTen(sym.PriceDecimals + sym.QuantityDecimals) / amountScale);
        if (u.CommissionAsset == _baseAsset[symbolId])
            return (long)((Int128)u.Commission * u.LastPrice * FixedPoint.PowerOfTen(sym.QuantityDecimals) / amountScale);
        return 0;
    }

    private void NoteReject(WsApiResponse response)
    {
        Interlocked.Increment(ref _venueRejects);
        Volatile.Write(ref _lastRejectCode, response.ErrorCode);
        Volatile.Write(ref _lastRejectMessage, response.ErrorMessage);
        _options.Log?.Invoke($"binance gateway: {response}");
    }

    private static ExecutionReason MapReject(WsApiResponse response)
    {
        string msg = response.ErrorMessage ?? "";
        return response.ErrorCode switch
        {
            -2011 or -2013 => ExecutionReason.UnknownOrder,
            -1013 => ExecutionReason.InvalidOrder,
            -2010 when msg.Contains("immediately match", StringComparison.OrdinalIgnoreCase) => ExecutionReason.PostOnlyWouldCross,
            -2010 when msg.Contains("insufficient balance", StringComparison.OrdinalIgnoreCase) => ExecutionReason.InsufficientBalance,
            -2010 when msg.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) => ExecutionReason.DuplicateClientOrderId,
            _ => ExecutionReason.VenueRejected,
        };
    }

    private static long ParseOrZero(string? text, int decimals) =>
        text is not null && FixedPoint.TryParse(text, decimals, out long v) == FixedPointStatus.Ok ? v : 0;
}
