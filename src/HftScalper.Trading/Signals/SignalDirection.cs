namespace HftScalper.Trading.Signals;

/// <summary>Direction of a <see cref="Signal"/>; the numeric value is the sign of the wanted position.</summary>
public enum SignalDirection : sbyte
{
    /// <summary>Expect the price to fall: want a short (or smaller long) position.</summary>
    Short = -1,

    /// <summary>No edge: want no new exposure.</summary>
    Flat = 0,

    /// <summary>Expect the price to rise: want a long (or smaller short) position.</summary>
    Long = 1,
}
