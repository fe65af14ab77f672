using System.Text.Json;

namespace HftScalper.Inference.Lifecycle;

/// <summary>
/// The registry's record of which model serves, kept as <c>manifest.json</c> in the models folder:
/// <code>
/// {
///   "format": 1,
///   "promoted":  { entry } | null,      // the model that serves (what a restart loads)
///   "history":   [ { entry }, ... ],    // previously promoted models, newest first; rollback pops the first
///   "candidate": { entry } | null       // a shadow model scored beside the live one, not yet promoted
/// }
/// entry = { "file", "archive", "sha256", "name", "version", "schemaHash", "recordedUtc", "note" }
/// </code>
/// Written atomically (temporary file, then rename), so a reader (a watcher in another process) never sees half a
/// manifest. Concurrent writers are last-writer-wins: promotion is an operator's act, not a hot path. Without a
/// manifest, a file named <c>default.onnx</c> counts as promoted (the bundled model).
/// </summary>
public sealed class ModelManifest
{
    /// <summary>The manifest file name inside the models folder.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The format this code writes.</summary>
    public const int CurrentFormat = 1;

    /// <summary>File format version.</summary>
    public int Format { get; set; } = CurrentFormat;

    /// <summary>The model that serves, or null.</summary>
    public ModelManifestEntry? Promoted { get; set; }

    /// <summary>Previously promoted models, newest first.</summary>
    public List<ModelManifestEntry> History { get; set; } = [];

    /// <summary>The shadow candidate, or null.</summary>
    public ModelManifestEntry? Candidate { get; set; }

    /// <summary>The manifest as JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ManifestJsonContext.Default.ModelManifest);

    /// <summary>Parses manifest JSON, or throws <see cref="InvalidDataException"/> saying what is wrong.</summary>
    public static ModelManifest Parse(string json, string source)
    {
        ModelManifest? m;
        try { m = JsonSerializer.Deserialize(json, ManifestJsonContext.Default.ModelManifest); }
        catch (JsonException e) { throw new InvalidDataException($"model manifest '{source}' is not valid JSON: {e.Message}", e); }
        if (m is null) throw new InvalidDataException($"model manifest '{source}' is empty");
        if (m.Format != CurrentFormat) throw new InvalidDataException($"model manifest '{source}' has format {m.Format}; this build reads format {CurrentFormat}");
        m.History ??= [];
        foreach (var e in m.History.Prepend(m.Promoted).Append(m.Candidate))
            if (e is not null && (string.IsNullOrWhiteSpace(e.File) || string.IsNullOrWhiteSpace(e.Sha256)))
                throw new InvalidDataException($"model manifest '{source}': an entry lacks its file or sha256");
        return m;
    }
}
