namespace HftScalper.Inference.Loading;

/// <summary>Thrown when a model file is refused; the message says which file and why.</summary>
public sealed class ModelLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelLoadException(string message, Exception? inner = null) : base(message, inner) { }
}
