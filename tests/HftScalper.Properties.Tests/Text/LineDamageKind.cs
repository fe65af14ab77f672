namespace HftScalper.Properties.Tests.Text;

/// <summary>What a <see cref="LineDamage"/> does to the lines of a text recording.</summary>
internal enum LineDamageKind : byte
{
    Garbage,
    Truncate,
    Duplicate,
    Swap,
    Blank,
    CarriageReturn,
    FlipBit,
    LongLine,
}
