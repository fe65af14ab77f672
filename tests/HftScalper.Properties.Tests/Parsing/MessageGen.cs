using System.Globalization;
using CsCheck;

namespace HftScalper.Properties.Tests.Parsing;

/// <summary>
/// Generators of Binance messages. <see cref="Valid"/> draws well-formed messages of registered symbols with
/// on-grid values (any magnitude the format allows, trailing zeros, reordered fields, whitespace, escapes in an
/// extra field); <see cref="Extreme"/> mixes in the edges: zero, 19+ digit numbers, negatives, exponent forms, many
/// decimals, leading zeros, empty strings, unicode digits, escaped digits, unknown or escaped symbols.
/// </summary>
internal static class MessageGen
{
    /// <summary>The registry the specs are drawn for: name, price decimals, quantity decimals.</summary>
    public static readonly (string Name, int PriceDecimals, int QtyDecimals)[] Symbols =
        [("BTCUSDT", 2, 5), ("ETHUSDT", 4, 3), ("BTCUSD_PERP", 1, 0)];

    private static readonly string[] OddSymbols = ["XYZUSDT", "", "btcusdt", "BTC\\u0055SDT", "\u00c9THUSDT", new string('A', 40), "BTC\"USDT"];

    private static readonly string[] OddDecimals =
    [
        "0", "0.000000000000000000", "9223372036854775807", "9223372036854775808", "99999999999999999999.00",
        "-1.00", "-0", "1e5", "1.5E-3", "1E+2", "1.123456789012345678901", "0001.50", ".5", "5.", "", "+1", " 1", "1 ",
        "\u0661", "\\u0031.00", "NaN", "Infinity", "0x1F", "1_000", "1..2", "--1", "0.00000001", "184467440737.09551616",
    ];

    private static readonly string[] OddIntegers =
    [
        "0", "9223372036854775807", "9223372036854775808", "-1", "1.5", "1e3", "\"1\"", "00012", "-0",
        "18446744073709551616", "null", "1E2", "9223372036854775", "true", "[]",
    ];

    private static readonly string[] Extras =
    [
        "\"\u00e9\\\"\\\\\\u1234\"", "{\"k\":[1,2,{\"z\":null}]}", "[]", "1e308", "\"\\ud83d\\ude00\"", "\"\u20ac\"", "-0.0", "\"\\/\\b\\f\\n\\r\\t\"",
    ];

    /// <summary>Well-formed messages the parser must accept.</summary>
    public static readonly Gen<MessageSpec> Valid = Spec(extreme: false);

    /// <summary>Messages with extreme or malformed values in any field.</summary>
    public static readonly Gen<MessageSpec> Extreme = Spec(extreme: true);

    private static Gen<MessageSpec> Spec(bool extreme) =>
        from kind in Gen.Enum<MessageKind>()
        from sym in Gen.Int[0, Symbols.Length - 1]
        from symbol in extreme ? Gen.Frequency((6, Gen.Const(Symbols[sym].Name)), (1, Gen.OneOf(OddSymbols))) : Gen.Const(Symbols[sym].Name)
        from id in Integer(extreme, 1_000_000_000_000_000L)
        from span in Gen.Long[0, 1000]
        from futures in Gen.Bool
        from time in Integer(extreme, 4_000_000_000_000L)
        from hasTime in Gen.Frequency((9, Gen.Const(true)), (1, Gen.Const(false)))
        from bidCount in Gen.Int[0, kind == MessageKind.Snapshot ? 10 : 6]
        from askCount in Gen.Int[0, kind == MessageKind.Snapshot ? 10 : 6]
        from levels in Level(Symbols[sym].PriceDecimals, Symbols[sym].QtyDecimals, extreme).Array[LevelCount(kind, bidCount + askCount)]
        from maker in Gen.Bool
        from layout in Layout
        select new MessageSpec(kind, symbol, id, LastId(id, span), futures ? PrevId(id) : null,
            HasTime(kind, futures, hasTime) ? time : null,
            levels, kind is MessageKind.DepthUpdate or MessageKind.Snapshot ? Math.Min(bidCount, levels.Length) : 1,
            maker, futures, layout.Wrapped, layout.Spaced, layout.Rotate, layout.Extra);

    // Spot bookTickers and spot REST snapshots carry no time; futures ones may omit it.
    private static bool HasTime(MessageKind kind, bool futures, bool drawn) =>
        kind is MessageKind.DepthUpdate or MessageKind.Trade or MessageKind.AggTrade || (futures && drawn);

    private static int LevelCount(MessageKind kind, int depthLevels) => kind switch
    {
        MessageKind.BookTicker => 2,
        MessageKind.Trade or MessageKind.AggTrade => 1,
        _ => depthLevels,
    };

    private static readonly Gen<(bool Wrapped, bool Spaced, int Rotate, string? Extra)> Layout =
        from wrapped in Gen.Bool
        from spaced in Gen.Frequency((4, Gen.Const(false)), (1, Gen.Const(true)))
        from rotate in Gen.Frequency((3, Gen.Const(0)), (1, Gen.Int[1, 12]))
        from extra in Gen.Frequency((4, Gen.Const((string?)null)), (1, Gen.OneOf(Extras).Select(s => (string?)s)))
        select (wrapped, spaced, rotate, extra);

    private static Gen<(string, string)> Level(int priceDecimals, int qtyDecimals, bool extreme) =>
        from p in Decimal(priceDecimals, extreme)
        from q in Decimal(qtyDecimals, extreme)
        select (p, q);

    // An on-grid decimal: up to 10^12 ticks (up to 15 integer digits at 0 decimals), 0..8 trailing zeros.
    private static Gen<string> Decimal(int decimals, bool extreme)
    {
        var valid =
            from ticks in Gen.Frequency((1, Gen.Const(0L)), (6, Gen.Long[0, 1_000_000_000_000L]), (1, Gen.Long[0, 99]))
            from zeros in Gen.Int[0, 8]
            select Format(ticks, decimals, zeros);
        return extreme ? Gen.Frequency((5, valid), (1, Gen.OneOf(OddDecimals))) : valid;
    }

    /// <summary>Ticks as Binance text with <paramref name="decimals"/> digits after the point plus trailing zeros.</summary>
    public static string Format(long ticks, int decimals, int trailingZeros)
    {
        long scale = (long)Math.Pow(10, decimals);
        string s = (ticks / scale).ToString(CultureInfo.InvariantCulture);
        if (decimals + trailingZeros > 0)
            s += "." + (ticks % scale).ToString(CultureInfo.InvariantCulture).PadLeft(decimals, '0')[..decimals] + new string('0', trailingZeros);
        return s;
    }

    private static Gen<string> Integer(bool extreme, long max)
    {
        var valid = Gen.Long[0, max].Select(MessageSpec.Int);
        return extreme ? Gen.Frequency((6, valid), (1, Gen.OneOf(OddIntegers))) : valid;
    }

    private static string LastId(string id, long span) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long v) && v <= long.MaxValue - span ? MessageSpec.Int(v + span) : id;

    private static string PrevId(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long v) && v > 0 ? MessageSpec.Int(v - 1) : "0";
}
