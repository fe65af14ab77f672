using System.Text.Json;

namespace HftScalper.Binance.Parsing;

/// <summary>Which fields a scanned JSON object carried (bit set of <see cref="MessageFields"/>).</summary>
[Flags]
internal enum FieldBits : uint
{
    None = 0,
    EventType = 1 << 0,
    EventTime = 1 << 1,
    TransactTime = 1 << 2,
    Symbol = 1 << 3,
    FirstId = 1 << 4,
    FinalId = 1 << 5,
    PrevId = 1 << 6,
    Bids = 1 << 7,
    Asks = 1 << 8,
    BidQty = 1 << 9,
    AskQty = 1 << 10,
    Price = 1 << 11,
    Qty = 1 << 12,
    TradeId = 1 << 13,
    AggId = 1 << 14,
    FirstTradeId = 1 << 15,
    BuyerMaker = 1 << 16,
    LastUpdateId = 1 << 17,
    Control = 1 << 18,
    Stream = 1 << 19,
    Data = 1 << 20,
}

/// <summary>
/// The fields of one Binance JSON object, collected in a single pass whatever their order. Strings and nested
/// arrays are kept as slices of the frame (no copy), so levels can be parsed once the symbol's scales are known
/// even when <c>b</c>/<c>a</c> come before <c>s</c>.
/// </summary>
internal ref struct MessageFields
{
    public FieldBits Has;
    public ReadOnlySpan<byte> EventType;
    public long EventTime;
    public long TransactTime;
    public ReadOnlySpan<byte> Symbol;
    public long FirstId;
    public long FinalId;
    public long PrevId;
    public ReadOnlySpan<byte> Bids;
    public JsonTokenType BidsType;
    public ReadOnlySpan<byte> Asks;
    public JsonTokenType AsksType;
    public ReadOnlySpan<byte> BidQty;
    public ReadOnlySpan<byte> AskQty;
    public ReadOnlySpan<byte> Price;
    public ReadOnlySpan<byte> Qty;
    public long TradeId;
    public long AggId;
    public long FirstTradeId;
    public bool BuyerIsMaker;
    public long LastUpdateId;
    public ReadOnlySpan<byte> Stream;
    public ReadOnlySpan<byte> Data;

    public readonly bool HasAll(FieldBits bits) => (Has & bits) == bits;

    public readonly bool HasAny(FieldBits bits) => (Has & bits) != 0;
}
