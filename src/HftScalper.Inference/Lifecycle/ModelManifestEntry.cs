namespace HftScalper.Inference.Lifecycle;

/// <summary>One model as the registry manifest records it (see <see cref="ModelManifest"/> for the file format).</summary>
/// <param name="File">The file name as dropped/promoted, relative to the models folder.</param>
/// <param name="Archive">The registry's own copy, relative to the models folder (<c>archive/&lt;sha12&gt;-&lt;file&gt;</c>): what rollback loads, so it works even after the dropped file is replaced or deleted.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the bytes (the model's identity).</param>
/// <param name="Name">Model name from its metadata.</param>
/// <param name="Version">Model version from its metadata.</param>
/// <param name="SchemaHash">Feature schema hash from its metadata.</param>
/// <param name="RecordedUtc">When this entry was written.</param>
/// <param name="Note">How it got here: <c>drop</c>, <c>promote</c>, <c>rollback</c>, <c>shadow</c>, <c>default</c>.</param>
public sealed record ModelManifestEntry(
    string File,
    string Archive,
    string Sha256,
    string Name,
    string Version,
    string SchemaHash,
    DateTimeOffset RecordedUtc,
    string Note);
