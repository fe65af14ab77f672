using System.Text.Json.Serialization;

namespace HftScalper.Benchmarks.Binance;

// What a typical client does: DTO classes with decimal prices, deserialized by System.Text.Json.
#pragma warning disable CA1812, CA1819 // instantiated by the serializer; arrays mirror the wire format

internal sealed class CombinedDto<T>
{
    [JsonPropertyName("stream")] public string? Stream { get; set; }
    [JsonPropertyName("data")] public T? Data { get; set; }
}

internal sealed class DepthDto
{
    [JsonPropertyName("e")] public string? EventType { get; set; }
    [JsonPropertyName("E")] public long EventTime { get; set; }
    [JsonPropertyName("s")] public string? Symbol { get; set; }
    [JsonPropertyName("U")] public long FirstUpdateId { get; set; }
    [JsonPropertyName("u")] public long FinalUpdateId { get; set; }
    [JsonPropertyName("b")] public decimal[][]? Bids { get; set; }
    [JsonPropertyName("a")] public decimal[][]? Asks { get; set; }
}

internal sealed class TickerDto
{
    [JsonPropertyName("u")] public long UpdateId { get; set; }
    [JsonPropertyName("s")] public string? Symbol { get; set; }
    [JsonPropertyName("b")] public decimal BidPrice { get; set; }
    [JsonPropertyName("B")] public decimal BidQty { get; set; }
    [JsonPropertyName("a")] public decimal AskPrice { get; set; }
    [JsonPropertyName("A")] public decimal AskQty { get; set; }
}

internal sealed class TradeDto
{
    [JsonPropertyName("e")] public string? EventType { get; set; }
    [JsonPropertyName("E")] public long EventTime { get; set; }
    [JsonPropertyName("s")] public string? Symbol { get; set; }
    [JsonPropertyName("t")] public long TradeId { get; set; }
    [JsonPropertyName("p")] public decimal Price { get; set; }
    [JsonPropertyName("q")] public decimal Quantity { get; set; }
    [JsonPropertyName("T")] public long TradeTime { get; set; }
    [JsonPropertyName("m")] public bool BuyerIsMaker { get; set; }
}

internal sealed class SnapshotDto
{
    [JsonPropertyName("lastUpdateId")] public long LastUpdateId { get; set; }
    [JsonPropertyName("bids")] public decimal[][]? Bids { get; set; }
    [JsonPropertyName("asks")] public decimal[][]? Asks { get; set; }
}
