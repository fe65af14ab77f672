using System.Text.Json.Serialization;
using HftScalper.Binance.Orders;

namespace HftScalper.Binance.Rest;

/// <summary>
/// Source-generated JSON metadata for every REST answer the order client reads (no reflection at run time).
/// Binance's camelCase names map to the DTO properties; numbers that arrive as strings (<c>"0.1"</c>) are read
/// exactly; unknown fields are ignored so new fields from Binance never break parsing.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ServerTimeResponse))]
[JsonSerializable(typeof(SpotOrder))]
[JsonSerializable(typeof(SpotOrder[]))]
[JsonSerializable(typeof(SpotCancelReplaceResult))]
[JsonSerializable(typeof(SpotCancelReplaceError))]
[JsonSerializable(typeof(SpotAccount))]
[JsonSerializable(typeof(SpotTrade[]))]
[JsonSerializable(typeof(FuturesOrder))]
[JsonSerializable(typeof(FuturesOrder[]))]
[JsonSerializable(typeof(FuturesPosition[]))]
[JsonSerializable(typeof(FuturesAccount))]
[JsonSerializable(typeof(CountdownCancelAllResult))]
[JsonSerializable(typeof(FuturesCancelAllResult))]
[JsonSerializable(typeof(LeverageResult))]
[JsonSerializable(typeof(LeverageBrackets[]))]
internal sealed partial class BinanceJsonContext : JsonSerializerContext;
