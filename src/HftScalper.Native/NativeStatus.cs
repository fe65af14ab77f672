namespace HftScalper.Native;

/// <summary>Status codes returned by libhftnative (<c>HFT_OK</c>, <c>HFT_E_*</c> in hft_native.h).</summary>
public enum NativeStatus
{
    /// <summary>Success.</summary>
    Ok = 0,

    /// <summary>A required pointer was null.</summary>
    Null = -1,

    /// <summary>The side was neither bid nor ask.</summary>
    BadSide = -2,

    /// <summary>A price was zero or negative.</summary>
    BadPrice = -3,

    /// <summary>A quantity was negative.</summary>
    BadQuantity = -4,

    /// <summary>Another argument was out of range.</summary>
    BadArgument = -5,

    /// <summary>Growing past the reserved capacity failed.</summary>
    NoMemory = -6,

    /// <summary>An unexpected native failure (a caught exception).</summary>
    Internal = -7,
}
