using System.Globalization;
using System.Text.Json;
using HftScalper.Binance.Limits;

namespace HftScalper.Binance.Rules;

/// <summary>
/// Parses spot <c>GET /api/v3/exchangeInfo</c>, USD-M <c>GET /fapi/v1/exchangeInfo</c> and COIN-M <c>GET /dapi/v1/exchangeInfo</c>
/// answers (futures also give <c>marginAsset</c>; COIN-M each contract's <c>contractSize</c> in USD): the
/// <c>rateLimits</c> block and, per symbol, PRICE_FILTER, LOT_SIZE, MARKET_LOT_SIZE, MIN_NOTIONAL / NOTIONAL,
/// PERCENT_PRICE / PERCENT_PRICE_BY_SIDE and MAX_NUM_ORDERS. Unknown filters and fields are ignored.
/// </summary>
/// <remarks>Start-up and periodic refresh only (a <see cref="JsonDocument"/>; no reflection).</remarks>
public static class ExchangeInfoParser
{
    /// <summary>Parses the UTF-8 JSON body.</summary>
    /// <exception cref="FormatException">Not an exchangeInfo document, or a filter value is not a decimal.</exception>
    public static ExchangeInfo Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("symbols", out var symbols) || symbols.ValueKind != JsonValueKind.Array)
                throw new FormatException("exchangeInfo: no 'symbols' array.");
            long serverTime = root.TryGetProperty("serverTime", out var st) && st.ValueKind == JsonValueKind.Number ? st.GetInt64() : 0;
            var limits = new List<RateLimitRule>();
            if (root.TryGetProperty("rateLimits", out var rl) && rl.ValueKind == JsonValueKind.Array)
            {
                foreach (var r in rl.EnumerateArray())
                {
                    if (ParseRateLimit(r) is { } rule) limits.Add(rule);
                }
            }
            var bySymbol = new Dictionary<string, SymbolFilters>(StringComparer.Ordinal);
            foreach (var s in symbols.EnumerateArray())
            {
                var filters = ParseSymbol(s);
                bySymbol[filters.Symbol] = filters;
            }
            return new ExchangeInfo(serverTime, limits, bySymbol);
        }
        catch (JsonException e)
        {
            throw new FormatException("exchangeInfo: malformed JSON at byte " + e.BytePositionInLine + " of line " + e.LineNumber + ".", e);
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException("exchangeInfo: unexpected value type (" + e.Message + ").", e);
        }
    }

    private static RateLimitRule? ParseRateLimit(JsonElement r)
    {
        RateLimitType? type = Str(r, "rateLimitType") switch
        {
            "REQUEST_WEIGHT" => RateLimitType.RequestWeight,
            "ORDERS" => RateLimitType.Orders,
            "RAW_REQUESTS" => RateLimitType.RawRequests,
            _ => null,
        };
        char letter = RateLimitRule.LetterOf(Str(r, "interval"));
        int num = r.TryGetProperty("intervalNum", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : 0;
        int limit = r.TryGetProperty("limit", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetInt32() : 0;
        return type is null || letter == '\0' || num <= 0 || limit <= 0 ? null : new RateLimitRule(type.Value, letter, num, limit);
    }

    private static SymbolFilters ParseSymbol(JsonElement s)
    {
        string symbol = Str(s, "symbol");
        if (symbol.Length == 0) throw new FormatException("exchangeInfo: a symbol entry has no 'symbol'.");
        var f = new SymbolFilters
        {
            Symbol = symbol,
            Status = Str(s, "status"),
            BaseAsset = Str(s, "baseAsset"),
            QuoteAsset = Str(s, "quoteAsset"),
            MarginAsset = Str(s, "marginAsset"),
            ContractSize = s.TryGetProperty("contractSize", out var cs) && cs.ValueKind == JsonValueKind.Number && cs.TryGetInt64(out long size) && size > 0 ? size : 0,
        };
        if (!s.TryGetProperty("filters", out var filters) || filters.ValueKind != JsonValueKind.Array) return f;
        foreach (var x in filters.EnumerateArray())
        {
            f = Str(x, "filterType") switch
            {
                "PRICE_FILTER" => f with { MinPrice = Dec(x, "minPrice", symbol), MaxPrice = Dec(x, "maxPrice", symbol), TickSize = Dec(x, "tickSize", symbol) },
                "LOT_SIZE" => f with { MinQty = Dec(x, "minQty", symbol), MaxQty = Dec(x, "maxQty", symbol), StepSize = Dec(x, "stepSize", symbol) },
                "MARKET_LOT_SIZE" => f with { MarketMinQty = Dec(x, "minQty", symbol), MarketMaxQty = Dec(x, "maxQty", symbol), MarketStepSize = Dec(x, "stepSize", symbol) },
                // spot MIN_NOTIONAL: minNotional + applyToMarket; USD-M MIN_NOTIONAL: notional (applies to all orders)
                "MIN_NOTIONAL" => f with
                {
                    MinNotional = x.TryGetProperty("notional", out _) ? Dec(x, "notional", symbol) : Dec(x, "minNotional", symbol),
                    MinNotionalAppliesToMarket = Bool(x, "applyToMarket", true),
                },
                "NOTIONAL" => f with
                {
                    MinNotional = Dec(x, "minNotional", symbol),
                    MaxNotional = Dec(x, "maxNotional", symbol),
                    MinNotionalAppliesToMarket = Bool(x, "applyMinToMarket", true),
                },
                "PERCENT_PRICE" => f with { MultiplierUp = Dec(x, "multiplierUp", symbol), MultiplierDown = Dec(x, "multiplierDown", symbol) },
                "PERCENT_PRICE_BY_SIDE" => f with
                {
                    BidMultiplierUp = Dec(x, "bidMultiplierUp", symbol),
                    BidMultiplierDown = Dec(x, "bidMultiplierDown", symbol),
                    AskMultiplierUp = Dec(x, "askMultiplierUp", symbol),
                    AskMultiplierDown = Dec(x, "askMultiplierDown", symbol),
                },
                "MAX_NUM_ORDERS" => f with { MaxNumOrders = Int(x, "maxNumOrders", Int(x, "limit", 0)) },
                _ => f,
            };
        }
        return f;
    }

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";

    private static decimal Dec(JsonElement e, string name, string symbol)
    {
        if (!e.TryGetProperty(name, out var v)) return 0m;
        if (v.ValueKind == JsonValueKind.Number) return v.GetDecimal();
        if (v.ValueKind == JsonValueKind.String &&
            decimal.TryParse(v.GetString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal d)) return d;
        throw new FormatException($"exchangeInfo: {symbol} filter field '{name}' is not a non-negative decimal.");
    }

    private static bool Bool(JsonElement e, string name, bool fallback) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : fallback;

    private static int Int(JsonElement e, string name, int fallback) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i) ? i : fallback;
}
