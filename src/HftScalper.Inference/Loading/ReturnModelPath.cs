namespace HftScalper.Inference.Loading;

/// <summary>
/// Where a direction model's companion return regressor lives: <c>NAME.return.onnx</c> beside <c>NAME.onnx</c>. One
/// home for the convention: training writes it there, serving looks for it there, and a models folder never takes
/// it for a direction model of its own.
/// </summary>
public static class ReturnModelPath
{
    /// <summary>The file-name ending of a return regressor.</summary>
    public const string Suffix = ".return.onnx";

    /// <summary>The return regressor's path for the direction model at <paramref name="directionPath"/>.</summary>
    public static string For(string directionPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directionPath);
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(directionPath))!, Path.GetFileNameWithoutExtension(directionPath) + Suffix);
    }

    /// <summary>True when <paramref name="path"/> names a return regressor (never a direction model itself).</summary>
    public static bool Is(string path) => path.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase);
}
