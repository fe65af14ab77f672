using System.Globalization;
using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;
using HftScalper.Core.Numerics;
using HftScalper.Trading.Execution;

namespace HftScalper.Live;

// Report building (callers hold the order's lock), fees and reject mapping.
public sealed partial class BinanceUsdmGateway
{
    private void EmitAck(UsdmOrder o)
    {
        if (o.Acked || o.State == VenueOrderState.Done) return;
        o.Acked = true;
        Enqueue(o, ExecutionReportKind.Ack, ExecutionReason.None, _clock());
    }

    private void EmitFill(UsdmOrder o, long lots, long priceTicks, long fee, long cumLots, bool maker, long exchangeNs)
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

    private void EmitCancelled(UsdmOrder o, long exchangeNs)
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

    private void EmitReject(UsdmOrder o, ExecutionReason reason)
    {
        if (o.State == VenueOrderState.Done) return;
        o.State = VenueOrderState.Done;
        Enqueue(o, ExecutionReportKind.Rejected, reason, _clock());
    }

    // A refused cancel or replace: a Rejected report for the order, which lives on.
    private void QueueRequestReject(UsdmOrder o, ExecutionReason reason) =>
        _reports.Enqueue(Report(o, ExecutionReportKind.Rejected, reason, _clock()));

    private void Enqueue(UsdmOrder o, ExecutionReportKind kind, ExecutionReason reason, long exchangeNs) =>
        _reports.Enqueue(Report(o, kind, reason, exchangeNs));

    private ExecutionReport Report(UsdmOrder o, ExecutionReportKind kind, ExecutionReason reason, long exchangeNs)
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

    // Commission in the symbol's quote units (ticks x lots) when paid in the margin (quote) asset, as USD-M charges it;
    // other assets (BNB fee discount) are not valued here (0).
    private long FeeOf(int symbolId, OrderUpdate u)
    {
        if (u.Commission == 0 || u.CommissionAsset is null || u.CommissionAsset != _quoteAsset[symbolId]) return 0;
        var sym = _symbols[symbolId];
        long amountScale = FixedPoint.PowerOfTen(UserDataEvent.AmountDecimals);
        return (long)((Int128)u.Commission * FixedPoint.PowerOfTen(sym.PriceDecimals + sym.QuantityDecimals) / amountScale);
    }

    private void NoteReject(WsApiResponse response)
    {
        Interlocked.Increment(ref _venueRejects);
        Volatile.Write(ref _lastRejectCode, response.ErrorCode);
        Volatile.Write(ref _lastRejectMessage, response.ErrorMessage);
        _options.Log?.Invoke($"binance usdm gateway: {response}");
    }

    // USD-M error codes: -2011 cancel of an unknown order, -2013 no such order, -5022 GTX would take, -2019 margin
    // insufficient, -4116 duplicate clientOrderId, -2022 reduce-only rejected, -1013/-4003/-4164 filter failures.
    private static ExecutionReason MapReject(WsApiResponse response) => response.ErrorCode switch
    {
        -2011 or -2013 => ExecutionReason.UnknownOrder,
        -5022 => ExecutionReason.PostOnlyWouldCross,
        -2019 or -2018 or -2010 => ExecutionReason.InsufficientBalance,
        -4116 => ExecutionReason.DuplicateClientOrderId,
        -1013 or -4003 or -4164 or -2022 or -1111 => ExecutionReason.InvalidOrder,
        _ => ExecutionReason.VenueRejected,
    };

    private static long ParseOrZero(string? text, int decimals) =>
        text is not null && FixedPoint.TryParse(text, decimals, out long v) == FixedPointStatus.Ok ? v : 0;

    // A decimal price (avgPrice, markPrice, liquidationPrice: off the tick grid) rounded to the nearest tick.
    private static long ToTicks(string? text, int priceDecimals) =>
        text is not null && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal v) ? ToTicks(v, priceDecimals) : 0;

    private static long ToTicks(decimal value, int decimals) => (long)decimal.Round(value * Pow10(decimals), MidpointRounding.AwayFromZero);

    private static decimal Pow10(int decimals)
    {
        decimal p = 1m;
        for (int i = 0; i < decimals; i++) p *= 10m;
        return p;
    }
}
