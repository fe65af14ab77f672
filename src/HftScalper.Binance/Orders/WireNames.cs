using System.Text.RegularExpressions;

namespace HftScalper.Binance.Orders;

/// <summary>Binance's wire spellings of the order enums, and the <c>newClientOrderId</c> rule.</summary>
internal static partial class WireNames
{
    /// <summary>BUY / SELL.</summary>
    public static string Of(OrderSide side) => side == OrderSide.Buy ? "BUY" : "SELL";

    /// <summary>LIMIT / MARKET / LIMIT_MAKER.</summary>
    public static string Of(OrderType type) => type switch
    {
        OrderType.Limit => "LIMIT",
        OrderType.Market => "MARKET",
        _ => "LIMIT_MAKER",
    };

    /// <summary>GTC / IOC / FOK / GTX, or null for <see cref="TimeInForce.None"/>.</summary>
    public static string? Of(TimeInForce tif) => tif switch
    {
        TimeInForce.Gtc => "GTC",
        TimeInForce.Ioc => "IOC",
        TimeInForce.Fok => "FOK",
        TimeInForce.Gtx => "GTX",
        _ => null,
    };

    /// <summary>The STP mode's name, or null for <see cref="SelfTradePreventionMode.Unset"/>.</summary>
    public static string? Of(SelfTradePreventionMode mode) => mode switch
    {
        SelfTradePreventionMode.None => "NONE",
        SelfTradePreventionMode.ExpireTaker => "EXPIRE_TAKER",
        SelfTradePreventionMode.ExpireMaker => "EXPIRE_MAKER",
        SelfTradePreventionMode.ExpireBoth => "EXPIRE_BOTH",
        SelfTradePreventionMode.Decrement => "DECREMENT",
        _ => null,
    };

    /// <summary>True when <paramref name="id"/> matches Binance's <c>^[\.A-Z\:/a-z0-9_-]{1,36}$</c>.</summary>
    public static bool IsValidClientOrderId(string? id) => id is not null && ClientOrderIdPattern().IsMatch(id);

    /// <summary>Throws when <paramref name="id"/> is not a valid <c>newClientOrderId</c> (the caller always sets one).</summary>
    /// <exception cref="ArgumentException">Missing or invalid id.</exception>
    public static void RequireClientOrderId(string? id, string paramName)
    {
        if (!IsValidClientOrderId(id))
            throw new ArgumentException("newClientOrderId must be 1-36 characters of [.A-Z:/a-z0-9_-], set by the caller (idempotency across restarts).", paramName);
    }

    [GeneratedRegex(@"^[\.A-Z\:/a-z0-9_-]{1,36}$", RegexOptions.CultureInvariant)]
    private static partial Regex ClientOrderIdPattern();
}
