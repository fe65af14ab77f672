namespace HftScalper.Properties.Tests.Parsing;

/// <summary>The Binance message kinds the generator writes.</summary>
internal enum MessageKind : byte
{
    DepthUpdate,
    BookTicker,
    Trade,
    AggTrade,
    Snapshot,
}
