namespace HftScalper.Inference.Metadata;

/// <summary>Thrown when a model's metadata is missing or malformed; the message names every bad key.</summary>
public sealed class ModelMetadataException : Exception
{
    /// <summary>Creates the exception with a message naming the problem.</summary>
    public ModelMetadataException(string message) : base(message) { }
}
