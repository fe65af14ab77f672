using HftScalper.Core.Events;

namespace HftScalper.Binance.Parsing;

/// <summary>Event types the fast scanner builds (any other <c>e</c> goes to the reader path).</summary>
internal enum ScanEvent : byte { None, Depth, BookTicker, Trade, AggTrade }

/// <summary>What the fast scanner is writing levels for, decided at the first level array.</summary>
internal enum LevelMode : byte { None, Depth, Snapshot }

/// <summary>
/// The fields of one frame as the fast scanner meets them: numbers already parsed, decimal strings as pointers
/// into the (pinned) frame to parse once the symbol's scales are known, level arrays already written as events.
/// </summary>
internal unsafe struct ScanFields
{
    /// <summary>Fields that make up the level template (a late one means the levels are patched at the end).</summary>
    public const FieldBits HeaderBits = FieldBits.EventTime | FieldBits.TransactTime | FieldBits.FirstId
                                        | FieldBits.FinalId | FieldBits.PrevId | FieldBits.LastUpdateId;

    public FieldBits Has;
    public ScanEvent Event;
    public LevelMode Mode;
    public bool BidsArray;
    public bool AsksArray;
    public bool BuyerIsMaker;
    public int FrameSymbol;
    public int Start;
    public int LevelCount;
    public long LocalNs;
    public long EventTime;
    public long TransactTime;
    public long FirstId;
    public long FinalId;
    public long PrevId;
    public long TradeId;
    public long AggId;
    public long FirstTradeId;
    public long LastUpdateId;
    public byte* Symbol;
    public int SymbolLength;
    public byte* Stream;
    public int StreamLength;
    public byte* Bid;
    public byte* Ask;
    public byte* BidQty;
    public byte* AskQty;
    public byte* Price;
    public byte* Qty;
    public FieldBits HeaderAtTemplate;
    public SymbolResolver.Entry Sym;
    public MarketEvent Template;
}
