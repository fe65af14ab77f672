using System.Globalization;
using System.Text;

namespace HftScalper.FakeExchange.Orders;

/// <summary>Binance's JSON shapes for orders, trades and user-data events (field names and types as documented:
/// quantities and prices as strings, ids and times as numbers).</summary>
public static class OrderJson
{
    /// <summary>A futures decimal (trailing zeros trimmed, at least one digit).</summary>
    public static string F(decimal v) => v.ToString("0.########", CultureInfo.InvariantCulture);

    private static string Q(decimal v, bool futures) => futures ? F(v) : SymbolRules.F8(v);

    /// <summary>The new-order reply: spot ACK / RESULT / FULL (default FULL for LIMIT and MARKET), USD-M RESULT.</summary>
    public static string Response(FakeOrder o, string respType, IReadOnlyList<FakeFill> fills, bool futures)
    {
        if (futures) return Status(o, true);
        var b = new StringBuilder(512);
        b.Append($"{{\"symbol\":\"{o.Symbol}\",\"orderId\":{o.OrderId},\"orderListId\":-1,\"clientOrderId\":\"{o.ClientOrderId}\",\"transactTime\":{o.Time}");
        if (respType == "ACK") return b.Append('}').ToString();
        b.Append($",\"price\":\"{Q(o.Price, false)}\",\"origQty\":\"{Q(o.OrigQty, false)}\",\"executedQty\":\"{Q(o.ExecutedQty, false)}\",\"origQuoteOrderQty\":\"0.00000000\"");
        b.Append($",\"cummulativeQuoteQty\":\"{Q(o.CumQuote, false)}\",\"status\":\"{o.Status}\",\"timeInForce\":\"{(o.TimeInForce.Length == 0 ? "GTC" : o.TimeInForce)}\",\"type\":\"{o.Type}\",\"side\":\"{o.Side}\"");
        b.Append($",\"workingTime\":{o.Time},\"selfTradePreventionMode\":\"NONE\"");
        if (respType == "RESULT") return b.Append('}').ToString();
        b.Append(",\"fills\":[");
        for (int i = 0; i < fills.Count; i++)
        {
            var f = fills[i];
            if (i > 0) b.Append(',');
            b.Append($"{{\"price\":\"{Q(f.Price, false)}\",\"qty\":\"{Q(f.Qty, false)}\",\"commission\":\"{Q(f.Commission, false)}\",\"commissionAsset\":\"{f.CommissionAsset}\",\"tradeId\":{f.TradeId}}}");
        }
        return b.Append("]}").ToString();
    }

    /// <summary>The cancel reply.</summary>
    public static string Cancel(FakeOrder o, string cancelClientId, bool futures)
    {
        if (futures) return Status(o, true);
        return $"{{\"symbol\":\"{o.Symbol}\",\"origClientOrderId\":\"{o.ClientOrderId}\",\"orderId\":{o.OrderId},\"orderListId\":-1,\"clientOrderId\":\"{cancelClientId}\"," +
               $"\"transactTime\":{o.UpdateTime},\"price\":\"{Q(o.Price, false)}\",\"origQty\":\"{Q(o.OrigQty, false)}\",\"executedQty\":\"{Q(o.ExecutedQty, false)}\"," +
               $"\"origQuoteOrderQty\":\"0.00000000\",\"cummulativeQuoteQty\":\"{Q(o.CumQuote, false)}\",\"status\":\"{o.Status}\",\"timeInForce\":\"{(o.TimeInForce.Length == 0 ? "GTC" : o.TimeInForce)}\"," +
               $"\"type\":\"{o.Type}\",\"side\":\"{o.Side}\",\"selfTradePreventionMode\":\"NONE\"}}";
    }

