namespace HftScalper.Binance.Auth;

/// <summary>
/// The keys could not be loaded (missing variable, unreadable or unsafe key file, malformed key). The message names
/// the variable or file and what to do; it never contains key material.
/// </summary>
public sealed class BinanceKeyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BinanceKeyException(string message) : base(message) { }

    /// <summary>Creates the exception with a cause (whose message must not contain key material either).</summary>
    public BinanceKeyException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public BinanceKeyException() : base("The Binance keys could not be loaded.") { }
}
