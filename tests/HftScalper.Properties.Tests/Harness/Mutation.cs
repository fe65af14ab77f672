using System.Text;
using CsCheck;

namespace HftScalper.Properties.Tests.Harness;

/// <summary>
/// One generated damage to a byte string: a flipped bit, an overwritten byte, a cut, a duplicated, deleted or
/// swapped slice, or inserted bytes (JSON-significant tokens, extreme numbers, invalid UTF-8, or random bytes).
/// Positions are drawn as numbers and taken modulo the length at apply time, so a list of mutations applies to any
/// input and shrinks towards fewer, smaller edits.
/// </summary>
internal readonly record struct Mutation(MutationKind Kind, int At, int Length, byte Value)
{
    private static readonly byte[][] Tokens =
    [
        "\""u8.ToArray(), "\\"u8.ToArray(), "\\u0041"u8.ToArray(), "\\ud800"u8.ToArray(), "{"u8.ToArray(), "}"u8.ToArray(),
        "["u8.ToArray(), "]"u8.ToArray(), ","u8.ToArray(), ":"u8.ToArray(), "-"u8.ToArray(), "e"u8.ToArray(),
        "E+308"u8.ToArray(), "."u8.ToArray(), "0"u8.ToArray(), "99999999999999999999"u8.ToArray(),
        "9223372036854775808"u8.ToArray(), "null"u8.ToArray(), "true"u8.ToArray(), " "u8.ToArray(), "\n"u8.ToArray(),
        "\r\n"u8.ToArray(), "\t"u8.ToArray(), [0], [0xFF], [0xC3], Encoding.UTF8.GetBytes("\u00e9\u20ac\U0001F600"),
        "\"e\":\"trade\","u8.ToArray(), "\"data\":"u8.ToArray(), "[[\"1.00\",\"2.00\"]],"u8.ToArray(),
        "0.000000000000000001"u8.ToArray(), "1e5"u8.ToArray(), "-0"u8.ToArray(), "00"u8.ToArray(),
    ];

    /// <summary>One mutation.</summary>
    public static readonly Gen<Mutation> Gen =
        CsCheck.Gen.Select(CsCheck.Gen.Enum<MutationKind>(), CsCheck.Gen.Int[0, int.MaxValue], CsCheck.Gen.Int[1, 64], CsCheck.Gen.Byte,
            (k, at, len, v) => new Mutation(k, at, len, v));

    /// <summary>One to <paramref name="max"/> mutations.</summary>
    public static Gen<Mutation[]> Many(int max = 4) => Gen.Array[1, max];

    /// <summary>Applies <paramref name="mutations"/> in order to a copy of <paramref name="input"/>.</summary>
    public static byte[] ApplyAll(ReadOnlySpan<byte> input, IEnumerable<Mutation> mutations)
    {
        var bytes = new List<byte>(input.Length + 64);
        bytes.AddRange(input);
        foreach (var m in mutations) m.Apply(bytes);
        return [.. bytes];
    }

    private void Apply(List<byte> b)
    {
        int n = b.Count;
        int at = n == 0 ? 0 : At % n;
        int len = Math.Min(Length, n - at);
        switch (Kind)
        {
            case MutationKind.FlipBit when n > 0:
                b[at] ^= (byte)(1 << (Value & 7));
                break;
            case MutationKind.SetByte when n > 0:
                b[at] = Value;
                break;
            case MutationKind.Truncate:
                b.RemoveRange(at, n - at);
                break;
            case MutationKind.Duplicate when len > 0:
                b.InsertRange(at, b.GetRange(at, len));
                break;
            case MutationKind.Delete when len > 0:
                b.RemoveRange(at, len);
                break;
            case MutationKind.InsertToken:
                b.InsertRange(at, Tokens[Value % Tokens.Length]);
                break;
            case MutationKind.InsertRandom:
                for (int i = 0; i < Length; i++) b.Insert(at, (byte)(Value * (i + 7)));
                break;
            case MutationKind.SwapSlices when len > 0 && n - len > 0:
                int other = (int)((uint)(At * 31 + Value) % (uint)(n - len + 1));
                var first = b.GetRange(at, len);
                var second = b.GetRange(other, len);
                for (int i = 0; i < len; i++) { b[at + i] = second[i]; }
                for (int i = 0; i < len; i++) { b[other + i] = first[i]; }
                break;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind}@{At}x{Length}:{Value}";
}