    /// <summary>The order as queried (spot <c>GET /api/v3/order</c>; USD-M order object, also the new/cancel reply there).</summary>
    public static string Status(FakeOrder o, bool futures)
    {
        if (futures)
            return $"{{\"avgPrice\":\"{F(o.AvgPrice)}\",\"clientOrderId\":\"{o.ClientOrderId}\",\"cumQty\":\"{F(o.ExecutedQty)}\",\"cumQuote\":\"{F(o.CumQuote)}\"," +
                   $"\"executedQty\":\"{F(o.ExecutedQty)}\",\"orderId\":{o.OrderId},\"origQty\":\"{F(o.OrigQty)}\",\"origType\":\"{o.Type}\",\"price\":\"{F(o.Price)}\"," +
                   $"\"reduceOnly\":{(o.ReduceOnly ? "true" : "false")},\"side\":\"{o.Side}\",\"positionSide\":\"BOTH\",\"status\":\"{o.Status}\",\"stopPrice\":\"0\"," +
                   $"\"closePosition\":false,\"symbol\":\"{o.Symbol}\",\"time\":{o.Time},\"timeInForce\":\"{(o.TimeInForce.Length == 0 ? "GTC" : o.TimeInForce)}\",\"type\":\"{o.Type}\"," +
                   $"\"updateTime\":{o.UpdateTime},\"workingType\":\"CONTRACT_PRICE\",\"priceProtect\":false,\"priceMatch\":\"NONE\",\"selfTradePreventionMode\":\"NONE\",\"goodTillDate\":0}}";
        return $"{{\"symbol\":\"{o.Symbol}\",\"orderId\":{o.OrderId},\"orderListId\":-1,\"clientOrderId\":\"{o.ClientOrderId}\",\"price\":\"{Q(o.Price, false)}\"," +
               $"\"origQty\":\"{Q(o.OrigQty, false)}\",\"executedQty\":\"{Q(o.ExecutedQty, false)}\",\"cummulativeQuoteQty\":\"{Q(o.CumQuote, false)}\",\"status\":\"{o.Status}\"," +
               $"\"timeInForce\":\"{(o.TimeInForce.Length == 0 ? "GTC" : o.TimeInForce)}\",\"type\":\"{o.Type}\",\"side\":\"{o.Side}\",\"stopPrice\":\"0.00000000\",\"icebergQty\":\"0.00000000\"," +
               $"\"time\":{o.Time},\"updateTime\":{o.UpdateTime},\"isWorking\":true,\"workingTime\":{o.Time},\"origQuoteOrderQty\":\"0.00000000\",\"selfTradePreventionMode\":\"NONE\"}}";
    }

    /// <summary>A <c>myTrades</c> / <c>userTrades</c> entry.</summary>
    public static string Trade(FakeFill f, bool futures)
    {
        if (futures)
            return $"{{\"buyer\":{B(f.IsBuyer)},\"commission\":\"{F(f.Commission)}\",\"commissionAsset\":\"{f.CommissionAsset}\",\"id\":{f.TradeId},\"maker\":{B(f.IsMaker)}," +
                   $"\"orderId\":{f.OrderId},\"price\":\"{F(f.Price)}\",\"qty\":\"{F(f.Qty)}\",\"quoteQty\":\"{F(f.Price * f.Qty)}\",\"realizedPnl\":\"{F(f.RealizedPnl)}\"," +
                   $"\"side\":\"{(f.IsBuyer ? "BUY" : "SELL")}\",\"positionSide\":\"BOTH\",\"symbol\":\"{f.Symbol}\",\"time\":{f.Time}}}";
        return $"{{\"symbol\":\"{f.Symbol}\",\"id\":{f.TradeId},\"orderId\":{f.OrderId},\"orderListId\":-1,\"price\":\"{Q(f.Price, false)}\",\"qty\":\"{Q(f.Qty, false)}\"," +
               $"\"quoteQty\":\"{Q(f.Price * f.Qty, false)}\",\"commission\":\"{Q(f.Commission, false)}\",\"commissionAsset\":\"{f.CommissionAsset}\",\"time\":{f.Time}," +
               $"\"isBuyer\":{B(f.IsBuyer)},\"isMaker\":{B(f.IsMaker)},\"isBestMatch\":true}}";
    }

