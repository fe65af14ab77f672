namespace HftScalper.Recording.Replay;

/// <summary>A recording format <see cref="ReplayFormatDetector"/> can recognise.</summary>
public enum ReplayFormat : byte
{
    /// <summary>Not recognised.</summary>
    Unknown = 0,

    /// <summary>Our journal: a segment file (magic <c>HFTJRNL</c>) or a folder of them. Raw frames.</summary>
    Journal,

    /// <summary><c>&lt;local_ts_ns&gt; &lt;json&gt;</c> lines, plain or gzip. Raw frames.</summary>
    RawLines,

    /// <summary>cryptofeed <c>*.ws.*</c> / <c>*.http.*</c> recordings, plain or gzip. Raw frames.</summary>
    Cryptofeed,

    /// <summary>data.binance.vision bookTicker / aggTrades / trades CSV (plain, gzip or zip). Market events.</summary>
    BinanceCsv,

    /// <summary>Lean equity tick zips (<c>YYYYMMDD_quote.zip</c>, <c>YYYYMMDD_trade.zip</c>). Market events.</summary>
    LeanTicks,

    /// <summary>LOBSTER <c>_message_</c> file (its <c>_orderbook_</c> partner is found by name). Market events.</summary>
    LobsterMessages,

    /// <summary>A LOBSTER <c>_orderbook_</c> file: read together with its message file, never alone.</summary>
    LobsterOrderbook,

    /// <summary>Our event journal: segments (magic <c>HFTJRNL</c>, header kind <c>events</c>) of parsed market events
    /// (<c>hft convert --to events</c>). Market events.</summary>
    EventJournal,
}
