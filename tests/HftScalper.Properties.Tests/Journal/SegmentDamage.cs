using System.Buffers.Binary;
using CsCheck;
using HftScalper.Recording.Journal;

namespace HftScalper.Properties.Tests.Journal;

/// <summary>One generated damage to one segment file (which segment and where: modulo at apply time).</summary>
internal readonly record struct SegmentDamage(SegmentDamageKind Kind, int Segment, int At, int Length, byte Value)
{
    public static readonly Gen<SegmentDamage> Gen =
        CsCheck.Gen.Select(CsCheck.Gen.Enum<SegmentDamageKind>(), CsCheck.Gen.Int[0, 1000], CsCheck.Gen.Int[0, int.MaxValue],
            CsCheck.Gen.Int[1, 64], CsCheck.Gen.Byte, (k, s, at, len, v) => new SegmentDamage(k, s, at, len, v));

    /// <summary>
    /// Applies the damage to <paramref name="files"/> (the segments' bytes, changed in place), returning the segment
    /// index and the damaged byte range (a cut damages everything after it; appended bytes damage nothing written).
    /// </summary>
    public (int Segment, long From, long To) Apply(List<byte[]> files)
    {
        int s = Segment % files.Count;
        var b = files[s];
        int at = b.Length == 0 ? 0 : (int)((uint)At % (uint)b.Length);
        switch (Kind)
        {
            case SegmentDamageKind.Cut:
                files[s] = b[..at];
                return (s, at, long.MaxValue);
            case SegmentDamageKind.FlipBit when b.Length > 0:
                b[at] ^= (byte)(1 << (Value & 7));
                return (s, at, at + 1);
            case SegmentDamageKind.Overwrite when b.Length > 0:
                int len = Math.Min(Length, b.Length - at);
                for (int i = 0; i < len; i++) b[at + i] ^= (byte)(Value | 1); // always a different byte
                return (s, at, at + len);
            case SegmentDamageKind.AppendGarbage:
                var garbage = new byte[Length];
                for (int i = 0; i < garbage.Length; i++) garbage[i] = (byte)(Value * (i + 3));
                files[s] = [.. b, .. garbage];
                return (s, b.Length, b.Length);
            case SegmentDamageKind.FlipLengthBit when b.Length >= JournalFormat.FilePreambleSize:
                long field = JournalFormat.FilePreambleSize + BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(8)) + 2 + (Value >> 7);
                if (field >= b.Length) return (s, long.MaxValue, long.MaxValue);
                b[field] ^= (byte)(1 << (Value >> 7 == 0 ? Value & 7 : Value & 1)); // byte 3: bits 24..25 only (<= 64 MB)
                return (s, field, field + 1);
            default:
                return (s, long.MaxValue, long.MaxValue);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind}(segment {Segment}, at {At}, len {Length}, value {Value})";
}