    /// <summary>Spot <c>executionReport</c> (all documented fields).</summary>
    public static string ExecutionReport(FakeOrder o, string execType, FakeFill? fill, long now, string reason)
    {
        return $"{{\"e\":\"executionReport\",\"E\":{now},\"s\":\"{o.Symbol}\",\"c\":\"{o.ClientOrderId}\",\"S\":\"{o.Side}\",\"o\":\"{o.Type}\"," +
               $"\"f\":\"{(o.TimeInForce.Length == 0 ? "GTC" : o.TimeInForce)}\",\"q\":\"{SymbolRules.F8(o.OrigQty)}\",\"p\":\"{SymbolRules.F8(o.Price)}\",\"P\":\"0.00000000\"," +
               $"\"F\":\"0.00000000\",\"g\":-1,\"C\":\"{(execType == "CANCELED" ? o.ClientOrderId : "")}\",\"x\":\"{execType}\",\"X\":\"{o.Status}\",\"r\":\"{reason}\",\"i\":{o.OrderId}," +
               $"\"l\":\"{SymbolRules.F8(fill?.Qty ?? 0)}\",\"z\":\"{SymbolRules.F8(o.ExecutedQty)}\",\"L\":\"{SymbolRules.F8(fill?.Price ?? 0)}\",\"n\":\"{SymbolRules.F8(fill?.Commission ?? 0)}\"," +
               $"\"N\":{(fill is null ? "null" : $"\"{fill.CommissionAsset}\"")},\"T\":{now},\"t\":{fill?.TradeId ?? -1},\"v\":0,\"I\":{now % 100_000_000},\"w\":{B(o.IsOpen)}," +
               $"\"m\":{B(fill?.IsMaker ?? false)},\"M\":false,\"O\":{o.Time},\"Z\":\"{SymbolRules.F8(o.CumQuote)}\",\"Y\":\"{SymbolRules.F8(fill is null ? 0 : fill.Price * fill.Qty)}\"," +
               $"\"Q\":\"0.00000000\",\"W\":{o.Time},\"V\":\"NONE\"}}";
    }

    /// <summary>USD-M <c>ORDER_TRADE_UPDATE</c>.</summary>
    public static string OrderTradeUpdate(FakeOrder o, string execType, FakeFill? fill, long now) =>
        $"{{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":{now},\"T\":{now},\"o\":{{\"s\":\"{o.Symbol}\",\"c\":\"{o.ClientOrderId}\",\"S\":\"{o.Side}\",\"o\":\"{o.Type}\"," +
        $"\"f\":\"{(o.TimeInForce.Length == 0 ? "GTC" : o.TimeInForce)}\",\"q\":\"{F(o.OrigQty)}\",\"p\":\"{F(o.Price)}\",\"ap\":\"{F(o.AvgPrice)}\",\"sp\":\"0\"," +
        $"\"x\":\"{execType}\",\"X\":\"{o.Status}\",\"i\":{o.OrderId},\"l\":\"{F(fill?.Qty ?? 0)}\",\"z\":\"{F(o.ExecutedQty)}\",\"L\":\"{F(fill?.Price ?? 0)}\"," +
        $"\"N\":\"{fill?.CommissionAsset ?? "USDT"}\",\"n\":\"{F(fill?.Commission ?? 0)}\",\"T\":{now},\"t\":{fill?.TradeId ?? 0},\"b\":\"0\",\"a\":\"0\"," +
        $"\"m\":{B(fill?.IsMaker ?? false)},\"R\":{B(o.ReduceOnly)},\"wt\":\"CONTRACT_PRICE\",\"ot\":\"{o.Type}\",\"ps\":\"BOTH\",\"cp\":false,\"rp\":\"{F(fill?.RealizedPnl ?? 0)}\"," +
        $"\"pP\":false,\"si\":0,\"ss\":0,\"V\":\"NONE\",\"pm\":\"NONE\",\"gtd\":0}}}}";

    private static string B(bool v) => v ? "true" : "false";
}
