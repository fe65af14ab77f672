namespace HftScalper.Binance.Parsing;

/// <summary>Unit of Binance's <c>E</c>/<c>T</c> timestamps: milliseconds by default, microseconds when the
/// stream was opened with <c>timeUnit=MICROSECOND</c>.</summary>
public enum BinanceTimeUnit : byte
{
    /// <summary>Milliseconds since the Unix epoch (Binance's default).</summary>
    Milliseconds = 0,

    /// <summary>Microseconds since the Unix epoch (<c>timeUnit=MICROSECOND</c>).</summary>
    Microseconds = 1,
}
