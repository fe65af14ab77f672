using System.Text;
using CsCheck;

namespace HftScalper.Properties.Tests.Text;

/// <summary>One generated line-level damage: a garbage, blank or over-long line inserted, a line cut short,
/// duplicated, swapped with another, given a '\r', or a bit flipped in it. Positions are taken modulo at apply time.</summary>
internal readonly record struct LineDamage(LineDamageKind Kind, int At, int Other, byte Value)
{
    /// <summary>Lines longer than this are over-long for the properties' sources.</summary>
    public const int MaxLineBytes = 4096;

    private static readonly string[] GarbageLines =
    [
        "garbage", "123", "123 ", "abc {\"e\":1}", "1723161255000000000", "-5 {\"e\":\"trade\"}", "99999999999999999999 {}",
        "\0\0\0", "1723161255000000000 [1,2]", "1723161255000000000\t{}", " 1723161255000000000 {}", "17231612550000000001723161255 {",
        "1723161255000000000 {\"lastUpdateId\"", "1723161255000000000 {\"stream\":\"ethusdt@trade\",\"data\":{}}",
    ];

    public static readonly Gen<LineDamage> Gen =
        CsCheck.Gen.Select(CsCheck.Gen.Enum<LineDamageKind>(), CsCheck.Gen.Int[0, int.MaxValue], CsCheck.Gen.Int[0, int.MaxValue], CsCheck.Gen.Byte,
            (k, at, other, v) => new LineDamage(k, at, other, v));

    public void Apply(List<byte[]> lines)
    {
        int n = lines.Count;
        int at = n == 0 ? 0 : At % n;
        switch (Kind)
        {
            case LineDamageKind.Garbage:
                lines.Insert(at, Encoding.UTF8.GetBytes(GarbageLines[Value % GarbageLines.Length]));
                break;
            case LineDamageKind.Truncate when n > 0:
                lines[at] = lines[at][..(lines[at].Length == 0 ? 0 : Other % lines[at].Length)];
                break;
            case LineDamageKind.Duplicate when n > 0:
                lines.Insert(at, lines[at]);
                break;
            case LineDamageKind.Swap when n > 0:
                int j = Other % n;
                (lines[at], lines[j]) = (lines[j], lines[at]);
                break;
            case LineDamageKind.Blank:
                lines.Insert(at, Value % 3 == 0 ? [] : Value % 3 == 1 ? "   "u8.ToArray() : "\r"u8.ToArray());
                break;
            case LineDamageKind.CarriageReturn when n > 0:
                lines[at] = [.. lines[at], (byte)'\r'];
                break;
            case LineDamageKind.FlipBit when n > 0 && lines[at].Length > 0:
                var copy = (byte[])lines[at].Clone();
                copy[Other % copy.Length] ^= (byte)(1 << (Value & 7));
                lines[at] = copy;
                break;
            case LineDamageKind.LongLine:
                // Well past the limit (the limit itself is checked against the line with or without its '\n'
                // depending on where a read ended: not a property of the format).
                lines.Insert(at, Encoding.UTF8.GetBytes($"1723161255000000000 {{\"x\":\"{new string('x', MaxLineBytes + 16 + (Value * 37))}\"}}"));
                break;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind}(line {At}, {Other}, {Value})";
}
