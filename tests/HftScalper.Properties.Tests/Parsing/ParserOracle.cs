using System.Globalization;
using HftScalper.Core.Events;
using HftScalper.Core.Numerics;
using HftScalper.Core.Symbols;

namespace HftScalper.Properties.Tests.Parsing;

/// <summary>
/// What a generated message must parse to, from the format's rules alone (FixedPoint for decimals, JSON integers for
/// ids and times, quantities up to <see cref="Binance.Parsing.BinanceParserOptions.MaxQuantityLots"/>): the events when
/// every part is valid, a rejection when some part is plainly invalid, or no
/// prediction (null) for the cases the rules leave open (escaped digits or symbols, "-0").
/// </summary>
internal static class ParserOracle
{
    /// <summary>True/false: accepted/rejected; null: no prediction. <paramref name="events"/> when accepted.</summary>
    public static bool? Predict(MessageSpec m, SymbolRegistry registry, out List<ExpectedEvent> events)
    {
        events = [];
        bool? verdict = true;
        int symbolId = Symbol(m.Symbol, registry, ref verdict);
        long id = Integer(m.Id, ref verdict);
        long last = Integer(m.LastId, ref verdict);
        long time = m.EventTime is null ? 0 : Time(m.EventTime, ref verdict);
        if (m.Prev is not null && m.Kind == MessageKind.DepthUpdate) Integer(m.Prev, ref verdict);
        var (_, priceDecimals, qtyDecimals) = symbolId >= 0 ? Decimals(registry, symbolId) : (0, 2, 2);
        var values = m.Levels.Select(l => (P: Decimal(l.Price, priceDecimals, ref verdict), Q: Decimal(l.Qty, qtyDecimals, ref verdict))).ToArray();
        // The quantity bound (h4): a quantity above MaxQuantityLots rejects the message (QuantityTooLarge). Generated
        // valid messages stay at or below 10^12 ticks; only extreme decimals reach it.
        if (values.Any(v => v.Q > ParserPair.Options.MaxQuantityLots)) Downgrade(ref verdict, false);
        if (verdict != true) return verdict;

        long exchange = m.EventTime is null ? 0 : time * 1_000_000;
        switch (m.Kind)
        {
            case MessageKind.DepthUpdate:
            case MessageKind.Snapshot:
                var kind = m.Kind == MessageKind.DepthUpdate ? MarketEventKind.BookDelta : MarketEventKind.SnapshotLevel;
                long first = m.Kind == MessageKind.DepthUpdate ? id : 0;
                long update = m.Kind == MessageKind.DepthUpdate ? last : id;
                long ns = m.Kind == MessageKind.Snapshot && !m.Futures ? 0 : exchange;
                for (int i = 0; i < values.Length; i++)
                    events.Add(new(kind, i < m.BidCount ? Side.Bid : Side.Ask, values[i].P, values[i].Q, 0, 0, update, first, symbolId, ns));
                if (values.Length == 0) events.Add(new(kind, Side.None, 0, 0, 0, 0, update, first, symbolId, ns));
                break;
            case MessageKind.BookTicker:
                events.Add(new(MarketEventKind.TopOfBook, Side.None, values[0].P, values[0].Q, values[1].P, values[1].Q, id, 0, symbolId,
                    m.Futures ? exchange : 0));
                break;
            default:
                events.Add(new(MarketEventKind.Trade, m.BuyerIsMaker ? Side.Ask : Side.Bid, values[0].P, values[0].Q, 0, 0, id,
                    m.Kind == MessageKind.AggTrade ? last : id, symbolId, exchange));
                break;
        }
        return true;
    }

    private static (int, int, int) Decimals(SymbolRegistry registry, int id)
    {
        var s = registry[id];
        return (id, s.PriceDecimals, s.QuantityDecimals);
    }

    private static int Symbol(string name, SymbolRegistry registry, ref bool? verdict)
    {
        if (registry.TryGet(name, out var s)) return s!.Id;
        Downgrade(ref verdict, name.Contains('\\', StringComparison.Ordinal) || name.Contains('"', StringComparison.Ordinal) ? null : false);
        return -1;
    }

    private static long Integer(string text, ref bool? verdict)
    {
        if (text == "-0") { Downgrade(ref verdict, null); return 0; }
        bool plain = text.Length > 0 && text.All(char.IsAsciiDigit) && (text.Length == 1 || text[0] != '0');
        if (plain && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long v)) return v;
        Downgrade(ref verdict, false);
        return 0;
    }

    private static long Time(string text, ref bool? verdict)
    {
        long v = Integer(text, ref verdict);
        if (v > long.MaxValue / 1_000_000) Downgrade(ref verdict, false);
        return v;
    }

    private static long Decimal(string text, int decimals, ref bool? verdict)
    {
        if (text.Contains('\\', StringComparison.Ordinal)) { Downgrade(ref verdict, null); return 0; }
        if (FixedPoint.TryParse(text, decimals, out long v) == FixedPointStatus.Ok) return v;
        Downgrade(ref verdict, false);
        return 0;
    }

    // A plain rejection outranks "no prediction": any invalid part rejects the whole message.
    private static void Downgrade(ref bool? verdict, bool? to)
    {
        if (to == false) verdict = false;
        else if (verdict == true) verdict = to;
    }
}
