using System.Buffers.Text;
using HftScalper.Core.Numerics;

namespace HftScalper.Recording.Events.Csv;

/// <summary>Comma-separated fields of one line, located without allocating (up to <see cref="MaxFields"/>).</summary>
internal ref struct CsvRow
{
    public const int MaxFields = 48;

    private readonly ReadOnlySpan<byte> _line;
    private readonly Span<Range> _fields;

    public CsvRow(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        _line = line;
        _fields = fields;
        int count = 0, start = 0;
        for (int i = 0; i <= line.Length && count < fields.Length; i++)
        {
            if (i == line.Length || line[i] == (byte)',')
            {
                fields[count++] = new Range(start, i);
                start = i + 1;
            }
        }
        Count = count;
    }

    public int Count { get; }

    public readonly ReadOnlySpan<byte> this[int i] => _line[_fields[i]];

    public readonly bool TryLong(int i, out long value) =>
        Utf8Parser.TryParse(this[i], out value, out int used) && used == this[i].Length;

    public readonly bool TryFixed(int i, int decimals, out long value) =>
        FixedPoint.TryParse(this[i], decimals, out value) == FixedPointStatus.Ok;

    public readonly bool TryBool(int i, out bool value)
    {
        var f = this[i];
        if (f.SequenceEqual("true"u8) || f.SequenceEqual("True"u8) || f.SequenceEqual("1"u8)) { value = true; return true; }
        if (f.SequenceEqual("false"u8) || f.SequenceEqual("False"u8) || f.SequenceEqual("0"u8)) { value = false; return true; }
        value = false;
        return false;
    }

    /// <summary>True when the first field does not start with a digit or '-': a header row.</summary>
    public static bool IsHeader(ReadOnlySpan<byte> line) => line.Length > 0 && !(char.IsAsciiDigit((char)line[0]) || line[0] == (byte)'-');
}
