namespace HftScalper.Inference.Import;

/// <summary>A model file refused by <see cref="ModelImporter"/>; the message is one line naming the file and the reason.</summary>
public sealed class ModelImportException(string message, Exception? inner = null) : Exception(message, inner);
