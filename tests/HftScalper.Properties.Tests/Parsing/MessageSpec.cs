using System.Globalization;
using System.Text;
using HftScalper.Core.Frames;

namespace HftScalper.Properties.Tests.Parsing;

/// <summary>
/// A generated Binance message: its kind, symbol, ids, time and price/quantity texts (exactly as sent), plus its
/// layout (combined-stream wrapper, whitespace, field order, an extra field with escapes and unicode). Renders to
/// the frame bytes; <see cref="ParserOracle"/> tells which events it must produce.
/// </summary>
/// <param name="Levels">Depth/snapshot: bids then asks (Side by <paramref name="BidCount"/>); bookTicker: bid, ask;
/// trade/aggTrade: the price and quantity.</param>
internal sealed record MessageSpec(
    MessageKind Kind, string Symbol, string Id, string LastId, string? Prev, string? EventTime,
    (string Price, string Qty)[] Levels, int BidCount, bool BuyerIsMaker,
    bool Futures, bool Wrapped, bool Spaced, int Rotate, string? Extra)
{
    /// <summary>The frame's symbol id (snapshots name theirs through the frame) and origin.</summary>
    public RawFrame ToFrame(int snapshotSymbolId, long localNs = 1_000) =>
        new(localNs, Kind == MessageKind.Snapshot && !Futures ? FrameOrigin.RestSnapshot : FrameOrigin.WebSocket,
            Kind == MessageKind.Snapshot && !Futures ? snapshotSymbolId : -1, 0, Render());

    /// <summary>The message as UTF-8 JSON.</summary>
    public byte[] Render()
    {
        var fields = Fields();
        if (Rotate > 0 && fields.Count > 1)
        {
            int k = Rotate % fields.Count;
            fields = [.. fields.Skip(k), .. fields.Take(k)];
        }
        if (Extra is not null) fields.Insert(Math.Min(fields.Count, Rotate % 3), ("x", Extra));
        string sep = Spaced ? " , " : ",", colon = Spaced ? " : " : ":";
        var sb = new StringBuilder();
        sb.Append(Spaced ? "{ " : "{");
        sb.AppendJoin(sep, fields.Select(f => $"\"{f.Key}\"{colon}{f.Raw}"));
        sb.Append(Spaced ? " }" : "}");
        string body = sb.ToString();
        if (Wrapped && Kind != MessageKind.Snapshot)
            body = $"{{\"stream\":\"{Symbol.ToLowerInvariant()}@{StreamName}\",\"data\":{body}}}";
        return Encoding.UTF8.GetBytes(body);
    }

    private string StreamName => Kind switch
    {
        MessageKind.DepthUpdate => "depth@100ms",
        MessageKind.BookTicker => "bookTicker",
        MessageKind.Trade => "trade",
        MessageKind.AggTrade => "aggTrade",
        _ => "depth",
    };

    // Binance's own field order, so unmodified specs exercise the single-pass scanner.
    private List<(string Key, string Raw)> Fields()
    {
        var f = new List<(string, string)>();
        string b = Bool(BuyerIsMaker);
        switch (Kind)
        {
            case MessageKind.DepthUpdate:
                f.Add(("e", "\"depthUpdate\""));
                if (EventTime is not null) f.Add(("E", EventTime));
                if (Futures && EventTime is not null) f.Add(("T", EventTime));
                f.Add(("s", Str(Symbol)));
                f.Add(("U", Id));
                f.Add(("u", LastId));
                if (Prev is not null) f.Add(("pu", Prev));
                f.Add(("b", LevelArray(Levels.Take(BidCount))));
                f.Add(("a", LevelArray(Levels.Skip(BidCount))));
                break;
            case MessageKind.BookTicker:
                if (Futures) f.Add(("e", "\"bookTicker\""));
                f.Add(("u", Id));
                f.Add(("s", Str(Symbol)));
                f.Add(("b", Str(Levels[0].Price)));
                f.Add(("B", Str(Levels[0].Qty)));
                f.Add(("a", Str(Levels[1].Price)));
                f.Add(("A", Str(Levels[1].Qty)));
                if (Futures && EventTime is not null) { f.Add(("T", EventTime)); f.Add(("E", EventTime)); }
                break;
            case MessageKind.Trade:
                f.Add(("e", "\"trade\""));
                if (EventTime is not null) f.Add(("E", EventTime));
                f.Add(("s", Str(Symbol)));
                f.Add(("t", Id));
                f.Add(("p", Str(Levels[0].Price)));
                f.Add(("q", Str(Levels[0].Qty)));
                if (EventTime is not null) f.Add(("T", EventTime));
                f.Add(("m", b));
                f.Add(("M", "true"));
                break;
            case MessageKind.AggTrade:
                f.Add(("e", "\"aggTrade\""));
                if (EventTime is not null) f.Add(("E", EventTime));
                f.Add(("s", Str(Symbol)));
                f.Add(("a", Id));
                f.Add(("p", Str(Levels[0].Price)));
                f.Add(("q", Str(Levels[0].Qty)));
                f.Add(("f", LastId));
                f.Add(("l", LastId));
                if (EventTime is not null) f.Add(("T", EventTime));
                f.Add(("m", b));
                f.Add(("M", "true"));
                break;
            case MessageKind.Snapshot:
                f.Add(("lastUpdateId", Id));
                if (Futures)
                {
                    if (EventTime is not null) { f.Add(("E", EventTime)); f.Add(("T", EventTime)); }
                    f.Add(("symbol", Str(Symbol)));
                    f.Add(("pair", "\"BTCUSD\""));
                }
                f.Add(("bids", LevelArray(Levels.Take(BidCount))));
                f.Add(("asks", LevelArray(Levels.Skip(BidCount))));
                break;
        }
        return f;
    }

    private static string Bool(bool v) => v ? "true" : "false";

    private static string Str(string s) => $"\"{s}\"";

    private static string LevelArray(IEnumerable<(string Price, string Qty)> levels) =>
        "[" + string.Join(",", levels.Select(l => $"[\"{l.Price}\",\"{l.Qty}\"]")) + "]";

    /// <inheritdoc />
    public override string ToString() => Encoding.UTF8.GetString(Render()) + (Kind == MessageKind.Snapshot ? " (snapshot)" : "");

    /// <summary>Formats an integer the way Binance does.</summary>
    public static string Int(long v) => v.ToString(CultureInfo.InvariantCulture);
}
