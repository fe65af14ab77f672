namespace HftScalper.Core.Numerics;

/// <summary>Outcome of parsing a decimal string into a scaled integer.</summary>
public enum FixedPointStatus : byte
{
    /// <summary>Parsed exactly.</summary>
    Ok = 0,

    /// <summary>Empty input.</summary>
    Empty,

    /// <summary>Not a plain decimal: a stray character, a lone sign or dot, two dots, an exponent.</summary>
    BadFormat,

    /// <summary>The value does not fit in a signed 64-bit integer at the requested scale.</summary>
    Overflow,

    /// <summary>Non-zero digits beyond the scale: the value is not on the symbol's price or lot grid.</summary>
    OffGrid,

    /// <summary>A minus sign where only non-negative values are allowed.</summary>
    Negative,
}
