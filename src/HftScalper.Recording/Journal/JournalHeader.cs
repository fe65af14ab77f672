using System.Buffers;
using MessagePack;

namespace HftScalper.Recording.Journal;

/// <summary>
/// Metadata at the start of every segment, encoded as a MessagePack map with string keys so later versions can
/// add keys that older readers skip. Every segment's header is complete on its own: a segment read alone
/// rebuilds the same symbol specifications as the first.
/// </summary>
/// <remarks>
/// Versions (<see cref="HeaderVersion"/>): 1 listed each symbol's name, venue and decimals only; 2 lists the full
/// specification (<see cref="JournalSymbol"/>: tick, lot, minimum quantity and notional). A header without the
/// <c>headerVersion</c> key is version 1. A later version adds keys (e.g. order and fill records) and bumps the number;
/// readers skip keys they do not know, so adding one never breaks an older reader.
/// </remarks>
public sealed record JournalHeader
{
    /// <summary>The header version this code writes.</summary>
    public const int CurrentHeaderVersion = 2;

    /// <summary>Record layout version (<see cref="JournalFormat.FormatVersion"/>; 1 = no sync marker).</summary>
    public int FormatVersion { get; init; } = JournalFormat.FormatVersion;

    /// <summary>Version of the header's content (see the remarks); 1 when the key is absent.</summary>
    public int HeaderVersion { get; init; } = CurrentHeaderVersion;

    /// <summary>Venue of the recorded feed, e.g. <c>binance-spot</c>.</summary>
    public string Venue { get; init; } = "";

    /// <summary>Symbols known when the segment was opened, with their scales.</summary>
    public IReadOnlyList<JournalSymbol> Symbols { get; init; } = [];

    /// <summary>Host that recorded the segment.</summary>
    public string Host { get; init; } = "";

    /// <summary>Local time of the segment's first record (or its creation), ns since the Unix epoch.</summary>
    public long StartTimeNs { get; init; }

    /// <summary>Index of the segment within its journal (0, 1, 2, ...).</summary>
    public int SegmentIndex { get; init; }

    /// <summary>What the records hold: raw frames (the default, and what segments without the key hold) or blocks
    /// of parsed market events.</summary>
    public JournalKind Kind { get; init; } = JournalKind.Frames;

    /// <summary>What the segment was made from (e.g. the recordings an event journal was converted from); may be empty.</summary>
    public string Source { get; init; } = "";

    /// <summary>True when the events came from a quote-only format (Lean ticks, Binance CSVs, LOBSTER), whose quote is the
    /// market state (<c>IMarketEventSource.QuoteIsMarketState</c>), so a converted journal replays as its recording did.
    /// Written only when true: a journal of depth-carrying events keeps the header bytes it always had.</summary>
    public bool QuoteIsMarketState { get; init; }

