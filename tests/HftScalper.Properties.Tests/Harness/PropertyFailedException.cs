namespace HftScalper.Properties.Tests.Harness;

/// <summary>A property failed: the message names the seed that reproduces it and the shrunk input.</summary>
public sealed class PropertyFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PropertyFailedException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception.</summary>
    public PropertyFailedException() { }

    /// <summary>Creates the exception.</summary>
    public PropertyFailedException(string message) : base(message) { }
}
