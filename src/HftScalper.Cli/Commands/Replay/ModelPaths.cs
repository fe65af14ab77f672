namespace HftScalper.Cli.Commands.Replay;

/// <summary>Finds the bundled default model: <c>models/default.onnx</c> in the working folder, beside the binary,
/// or in the repository the binary was built from.</summary>
internal static class ModelPaths
{
    /// <summary>File name of the bundled default model.</summary>
    public const string DefaultFile = "default.onnx";

    /// <summary>The first existing default model path, or null.</summary>
    public static string? FindDefault()
    {
        foreach (var dir in Candidates())
        {
            var path = Path.Combine(dir, "models", DefaultFile);
            if (File.Exists(path)) return Path.GetFullPath(path);
        }
        return null;
    }

    private static IEnumerable<string> Candidates()
    {
        yield return Directory.GetCurrentDirectory();
        // Walk up from the binary: artifacts/bin/HftScalper.Cli/release/ -> repository root.
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            yield return d.FullName;
    }
}