    /// <summary>Encodes the header as MessagePack.</summary>
    public byte[] Serialize()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var w = new MessagePackWriter(buffer);
        w.WriteMapHeader(QuoteIsMarketState ? 10 : 9);
        w.Write("formatVersion"); w.Write(FormatVersion);
        w.Write("headerVersion"); w.Write(HeaderVersion);
        w.Write("venue"); w.Write(Venue);
        w.Write("host"); w.Write(Host);
        w.Write("startTimeNs"); w.Write(StartTimeNs);
        w.Write("segmentIndex"); w.Write(SegmentIndex);
        w.Write("kind"); w.Write(Kind switch { JournalKind.Events => EventsKind, JournalKind.Orders => OrdersKind, _ => FramesKind });
        w.Write("source"); w.Write(Source);
        if (QuoteIsMarketState) { w.Write("quoteIsMarketState"); w.Write(true); }
        w.Write("symbols");
        w.WriteArrayHeader(Symbols.Count);
        foreach (var s in Symbols)
        {
            w.WriteMapHeader(9);
            w.Write("id"); w.Write(s.Id);
            w.Write("name"); w.Write(s.Name);
            w.Write("venue"); w.Write(s.Venue);
            w.Write("priceDecimals"); w.Write(s.PriceDecimals);
            w.Write("quantityDecimals"); w.Write(s.QuantityDecimals);
            w.Write("tickSize"); w.Write(s.TickSize);
            w.Write("lotSize"); w.Write(s.LotSize);
            w.Write("minQuantity"); w.Write(s.MinQuantity);
            w.Write("minNotional"); w.Write(s.MinNotional);
        }
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes a header; unknown keys are skipped.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid header.</exception>
    public static JournalHeader Deserialize(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            var r = new MessagePackReader(bytes);
            var h = new JournalHeader { HeaderVersion = 1 }; // version 1 wrote no headerVersion key
            int n = r.ReadMapHeader();
            for (int i = 0; i < n; i++)
            {
                switch (r.ReadString())
                {
                    case "formatVersion": h = h with { FormatVersion = r.ReadInt32() }; break;
                    case "headerVersion": h = h with { HeaderVersion = r.ReadInt32() }; break;
                    case "venue": h = h with { Venue = r.ReadString() ?? "" }; break;
                    case "host": h = h with { Host = r.ReadString() ?? "" }; break;
                    case "startTimeNs": h = h with { StartTimeNs = r.ReadInt64() }; break;
                    case "segmentIndex": h = h with { SegmentIndex = r.ReadInt32() }; break;
                    case "symbols": h = h with { Symbols = ReadSymbols(ref r) }; break;
                    case "kind": h = h with { Kind = ParseKind(r.ReadString()) }; break;
                    case "source": h = h with { Source = r.ReadString() ?? "" }; break;
                    case "quoteIsMarketState": h = h with { QuoteIsMarketState = r.ReadBoolean() }; break;
                    default: r.Skip(); break;
                }
            }
            return h;
        }
        catch (MessagePackSerializationException ex)
        {
            throw new InvalidDataException($"journal header is not valid MessagePack: {ex.Message}", ex);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("journal header is truncated", ex);
        }
    }

    private const string FramesKind = "frames";
    private const string EventsKind = "events";
    private const string OrdersKind = "orders";

    // An unknown kind from a later version must not be read as frames: it is refused like a bad header.
    private static JournalKind ParseKind(string? kind) => kind switch
    {
        FramesKind => JournalKind.Frames,
        EventsKind => JournalKind.Events,
        OrdersKind => JournalKind.Orders,
        _ => throw new InvalidDataException($"journal kind '{kind}' is not one this version reads"),
    };

    private static List<JournalSymbol> ReadSymbols(ref MessagePackReader r)
    {
        int count = r.ReadArrayHeader();
        var list = new List<JournalSymbol>(count);
        for (int i = 0; i < count; i++)
        {
            int id = -1, pd = 0, qd = 0;
            long tick = 1, lot = 1, minQty = 0, minNotional = 0;
            string name = "", venue = "";
            int fields = r.ReadMapHeader();
            for (int f = 0; f < fields; f++)
            {
                switch (r.ReadString())
                {
                    case "id": id = r.ReadInt32(); break;
                    case "name": name = r.ReadString() ?? ""; break;
                    case "venue": venue = r.ReadString() ?? ""; break;
                    case "priceDecimals": pd = r.ReadInt32(); break;
                    case "quantityDecimals": qd = r.ReadInt32(); break;
                    case "tickSize": tick = r.ReadInt64(); break;
                    case "lotSize": lot = r.ReadInt64(); break;
                    case "minQuantity": minQty = r.ReadInt64(); break;
                    case "minNotional": minNotional = r.ReadInt64(); break;
                    default: r.Skip(); break;
                }
            }
            list.Add(new JournalSymbol(id, name, venue, pd, qd, tick, lot, minQty, minNotional));
        }
        return list;
    }
}
