using System.Text;
using HftScalper.Core.Events;

namespace HftScalper.Binance.UserData;

/// <summary>Binance's enumeration texts to our enums, and the common short texts to shared string literals (so a
/// report does not allocate a new "LIMIT" each time).</summary>
internal static class WireText
{
    public static Side ToSide(ReadOnlySpan<byte> s) =>
        s.SequenceEqual("BUY"u8) ? Side.Bid : s.SequenceEqual("SELL"u8) ? Side.Ask : Side.None;

    public static ExecutionType ToExecutionType(ReadOnlySpan<byte> s) => s switch
    {
        _ when s.SequenceEqual("NEW"u8) => ExecutionType.New,
        _ when s.SequenceEqual("TRADE"u8) => ExecutionType.Trade,
        _ when s.SequenceEqual("CANCELED"u8) => ExecutionType.Canceled,
        _ when s.SequenceEqual("EXPIRED"u8) => ExecutionType.Expired,
        _ when s.SequenceEqual("REJECTED"u8) => ExecutionType.Rejected,
        _ when s.SequenceEqual("REPLACED"u8) => ExecutionType.Replaced,
        _ when s.SequenceEqual("TRADE_PREVENTION"u8) => ExecutionType.TradePrevention,
        _ when s.SequenceEqual("AMENDMENT"u8) => ExecutionType.Amendment,
        _ when s.SequenceEqual("CALCULATED"u8) => ExecutionType.Calculated,
        _ => ExecutionType.Unknown,
    };

    public static OrderStatus ToStatus(ReadOnlySpan<byte> s) => s switch
    {
        _ when s.SequenceEqual("NEW"u8) => OrderStatus.New,
        _ when s.SequenceEqual("PARTIALLY_FILLED"u8) => OrderStatus.PartiallyFilled,
        _ when s.SequenceEqual("FILLED"u8) => OrderStatus.Filled,
        _ when s.SequenceEqual("CANCELED"u8) => OrderStatus.Canceled,
        _ when s.SequenceEqual("PENDING_CANCEL"u8) => OrderStatus.PendingCancel,
        _ when s.SequenceEqual("REJECTED"u8) => OrderStatus.Rejected,
        _ when s.SequenceEqual("EXPIRED"u8) => OrderStatus.Expired,
        _ when s.SequenceEqual("EXPIRED_IN_MATCH"u8) => OrderStatus.ExpiredInMatch,
        _ when s.SequenceEqual("PENDING_NEW"u8) => OrderStatus.PendingNew,
        _ => OrderStatus.Unknown,
    };

    /// <summary>The text, as a shared literal when it is one of the usual values.</summary>
    public static string Text(ReadOnlySpan<byte> s) => s switch
    {
        _ when s.SequenceEqual("LIMIT"u8) => "LIMIT",
        _ when s.SequenceEqual("LIMIT_MAKER"u8) => "LIMIT_MAKER",
        _ when s.SequenceEqual("MARKET"u8) => "MARKET",
        _ when s.SequenceEqual("GTC"u8) => "GTC",
        _ when s.SequenceEqual("IOC"u8) => "IOC",
        _ when s.SequenceEqual("FOK"u8) => "FOK",
        _ when s.SequenceEqual("GTX"u8) => "GTX",
        _ when s.SequenceEqual("BOTH"u8) => "BOTH",
        _ when s.SequenceEqual("LONG"u8) => "LONG",
        _ when s.SequenceEqual("SHORT"u8) => "SHORT",
        _ when s.SequenceEqual("USDT"u8) => "USDT",
        _ when s.SequenceEqual("BNB"u8) => "BNB",
        _ when s.SequenceEqual("ORDER"u8) => "ORDER",
        _ => Encoding.UTF8.GetString(s),
    };

    /// <summary>Null for an absent, empty or null value, and for Binance's placeholder <c>NONE</c>.</summary>
    public static string? OptionalText(ReadOnlySpan<byte> json, JsonSlice slice)
    {
        if (slice.Type != System.Text.Json.JsonTokenType.String || slice.Length == 0) return null;
        var s = slice.Of(json);
        return s.SequenceEqual("NONE"u8) ? null : Text(s);
    }
}
