namespace HftScalper.Binance.Parsing;

/// <summary>
/// Outcome of parsing one frame. Values below <see cref="FirstRejection"/> are accepted frames; the others are
/// reasoned rejections (the frame produced no event at all). Each value has a counter in <see cref="ParseCounters"/>.
/// </summary>
public enum ParseResult : byte
{
    /// <summary>Market events were appended to the output buffer.</summary>
    Events = 0,

    /// <summary>A reply to a control request (<c>{"result":null,"id":1}</c> or an error reply): no event.</summary>
    ControlReply,

    /// <summary>A well-formed message of a kind the engine does not use (kline, ...): no event.</summary>
    Ignored,

    /// <summary><c>serverShutdown</c>: one <see cref="Core.Events.MarketEventKind.Status"/> event was appended
    /// (symbol id -1: every symbol of the connection); the client should reconnect at once.</summary>
    ServerShutdown,

    /// <summary>A trade, aggregate trade, bookTicker or depth message whose id (<c>t</c>, <c>a</c>, <c>u</c>) is not
    /// above the last one accepted for its symbol and stream kind: a duplicated (or replayed-again) line, dropped
    /// without an event so it is not counted twice (see <see cref="BinanceParserOptions.DropDuplicateIds"/>).</summary>
    Duplicate,

    /// <summary>First rejection value (for range checks).</summary>
    FirstRejection,

    /// <summary>Empty frame.</summary>
    Empty = FirstRejection,

    /// <summary>The frame exceeds <see cref="BinanceParserOptions.MaxFrameBytes"/>.</summary>
    TooLarge,

    /// <summary>Not valid JSON (truncated, stray bytes, not an object).</summary>
    InvalidJson,

    /// <summary>A field the message kind needs is missing.</summary>
    MissingField,

    /// <summary>A field has the wrong JSON type (a number where a string is expected, ...).</summary>
    WrongType,

    /// <summary>A number (id, timestamp, price, quantity) is malformed, negative, off the symbol's grid or out of range.</summary>
    BadNumber,

    /// <summary>The symbol is not registered and auto-registration is off.</summary>
    UnknownSymbol,

    /// <summary>A depth message or snapshot has more levels than <see cref="BinanceParserOptions.MaxLevelsPerMessage"/>.</summary>
    TooManyLevels,

    /// <summary>A quantity above <see cref="BinanceParserOptions.MaxQuantityLots"/> (the bound that keeps depth sums
    /// and order-flow figures finite).</summary>
    QuantityTooLarge,

    /// <summary>A new symbol to auto-register, but the registry already holds its
    /// <see cref="Core.Symbols.SymbolRegistry.MaxSymbols"/> (counted there in <see cref="Core.Symbols.SymbolRegistry.Refused"/>).</summary>
    TooManySymbols,
}
